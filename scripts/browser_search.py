#!/usr/bin/env python3
"""Tests search (docs/search.md) where it runs: the sample site in headless Chromium.

    browser_search.py --digest .build/release/digest    build the sample site and test its search
    browser_search.py --site DIR                        test an already built site (of Content/)

Expectations come from the records in Content/papers, not from a list written here:

  methodology  a word found only in one paper's "## Methodology" section finds that paper first
  accents      an author's name with an accented letter, typed without it, finds their papers
  topic        a topic filter narrows the results to exactly the papers of that topic
  dates        a date range narrows them to exactly the papers of those days
  address      search/?q=…&topic=…&from=…&sort=new&page=1 sets the controls and the results;
               changing a control changes the address
  phrase       a quoted pair of words finds exactly the papers with them in that order
  odd          odd queries (regex characters, 1,000 characters, stop words, emoji, CJK, a lone
               quote) end in a status message, with no console error or exception
  failure      with the index unreachable, both boxes say search is unavailable
  combobox     the header box: typing lists papers, ArrowDown sets aria-activedescendant,
               Enter opens the paper, Escape closes the list
  common       the sample twice over, as October and November (two tiers): every term written as
               "the papers without it" (docs/search.md, "Common terms") in either tier, and some
               written as postings, give search.js exactly the papers the index files list
  index        every term words.js makes of every paper's title, authors and abstract is in
               the index with that paper among its postings (Swift and JavaScript agree)
  stemmer      words.js's Porter stemmer agrees with NLTK's (ORIGINAL_ALGORITHM) on the words
               of Content, of Tests/Fixtures/porter-stems.tsv and of /usr/share/dict/words
  chinese      the sample built with "language": "zh-CN" and one paper written in Chinese: a
               two-character word of its title and one of its summary find it (snippet marked),
               the header box lists it, and the status, pager, options and Save buttons are
               the zh-CN table's strings

Prints one PASS or FAIL line per check and `browser-search: N passed, M failed`; exits 1 if
any failed. Run by `make verify`; needs what scripts/install-verify-tools.sh installs.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify import REPO, SUBPATH, Chromium, SubPathServer, evaluate, free_port, tally  # noqa: E402

# ---------------------------------------------------------------- the records, in Python

STOP_WORDS = set("a an and are as at be been but by can for from has have in into is it its not of on or our than that "
                 "the their these this those to was we were which with".split())
LETTERS = str.maketrans({"ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae", "œ": "oe",
                         "ß": "ss", "þ": "th", "ς": "σ"})


def fold(text):
    text = unicodedata.normalize("NFD", text)
    return re.sub("[\u0300-\u036f\u3099\u309a]", "", text).lower().translate(LETTERS)


def plain_words(text):
    """Folded words of a–z only (what the stemmer sees); enough to pick test words."""
    return [w for w in re.findall(r"[^\W_]+", fold(text)) if re.fullmatch("[a-z]{2,40}", w)]


def base_id(paper_id):
    return re.sub(r"v\d+$", "", paper_id)


def load_papers():
    """Every record of Content/papers, by id without version (later records of a paper add to it)."""
    papers = {}
    for path in sorted(glob.glob(os.path.join(REPO, "Content", "papers", "**", "*.json"), recursive=True)):
        data = json.load(open(path, encoding="utf-8"))
        for record in data["papers"] if isinstance(data, dict) else data:
            papers.setdefault(base_id(record["id"]), []).append(record)
    return papers


def version(paper_id):
    match = re.search(r"v(\d+)$", paper_id)
    return int(match.group(1)) if match else None


def merged(records):
    """A paper's fields as the site shows them (docs/content-format.md): those of its latest
    record in path order, except that a record of a lower explicit version never replaces a
    higher one; a field a later record lacks keeps its earlier value."""
    paper, latest = dict(records[0]), records[0]
    for record in records[1:]:
        kept, offered = version(latest["id"]), version(record["id"])
        if kept is not None and offered is not None and offered < kept:
            continue
        latest = record
        paper.update({key: value for key, value in record.items() if value not in (None, [], "")})
        paper["title"], paper["authors"] = record["title"], record.get("authors", [])
    return paper


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def methodology(summary):
    """The text of a summary's "## Methodology" section, and the summary without it."""
    match = re.search(r"^##[ \t]+Methodology[ \t]*\n(.*?)(?=^#{1,2}[ \t]|\Z)", summary or "", re.M | re.S)
    if not match:
        return "", summary or ""
    return match.group(1), summary[:match.start()] + summary[match.end():]


# ---------------------------------------------------------------- the browser

