"""What a search costs a reader, measured with the real search.js in headless Chromium.

For each query, a fresh page (browser cache cleared) opens `search/?q=…` and waits for the
results. Every file it fetched is then looked up on disk and gzip-compressed, as static
hosts serve JSON and HTML, so the bytes are what a reader on a real host downloads
(Python's test server itself does not compress). The time is from the end of the last
response before the results appeared to the moment they did: the browser's own work.
"""

import gzip
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
from verify import Chromium, SubPathServer, SUBPATH, free_port  # noqa: E402

QUERIES = ["sparse attention", "robust policy reward", "Nakamura"]

PROBE = """(() => {
  const mark = performance.getEntriesByName('digest-search-results')[0];
  if (!mark) return null;
  const resources = performance.getEntriesByType('resource').map(r => [r.name, r.responseEnd]);
  const before = resources.filter(r => r[1] <= mark.startTime).map(r => r[1]);
  return {resources: resources.map(r => r[0]), results: document.querySelectorAll('.search-results > li').length,
          cpu: mark.startTime - Math.max(0, ...before)};
})()"""


def gzip_size(path):
    with open(path, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=6))


def measure(site, queries=QUERIES):
    """{query: {"files": n, "bytes": gzip bytes, "ms": browser time, "results": shown}}."""
    server = SubPathServer(site, free_port())
    browser = Chromium()
    out = {}
    try:
        for query in queries:
            browser.call("Network.clearBrowserCache")
            url = server.url + "search/?q=" + urllib.parse.quote_plus(query)
            browser.open(url, 1280, 900, False)
            found = None
            for _ in range(300):
                found = browser.call("Runtime.evaluate", expression=PROBE, returnByValue=True)["result"].get("value")
                if found:
                    break
                time.sleep(0.05)
            if not found:
                out[query] = None
                continue
            time.sleep(1.0)  # let snippets and the rest of the page arrive, then count everything
            found = browser.call("Runtime.evaluate", expression=PROBE, returnByValue=True)["result"]["value"]
            prefix = f"/{SUBPATH}/"
            sizes = []
            for name in found["resources"]:
                path = urllib.parse.urlparse(name).path
                if not path.startswith(prefix) or "/assets/" in path:
                    continue  # scripts and styles are the same for every page, and cached
                local = os.path.join(site, urllib.parse.unquote(path[len(prefix):]))
                if local.endswith("/"):
                    local += "index.html"
                if os.path.isfile(local):
                    sizes.append(gzip_size(local))
            out[query] = {"files": len(sizes), "bytes": sum(sizes), "ms": found["cpu"], "results": found["results"]}
    finally:
        browser.close()
        server.close()
    return out


def index_size(site):
    """Files, bytes and gzip bytes of search/ (the index only, not the search page)."""
    files, raw, packed = 0, 0, 0
    for dirpath, _, names in os.walk(os.path.join(site, "search")):
        for name in names:
            if name.endswith(".json"):
                path = os.path.join(dirpath, name)
                files += 1
                raw += os.path.getsize(path)
                packed += gzip_size(path)
    return files, raw, packed