class Page:
    def __init__(self, browser, base):
        self.browser, self.base = browser, base

    def open(self, path):
        errors, _ = self.browser.open(self.base + path, 1280, 900, False)
        return errors

    def eval(self, expression):
        return evaluate(self.browser, expression)

    def wait(self, expression, seconds=15):
        """Polls until `expression` is truthy; returns its last value."""
        deadline = time.time() + seconds
        value = None
        while time.time() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.05)
        return value

    def settled(self):
        """Waits for the search page's status to say something other than "Searching…" (in the page's language)."""
        return self.wait("(() => { const s = document.querySelector('[data-search-status]');"
                         " return s && s.textContent && s.textContent !== DigestText.t('searching') ? s.textContent : ''; })()")

    def results(self):
        return self.eval("[...document.querySelectorAll('[data-search-results] > li')].map(li => ({"
                         "id: li.dataset.resultId, day: li.dataset.resultDay, topics: li.dataset.resultTopics.split(' '),"
                         "marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))") or []

    def total(self):
        return int(self.eval("document.querySelector('[data-search-results]').getAttribute('data-total') || '-1'"))

    def errors(self, seconds=0.3):
        self.browser.drain(seconds)
        errors = self.browser.errors()
        self.browser.events.clear()
        return errors

    def search(self, **params):
        """Opens search/?params, waits for the results; returns (status, results, total, errors)."""
        errors = self.open("search/?" + urllib.parse.urlencode(params))
        status = self.settled()
        return status, self.results(), self.total(), errors

    def all_results(self, **params):
        """Every result of a query, page by page."""
        status, found, total, errors = self.search(**params)
        page = 1
        while len(found) < total and page < 50:
            page += 1
            _, more, _, more_errors = self.search(**params, page=page)
            found += more
            errors += more_errors
        return found, total, errors

    def key(self, key, code, key_code, text=None):
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}
            if text and kind == "keyDown":
                params["text"] = text
            self.browser.call("Input.dispatchKeyEvent", **params)


# ---------------------------------------------------------------- checks

def check_methodology(page, papers):
    # Terms by paper: in its Methodology section, and everywhere else.
    from nltk.stem.porter import PorterStemmer
    stem = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM).stem
    inside, elsewhere = {}, {}
    for paper_id, records in papers.items():
        inside[paper_id], elsewhere[paper_id] = set(), set()
        for record in records:
            section, rest = methodology(record.get("summary"))
            inside[paper_id].update(plain_words(section))
            other = {key: value for key, value in record.items() if key != "summary"}
            for text in list(strings(other)) + [rest]:
                elsewhere[paper_id].update(stem(w) for w in plain_words(text))
    all_elsewhere = set().union(*elsewhere.values())
    candidates = []
    for paper_id in sorted(inside):
        others = set().union(*(inside[p] for p in inside if p != paper_id))
        other_terms = all_elsewhere | {stem(w) for w in others}
        for word in sorted(inside[paper_id]):
            term = stem(word)
            if word in STOP_WORDS or len(word) < 5 or term in other_terms:
                continue
            # Typed as the last word, it is also a prefix: no other term may start with it.
            if any(t.startswith(word) or t.startswith(term) for t in other_terms):
                continue
            candidates.append((paper_id, word))
    if not candidates:
        return False, "Content has no paper with a word found only in its Methodology section"
    paper_id, word = candidates[len(candidates) // 2]
    status, found, total, errors = page.search(q=word)
    top = base_id(found[0]["id"]) if found else None
    marks = page.wait("(() => { const li = document.querySelector('[data-search-results] > li');"
                      " return li ? [...li.querySelectorAll('mark')].map(m => m.textContent) : []; })()", seconds=5) or []
    ok = top == paper_id and not errors and any(fold(m).startswith(word[:4]) for m in marks)
    return ok, (f"“{word}” (only in {paper_id}'s Methodology; {len(candidates)} such words) finds {top} first "
                f"of {total}, snippet marks {marks[:3]}" + (f"; errors: {errors}" if errors else ""))


def check_accents(page, papers):
    authors = {}
    for paper_id, records in papers.items():
        for record in records:
            for name in record.get("authors", []):
                authors.setdefault(name, set()).add(paper_id)
    accented = sorted(name for name in authors
                      if any(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", name)))
    if not accented:
        return False, "Content has no author whose name has an accented letter"
    name = accented[0]
    typed = "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")
    status, found, total, errors = page.search(q=typed)
    ids = [base_id(r["id"]) for r in found]
    expected = authors[name]
    # Typed with its accents, the name finds the same papers.
    _, same, _, more = page.search(q=name)
    errors += more
    same = [base_id(r["id"]) for r in same]
    ok = bool(ids) and ids[0] in expected and (len(expected) > 10 or expected <= set(ids)) and same == ids and not errors
    return ok, (f"“{typed}” finds {len(expected & set(ids))} of {name}'s {len(expected)} papers "
                f"(first: {ids[:1]}, {total} results); “{name}” finds {'the same' if same == ids else same}"
                + (f"; errors: {errors}" if errors else ""))


def common_word(papers):
    """The plain word in the most papers: a query with many results to narrow."""
    counts = {}
    for paper_id, records in papers.items():
        for word in {w for r in records for t in strings(r) for w in plain_words(t)} - STOP_WORDS:
            counts[word] = counts.get(word, 0) + 1
    return max(sorted(counts), key=lambda w: counts[w])


def check_filters(page, papers, manifest):
    word = common_word(papers)
    everything, total, errors = page.all_results(q=word)
    lines, ok = [], bool(everything) and len(everything) == total and not errors
    # The topic with the most of these results, but not all of them.
    slugs = [slug for _, slug in manifest["topics"]]
    counts = {slug: sum(slug in r["topics"] for r in everything) for slug in slugs}
    topic = max((s for s in slugs if 0 < counts[s] < total), key=lambda s: counts[s], default=None)
    results = {}
    if topic is None:
        return {"topic": (False, f"no topic narrows “{word}”")}, word
    found, narrowed, more = page.all_results(q=word, topic=topic)
    wrong = [r["id"] for r in found if topic not in r["topics"]]
    expected = sorted(r["id"] for r in everything if topic in r["topics"])
    results["topic"] = (ok and not more and not wrong and narrowed < total and sorted(r["id"] for r in found) == expected,
                        f"“{word}”: {total} papers; topic {topic}: {narrowed} (expected {len(expected)}), "
                        f"{len(wrong)} outside the topic" + (f"; errors: {errors + more}" if errors or more else ""))
    days = sorted({r["day"] for r in everything})
    first, last = days[len(days) // 3], days[2 * len(days) // 3]
    found, narrowed, more = page.all_results(q=word, **{"from": first, "to": last})
    wrong = [r["id"] for r in found if not first <= r["day"] <= last]
    expected = sorted(r["id"] for r in everything if first <= r["day"] <= last)
    results["dates"] = (ok and not more and not wrong and 0 < narrowed < total and sorted(r["id"] for r in found) == expected,
                        f"“{word}”: {total} papers; {first} to {last}: {narrowed} (expected {len(expected)}), "
                        f"{len(wrong)} outside" + (f"; errors: {more}" if more else ""))
    return results, word


def check_address(page, word, manifest):
    topic = manifest["topics"][0][1]
    start = manifest["days"][len(manifest["days"]) // 2]
    status, found, total, errors = page.search(q=word, topic=topic, **{"from": start}, sort="new", page=1)
    controls = page.eval("(() => { const f = document.querySelector('[data-search-page]'); return {"
                         "q: f.q.value, topic: f.topic.value, from: f.from.value, to: f.to.value, code: f.code.checked,"
                         "sort: f.sort.value, shown: !document.querySelector('[data-search-filters]').hidden}; })()")
    problems = []
    want = {"q": word, "topic": topic, "from": start, "to": "", "code": False, "sort": "new", "shown": True}
    if controls != want:
        problems.append(f"controls show {controls}, not {want}")
    days = [r["day"] for r in found]
    if not found or any(topic not in r["topics"] or r["day"] < start for r in found) or days != sorted(days, reverse=True):
        problems.append(f"results do not match the address: {[(r['id'], r['day']) for r in found]}")
    page.eval("(() => { const box = document.querySelector('[data-search-page]').code; box.click(); })()")
    after_code = page.wait("location.search.includes('code=1') ? location.search : ''", seconds=5)
    if not after_code:
        problems.append(f"ticking “has code” left the address at {page.eval('location.search')}")
    page.eval("(() => { const s = document.querySelector('[data-search-page]').sort; s.value = '';"
              " s.dispatchEvent(new Event('change', {bubbles: true})); })()")
    after_sort = page.wait("location.search.includes('sort=') ? '' : location.search", seconds=5)
    if not after_sort:
        problems.append(f"choosing best match left the address at {page.eval('location.search')}")
    problems += page.errors()
    problems += errors
    return not problems, (f"{len(found)} results of {total} in {topic} from {start}, newest first; "
                          f"then {after_code or '?'}, then {after_sort or '?'}") + ("; " + "; ".join(problems) if problems else "")


ODD_QUERIES = [
    ".*+?^${}()|[]\\", "(a|b)*c[", "attention " * 100, "x" * 1000, "the of and with", "🙂🚀", "注意力机制", "\"unclosed phrase",
    "\"\"", "arXiv:", "https://arxiv.org/abs/", "%00 \u0000 \ufffd \u200b \u0301", "𠀀𠀁𠀂",
]


def check_odd(page):
    problems, statuses = [], []
    for query in ODD_QUERIES:
        status, found, total, errors = page.search(q=query)
        statuses.append(status)
        if not status:
            problems.append(f"{query[:30]!r}: no status message")
        problems += [f"{query[:30]!r}: {e}" for e in errors + page.errors()]
    # The same in the header box on the home page, typed.
    page.open("")
    for query in ODD_QUERIES:
        page.eval("(() => { const i = document.querySelector('#site-search-input'); i.focus(); i.value = '';"
                  " i.dispatchEvent(new Event('input', {bubbles: true})); })()")
        page.browser.call("Input.insertText", text=query.replace("\u0000", ""))
        time.sleep(0.3)
        problems += [f"header {query[:30]!r}: {e}" for e in page.errors(0.3)]
    common = statuses[ODD_QUERIES.index("the of and with")]
    if "too common" not in common:
        problems.append(f"stop words only: {common!r}")
    return not problems, f"{len(ODD_QUERIES)} queries on the search page and in the header box" + (
        "; " + "; ".join(problems[:8]) if problems else f"; e.g. {common!r}")


def check_combobox(page, word):
    problems = []
    page.open("")
    page.eval("document.querySelector('#site-search-input').focus()")
    page.browser.call("Input.insertText", text=word)
    options = page.wait("document.querySelectorAll('[data-search-popup] [role=option]').length", seconds=10)
    state = page.eval("(() => { const i = document.querySelector('#site-search-input');"
                      " const list = document.getElementById(i.getAttribute('aria-controls'));"
                      " return {role: i.getAttribute('role'), expanded: i.getAttribute('aria-expanded'),"
                      " listbox: list && list.getAttribute('role'), active: i.getAttribute('aria-activedescendant')}; })()")
    if not options or options > 9:
        problems.append(f"{options} options for {word!r}")
    if state != {"role": "combobox", "expanded": "true", "listbox": "listbox", "active": None}:
        problems.append(f"before the arrow key: {state}")
    page.key("ArrowDown", "ArrowDown", 40)
    active = page.eval("(() => { const i = document.querySelector('#site-search-input');"
                       " const o = document.getElementById(i.getAttribute('aria-activedescendant') || '');"
                       " return o ? {id: o.id, selected: o.getAttribute('aria-selected'),"
                       " first: o === document.querySelector('[role=option]')} : null; })()")
    if not active or active["selected"] != "true" or not active["first"]:
        problems.append(f"ArrowDown did not make the first option active: {active}")
    page.key("Escape", "Escape", 27)
    closed = page.eval("document.querySelector('[data-search-popup]').hidden &&"
                       " document.querySelector('#site-search-input').getAttribute('aria-expanded') === 'false'")
    if not closed:
        problems.append("Escape left the list open")
    page.key("ArrowDown", "ArrowDown", 40)
    href = page.eval("(() => { const i = document.querySelector('#site-search-input');"
                     " const o = document.getElementById(i.getAttribute('aria-activedescendant') || '');"
                     " return o ? new URL(o.dataset.href, location.href).href : null; })()")
    problems += page.errors()
    page.browser.events.clear()
    page.key("Enter", "Enter", 13, "\r")
    page.browser.wait_for("Page.loadEventFired", 10)
    where = page.eval("location.href")
    if not href or where != href or "/papers/" not in where:
        problems.append(f"Enter went to {where}, not the active option's {href}")
    return not problems, f"{options} options for “{word}”; ArrowDown, Escape, ArrowDown, Enter → {where}" + (
        "; " + "; ".join(problems) if problems else "")


def check_phrase(page, papers):
    """A quoted pair of words finds exactly the papers with those words in that order."""
    from nltk.stem.porter import PorterStemmer
    stem = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM).stem

    def terms(text):  # the word rules for the words picked here (plain a–z; others are kept whole)
        words = [w for w in re.findall(r"[^\W_]+", fold(text)) if 1 < len(w) <= 40 and w not in STOP_WORDS]
        return [(stem(w) if re.fullmatch("[a-z]+", w) else w, w) for w in words]

    together, both, surface = {}, {}, {}
    for paper_id, records in papers.items():
        paper = merged(records)
        texts = [paper.get("title", ""), paper.get("abstract") or "", paper.get("comment") or ""]
        texts += paper.get("authors", []) + paper.get("topics", []) + paper.get("highlights", [])
        texts += (paper.get("summary") or "").split("\n")
        seen = set()
        for text in texts:
            pairs = terms(text)
            seen.update(t for t, _ in pairs)
            for (t1, w1), (t2, w2) in zip(pairs, pairs[1:]):
                if re.fullmatch("[a-z]{4,}", w1) and re.fullmatch("[a-z]{4,}", w2) and t1 != t2:
                    together.setdefault((t1, t2), set()).add(paper_id)
                    surface.setdefault((t1, t2), (w1, w2))
        for pair in together:
            if pair[0] in seen and pair[1] in seen:
                both.setdefault(pair, set()).add(paper_id)
    choices = [(len(both[p]) - len(together[p]), p) for p in sorted(together)
               if 2 <= len(together[p]) <= 8 and len(both.get(p, ())) > len(together[p])]
    if not choices:
        return False, "Content has no pair of words that some papers have in order and others apart"
    _, pair = max(choices, key=lambda c: c[0])
    w1, w2 = surface[pair]
    found, total, errors = page.all_results(q=f'"{w1} {w2}"')
    apart, apart_total, more = page.all_results(q=f"{w1} {w2} ")
    ids = sorted(base_id(r["id"]) for r in found)
    expected = sorted(together[pair])
    ok = ids == expected and apart_total > total and not errors + more
    return ok, (f"“\"{w1} {w2}\"” finds {ids}, expected {expected}; without quotes {apart_total} papers"
                + (f"; errors: {errors + more}" if errors or more else ""))


def check_failure(page):
    """With the index unreachable, both boxes say so, and nothing throws."""
    page.browser.call("Network.enable")
    page.browser.call("Network.setBlockedURLs", urls=["*/search/t/*", "*/search/index.json"])
    problems = []
    try:
        page.open("search/?q=attention")
        status = page.settled()
        if not status or "unavailable" not in status:
            problems.append(f"search page says {status!r}")
        page.open("")
        page.eval("document.querySelector('#site-search-input').focus()")
        page.browser.call("Input.insertText", text="attention")
        note = page.wait("(() => { const p = document.querySelector('[data-search-popup]');"
                         " return p && !p.hidden ? p.textContent : ''; })()", seconds=5)
        if "unavailable" not in (note or ""):
            problems.append(f"header list says {note!r}")
        page.browser.drain(0.3)
        # The blocked loads themselves are logged by the browser; the script must add nothing.
        problems += [e for e in page.browser.errors() if not e.startswith("network:")]
        page.browser.events.clear()
    finally:
        page.browser.call("Network.setBlockedURLs", urls=[])
        page.browser.call("Network.disable")
    return not problems, f"with search/ blocked: {status!r}" + ("; " + "; ".join(problems) if problems else "")


INDEX_PROBE = """(async (papers) => {
  const wrong = [];
  let checked = 0;
  for (const [id, texts] of papers) {
    const own = await DigestSearch.postings('#' + id.toLowerCase());
    if (own.length !== 1) { wrong.push(id + ': #' + id + ' has ' + own.length + ' postings'); continue; }
    for (const text of texts) {
      for (const term of new Set(DigestWords.terms(text))) {
        checked++;
        const numbers = await DigestSearch.postings(term);
        if (!numbers.includes(own[0])) wrong.push(id + ': ' + JSON.stringify(term) + ' (from ' + JSON.stringify(text.slice(0, 40)) + ')');
      }
    }
  }
  return {checked, wrong};
})"""


def check_index(page, papers, site):
    # Titles and authors as the build read them (TeX accents such as Wollschl\"ager decoded),
    # from the doc groups; abstracts from the records when they have no TeX commands.
    rows = {}
    for path in glob.glob(os.path.join(site, "search", "d", "*.json")):
        rows.update((base_id(row[0]), row) for row in json.load(open(path, encoding="utf-8")))
    texts, missing = [], sorted(set(papers) - set(rows))
    for paper_id, records in sorted(papers.items()):
        if paper_id in rows:
            abstract = merged(records).get("abstract") or ""
            authors = re.sub(r" et al\. \(\d+ authors\)$", "", rows[paper_id][3])
            texts.append([paper_id, [rows[paper_id][2], authors] + ([abstract] if "\\" not in abstract else [])])
    result = page.browser.call("Runtime.evaluate", expression=f"{INDEX_PROBE}({json.dumps(texts)})",
                               awaitPromise=True, returnByValue=True)
    value = result.get("result", {}).get("value") or {}
    if "exceptionDetails" in result or not value:
        return False, f"the probe failed: {result.get('exceptionDetails', result)}"
    wrong = [f"{paper_id}: not in the doc groups" for paper_id in missing] + value["wrong"]
    return not wrong and value["checked"] > 0, (f"{value['checked']} terms of {len(texts)} papers' titles, authors and "
                                                f"abstracts, {len(wrong)} missing from the index" +
                                                (": " + "; ".join(wrong[:8]) if wrong else ""))


COMMON_PROBE = """(async (terms) => {
  const out = {};
  for (const term of terms) out[term] = await DigestSearch.postings(term);
  return out;
})"""


def index_postings(site):
    """{term: set of paper numbers} decoded from the index files in Python, and the terms written
    as common in each tier."""
    manifest = json.load(open(os.path.join(site, "search", "index.json"), encoding="utf-8"))
    numbers, common = {}, []
    for tier in manifest["tiers"]:
        common.append(set())
        for name in tier["chunks"][1::2]:
            for row in json.load(open(os.path.join(site, "search", "t", name + ".json"), encoding="utf-8")):
                found, previous = numbers.setdefault(row[0], set()), -1
                if len(row) == 3:
                    common[-1].add(row[0])
                    without = set()
                    for gap in row[1]:
                        previous += gap
                        without.add(previous)
                    found.update(n for n in range(tier["first"], tier["first"] + tier["count"]) if n not in without)
                else:
                    for value in row[1]:
                        previous += value // manifest["levels"]
                        found.add(previous)
    return numbers, common


def check_common(browser, digest, workspace):
    port = free_port()
    content = os.path.join(workspace, "Content-two-months")
    shutil.copytree(os.path.join(REPO, "Content"), content)
    for path in glob.glob(os.path.join(content, "papers", "2026-11", "*.json")):
        text = open(path, encoding="utf-8").read().replace("2026-11-", "2026-10-").replace("2611.", "2610.")
        target = os.path.join(content, "papers", "2026-10", os.path.basename(path).replace("2026-11-", "2026-10-"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "w", encoding="utf-8").write(text)
    site = os.path.join(workspace, "Site-two-months")
    proc = subprocess.run([digest, "build", "--content", content, "--output", site, "--base-url",
                           f"http://127.0.0.1:{port}/{SUBPATH}/"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        return False, f"the two-month build failed: {(proc.stderr or proc.stdout).strip()}"
    numbers, common = index_postings(site)
    if len(common) != 2 or not all(common):
        return False, f"expected common terms in both tiers, found {[len(c) for c in common]} in {len(common)} tier(s)"
    # Every common term, and forty others: the twenty rarest and the twenty most frequent.
    others = sorted((t for t in numbers if t not in common[0] | common[1]), key=lambda t: (len(numbers[t]), t))
    terms = sorted(common[0] | common[1]) + others[:20] + others[-20:]
    server = SubPathServer(site, port)
    try:
        page = Page(browser, server.url)
        page.open("search/")
        page.wait("typeof DigestSearch === 'object'")
        result = browser.call("Runtime.evaluate", expression=f"{COMMON_PROBE}({json.dumps(terms)})",
                              awaitPromise=True, returnByValue=True)
    finally:
        server.close()
    found = result.get("result", {}).get("value")
    if "exceptionDetails" in result or not found:
        return False, f"the probe failed: {result.get('exceptionDetails', result)}"
    wrong = [f"{t}: {len(found.get(t) or [])} papers, the files list {len(numbers[t])}"
             for t in terms if sorted(found.get(t) or []) != sorted(numbers[t])]
    only_base = sorted(common[0] - common[1])
    return not wrong, (f"{len(terms)} terms, {len(common[0])} common in the base tier and {len(common[1])} in the recent one "
                       f"(only in the base: {', '.join(only_base[:4]) or 'none'}), {len(wrong)} decoded wrongly" +
                       (": " + "; ".join(wrong[:6]) if wrong else ""))


def check_stemmer(page, papers):
    from nltk.stem.porter import PorterStemmer
    stemmer = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)
    words = {w for records in papers.values() for r in records for t in strings(r) for w in plain_words(t)}
    fixture = os.path.join(REPO, "Tests", "Fixtures", "porter-stems.tsv")
    if os.path.exists(fixture):
        words.update(line.split("\t")[0] for line in open(fixture, encoding="utf-8") if line.strip())
    if os.path.exists("/usr/share/dict/words"):
        words.update(w.lower() for w in open("/usr/share/dict/words", encoding="utf-8", errors="ignore").read().split()
                     if re.fullmatch("[A-Za-z]+", w))
    words = sorted(w for w in words if re.fullmatch("[a-z]+", w))
    wrong = []
    for start in range(0, len(words), 20000):
        batch = words[start:start + 20000]
        stems = page.eval(f"{json.dumps(batch)}.map(w => DigestWords.stem(w))") or []
        wrong += [f"{w} → {s}, NLTK {stemmer.stem(w)}" for w, s in zip(batch, stems) if s != stemmer.stem(w)]
        if len(stems) != len(batch):
            wrong.append("the browser returned no stems")
    return not wrong and len(words) > 1000, f"{len(words)} words, {len(wrong)} stemmed differently" + (
        ": " + "; ".join(wrong[:8]) if wrong else "")


# ---------------------------------------------------------------- another language

# One paper of the newest day, rewritten in Chinese for the sites built in another language.
CHINESE = {
    "title": "稀疏注意力：面向百万词元上下文的推理",
    "highlights": ["块稀疏注意力让长上下文推理的显存占用减半。", "在十二项基准上与稠密注意力持平。"],
    "summary": "## 摘要\n\n本文提出一种分层检索方法，使模型在百万词元的上下文中仍能准确定位证据。",
    "language": "zh-CN",
}


def language_site(digest, workspace, port, language="zh-CN"):
    """Builds the sample site with `language` in a copy of Content/, the newest day's last
    paper written in Chinese (CHINESE); returns (site folder, that paper's id)."""
    content = os.path.join(workspace, "Content-" + language)
    shutil.copytree(os.path.join(REPO, "Content"), content)
    settings = os.path.join(content, "site.json")
    config = json.load(open(settings, encoding="utf-8"))
    config["language"] = language
    json.dump(config, open(settings, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    newest = sorted(glob.glob(os.path.join(content, "papers", "**", "*.json"), recursive=True))[-1]
    day = json.load(open(newest, encoding="utf-8"))
    paper = day["papers"][-1]
    paper.update(CHINESE)
    json.dump(day, open(newest, "w", encoding="utf-8"), ensure_ascii=False)
    site = os.path.join(workspace, "Site-" + language)
    proc = subprocess.run([digest, "build", "--content", content, "--output", site, "--base-url",
                           f"http://127.0.0.1:{port}/{SUBPATH}/"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"build in {language} failed: {(proc.stderr or proc.stdout).strip()}")
    return site, base_id(paper["id"])


def interface(tag):
    """The scripts' strings (js. keys) in `tag` as the browser fills them: text(key, count=None, **values)."""
    folder = os.path.join(REPO, "Sources", "DigestKit", "Language", "Strings")
    table = json.load(open(os.path.join(folder, "en.json"), encoding="utf-8"))
    table.update(json.load(open(os.path.join(folder, f"{tag}.json"), encoding="utf-8")))

    def text(key, count=None, **values):
        entry = table["js." + key]
        if isinstance(entry, dict):  # the languages tested here (en one/other; zh-CN, ja other)
            entry = entry["one"] if count == 1 and "one" in entry else entry["other"]
        if count is not None:
            values["count"] = f"{count:,}"
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), entry)
    return text


def english_left(text):
    """The English strings of the scripts (js. keys, each form) found in `text`."""
    table = json.load(open(os.path.join(REPO, "Sources", "DigestKit", "Language", "Strings", "en.json"), encoding="utf-8"))
    found = set()
    for key, entry in table.items():
        for form in ([entry] if isinstance(entry, str) else entry.values()) if key.startswith("js.") else []:
            for part in re.split(r"\{\w+\}", form):
                part = part.strip(" .:;,—“”()←→…")
                if re.search(r"[A-Za-z]{3}", part) and re.search(r"(?<![A-Za-z])" + re.escape(part) + r"(?![A-Za-z])", text):
                    found.add(part)
    return sorted(found)


def check_chinese(browser, digest, workspace):
    port = free_port()
    site, paper_id = language_site(digest, workspace, port)
    server = SubPathServer(site, port)
    t = interface("zh-CN")
    page = Page(browser, server.url)
    problems, seen, options = [], [], []
    try:
        # A word of the title, and one only in the summary (its sentence shown, the word marked).
        for word in ("稀疏", "检索"):
            status, found, total, errors = page.search(q=word)
            ids = [base_id(r["id"]) for r in found]
            marks = page.wait("(() => { const li = document.querySelector('[data-search-results] > li');"
                              " return li ? [...li.querySelectorAll('mark')].map(m => m.textContent) : []; })()", seconds=5) or []
            if not ids or ids[0] != paper_id:
                problems.append(f"“{word}” found {ids[:3]}, not {paper_id} first")
            if status != t("match", total, query=word):
                problems.append(f"“{word}”: status {status!r}, not {t('match', total, query=word)!r}")
            if not any(word in m for m in marks):
                problems.append(f"“{word}”: snippet marks {marks}")
            problems += errors
            seen.append(status)
        save = page.eval("(document.querySelector('[data-search-results] .reader-save') || {}).textContent")
        if save != t("save"):
            problems.append(f"a result's Save button says {save!r}")
        status, _, _, errors = page.search(q="qqzzxx")
        if status != t("noMatch", query="qqzzxx"):
            problems.append(f"no match: {status!r}")
        # Many results: the page count in the status and the pager.
        status, found, total, errors = page.search(q="model")
        pages = -(-total // 10)
        position = page.eval("(document.querySelector('.search-pager-position') || {}).textContent")
        if total <= 10 or status != t("match", total, query="model") + " " + t("onPage", page=1, pages=pages) \
                or position != t("pageOf", page=1, pages=pages):
            problems.append(f"“model”: status {status!r}, pager {position!r}")
        seen.append(status)
        script_text = page.eval("[...document.querySelectorAll('[data-search-status], [data-search-pager], .reader-actions')]"
                                ".map(e => e.textContent).join(' ')")
        # The header box, typed.
        page.open("")
        page.eval("document.querySelector('#site-search-input').focus()")
        page.browser.call("Input.insertText", text="稀疏")
        page.wait("document.querySelectorAll('[data-search-popup] [role=option]').length", seconds=10)
        options = page.eval("[...document.querySelectorAll('[data-search-popup] [role=option]')]"
                            ".map(o => o.querySelector('.search-option-title').textContent)") or []
        label = page.eval("document.querySelector('[data-search-popup] [role=listbox]').getAttribute('aria-label')")
        if not options or options[0] != CHINESE["title"] or options[-1] != t("allResults", query="稀疏") or label != t("found"):
            problems.append(f"header box lists {options}, labelled {label!r}")
        script_text += " " + page.eval("document.querySelector('[data-search-header]').textContent")
        left = english_left(script_text)
        if left:
            problems.append(f"English left: {left}")
        problems += page.errors()
    finally:
        server.close()
    return not problems, (f"zh-CN site: {'; '.join(seen)}; header box: {options[:1]} … {options[-1:]}"
                          + ("; " + "; ".join(problems) if problems else ""))


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digest", help="the digest executable: build the sample site and test it")
    parser.add_argument("--site", help="test this already built site (built from this repository's Content/)")
    parser.add_argument("--only", help="run only these checks, by name, separated by commas")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None

    workspace = tempfile.mkdtemp(prefix="digest-search-")
    port = free_port()
    site = args.site
    if not site:
        site = os.path.join(workspace, "Site")
        digest = args.digest or os.path.join(REPO, ".build", "release", "digest")
        proc = subprocess.run([digest, "build", "--output", site, "--base-url", f"http://127.0.0.1:{port}/{SUBPATH}/"],
                              cwd=REPO, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"FAIL  build        {(proc.stderr or proc.stdout).strip()}")
            print("browser-search: 0 passed, 1 failed")
            return 1
    papers = load_papers()
    manifest = json.load(open(os.path.join(site, "search", "index.json"), encoding="utf-8"))

    server = SubPathServer(site, port)
    browser = Chromium()
    page = Page(browser, server.url)
    outcomes = []

    def report(name, outcome):
        ok, summary = outcome
        outcomes.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name:12} {summary}", flush=True)

    def attempt(name, check, *arguments):
        if only and name not in only:
            return None
        try:
            outcome = check(*arguments)
        except Exception as error:  # a check that crashes fails, and the others still run
            outcome = (False, f"the check crashed: {type(error).__name__}: {error}")
        report(name, outcome)
        return outcome

    try:
        attempt("methodology", check_methodology, page, papers)
        attempt("accents", check_accents, page, papers)
        word = None
        if not only or {"topic", "dates"} & only:
            try:
                narrowed, word = check_filters(page, papers, manifest)
                for name, outcome in narrowed.items():
                    report(name, outcome)
            except Exception as error:
                report("filters", (False, f"the check crashed: {type(error).__name__}: {error}"))
        word = word or common_word(papers)
        attempt("address", check_address, page, word, manifest)
        attempt("phrase", check_phrase, page, papers)
        attempt("odd", check_odd, page)
        attempt("failure", check_failure, page)
        attempt("combobox", check_combobox, page, word)
        attempt("index", check_index, page, papers, site)
        attempt("common", check_common, browser, args.digest or os.path.join(REPO, ".build", "release", "digest"), workspace)
        attempt("stemmer", check_stemmer, page, papers)
        attempt("chinese", check_chinese, browser, args.digest or os.path.join(REPO, ".build", "release", "digest"), workspace)
    finally:
        status = tally("browser-search", outcomes, browser, server, workspace)
    return status


if __name__ == "__main__":
    sys.exit(main())
