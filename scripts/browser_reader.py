#!/usr/bin/env python3
"""Tests the reader's own digest (docs/reader-features.md) where it runs: headless Chromium
on the sample site, served under a sub-path, driven over the DevTools protocol.

    browser_reader.py --digest .build/release/digest

  save       save a card (aria-pressed, announced) and a paper page, and a search result and
             unsave it; reload: the two on the reading list, newest first, with
             title, day and topics from storage (no paper page or search file fetched), a note
             typed there kept, the count in the navigation
  read       the opened paper is read, Read marks another, "Hide read" folds both into
             "2 hidden — show", and show brings them back
  mute       a topic muted on the reading list page folds exactly its cards on the home page
  watch      an author watched there highlights exactly their card, first under "On your watchlist"
  keys       j, k, s, m, ?, / do what they say, and nothing while typing in a field
  tabs       a change made in another document of the site shows at once
  separate   a second digest on the same host (/other/ beside /digest/) starts empty and keeps
             its own list
  new        a second build with one more day, after the reader left: exactly that day's papers
             are marked new ("3 new since …"), a first visit marks nothing
  transfer   export, clear storage, import: the stored state is back; the BibTeX export has
             one entry per saved paper
  damaged    garbage in storage: the part is reset with a message
  nostorage  localStorage throwing: every page type still loads, features say they are off
  nojs       without JavaScript the reading list page says it needs it, the link is hidden
  language   the sample built with "language": "zh-CN" and one paper in Chinese: buttons,
             announcements, the folded line, Hide read, the watch note and list, "N new since …",
             the keys and the reading list say the zh-CN table's strings, none of the English
             ones is left; muting and watching a Chinese word fold and mark exactly that paper

Every page load must leave no console error or exception. Prints one PASS or FAIL line per
check and `browser-reader: N passed, M failed`; exits 1 if any failed. Run by `make verify`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify import REPO, SUBPATH, Chromium, SubPathServer, free_port, tally  # noqa: E402
from browser_search import Page, english_left, interface, language_site  # noqa: E402

PREFIX = f"digest:/{SUBPATH}/:"
NEW_DAY = "2026-11-21"
NEW_PAPERS = [
    {"id": "2611.19901", "title": "Reader Test One: Sparse Probes for Dense Retrieval", "authors": ["Ada Quill"],
     "topics": ["Language Models"], "highlights": ["A first paper of the added day."]},
    {"id": "2611.19902", "title": "Reader Test Two: Calibrated Draft Trees", "authors": ["Bo Vance"],
     "topics": ["Efficient ML"], "highlights": ["A second paper of the added day."]},
    {"id": "2611.19903", "title": "Reader Test Three: Curriculum Noise for Diffusion", "authors": ["Cy Moreau"],
     "topics": ["Language Models"], "highlights": ["A third paper of the added day."]},
]


class Reader(Page):
    def load(self, path):
        """Opens a page; fails the check on any console error or exception."""
        errors = self.open(path) + self.errors(0.2)
        if errors:
            raise AssertionError(f"{path or 'home'}: {errors}")

    def stored(self, part):
        raw = self.eval(f"localStorage.getItem({json.dumps(PREFIX + part)})")
        return json.loads(raw)["data"] if raw else None

    def js(self, expression, seconds=0):
        """Evaluates, awaiting a promise."""
        result = self.browser.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression[:80]}: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def cards(self):
        return self.eval("[...document.querySelectorAll('article.card')].map(c => ({slug: c.dataset.paper, day: c.dataset.day,"
                         " topics: c.dataset.topics.split(' '), folded: c.classList.contains('is-folded'),"
                         " read: c.classList.contains('is-read'), watched: c.classList.contains('is-watched'),"
                         " isNew: c.classList.contains('is-new'), shown: c.getClientRects().length > 0}))")

    def type(self, element_id, text):
        self.eval(f"document.getElementById({json.dumps(element_id)}).focus()")
        self.browser.call("Input.insertText", text=text)

    def press(self, key, code=None, key_code=0):
        self.key(key, code or ("Key" + key.upper() if key.isalpha() else key), key_code, text=key if len(key) == 1 else None)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


# ---------------------------------------------------------------- checks

def check_save(page, state):
    page.load("")
    cards = page.cards()
    first, third = cards[0]["slug"], cards[2]["slug"]
    page.eval("document.querySelector('article.card .reader-save').click()")
    pressed = page.eval("document.querySelector('article.card .reader-save').getAttribute('aria-pressed')")
    said = page.wait("document.querySelector('[aria-live=polite]').textContent", 2)
    expect(pressed == "true" and said == "Saved. 1 paper on your reading list.", f"aria-pressed {pressed}, announced {said!r}")
    page.load("search/?q=model")
    page.wait("document.querySelector('[data-search-results] .reader-save')")
    button = (f"[...document.querySelectorAll('[data-search-results] li')].find(li => li.dataset.paper !== {json.dumps(first)})"
              ".querySelector('.reader-save')")
    result = page.eval(button + ".closest('li').dataset.paper")
    page.eval(button + ".click()")
    from_search = (page.stored("saved") or {}).get(result)
    expect(from_search and from_search["day"] and from_search["topics"], f"a search result saved as {from_search}")
    page.eval(button + ".click()")
    expect(result not in page.stored("saved"), "unsaving a search result left it saved")
    page.load(f"papers/{third}/")
    page.eval("document.querySelector('article.paper .reader-save').click()")
    page.load("reading-list/")
    listed = page.eval("[...document.querySelectorAll('[data-saved]')].map(li => li.dataset.saved)")
    expect(listed == [third, first], f"reading list {listed}, expected newest first {[third, first]}")
    page.type("note-" + first, "Compare with the baseline in section 4")
    time.sleep(0.1)
    page.load("reading-list/")
    saved = page.stored("saved")
    expect(saved[first]["note"] == "Compare with the baseline in section 4", f"note not stored: {saved[first]}")
    shown_note = page.eval(f"document.getElementById('note-{first}').value")
    expect(shown_note == saved[first]["note"], f"note not shown after reload: {shown_note!r}")
    item = page.eval(f"document.querySelector('[data-saved=\"{first}\"]').textContent")
    expect(saved[first]["title"] in item and saved[first]["topics"][0][0] in item, f"the list item lacks title or topic: {item!r}")
    expect(re.fullmatch(r"\d{4}-\d{2}-\d{2}", saved[first]["day"]), f"no day stored: {saved[first]}")
    fetched = page.eval("performance.getEntriesByType('resource').map(e => e.name).filter(n => /search\\/|papers\\//.test(n))")
    expect(not fetched, f"the reading list downloaded {fetched}")
    count = page.eval("document.querySelector('[data-saved-count]').textContent")
    nav_hidden = page.eval("document.querySelector('[data-reader-nav]').hidden")
    expect(count == "2" and nav_hidden is False, f"navigation count {count!r}, hidden {nav_hidden}")
    state.update(first=first, third=third)
    return True, (f"2 papers saved from a card and a paper page, listed newest first with a note kept; nav count {count};"
                  f" a search result saved and unsaved; “{said}” announced")


def check_read(page, state):
    page.load("")
    cards = page.cards()
    expect([c["slug"] for c in cards if c["read"]] == [state["third"]], "the opened paper is not marked read on the home page")
    page.eval("document.querySelectorAll('article.card')[1].querySelector('.reader-read').click()")
    read = page.stored("read")
    expect(set(read) == {state["third"], cards[1]["slug"]}, f"stored read marks {sorted(read)}")
    page.eval("document.querySelector('.reader-bar .reader-toggle').click()")
    cards = page.cards()
    folded = sorted(c["slug"] for c in cards if c["folded"] and not c["shown"])
    expect(folded == sorted(read), f"Hide read folded {folded}")
    lines = page.eval("[...document.querySelectorAll('.reader-fold')].map(p => p.textContent)")
    expect(sum(int(t.split()[0]) for t in lines) == 2 and all("hidden — show" in t for t in lines), f"fold lines {lines}")
    pressed = page.eval("document.querySelector('.reader-bar .reader-toggle').getAttribute('aria-pressed')")
    expect(pressed == "true", "Hide read is not aria-pressed")
    page.eval("document.querySelectorAll('.reader-fold-button').forEach(b => b.click())")
    expect(all(c["shown"] for c in page.cards()), "show did not bring the read cards back")
    page.load("")  # kept across pages
    expect(sum(1 for c in page.cards() if c["folded"]) == 2, "Hide read was not kept")
    page.eval("document.querySelector('.reader-bar .reader-toggle').click()")
    expect(not any(c["folded"] for c in page.cards()), "turning Hide read off left cards folded")
    return True, f"opened paper read, one marked, Hide read folds {lines} and shows them again"


def check_mute(page, state):
    page.load("")
    cards = page.cards()
    topic = cards[-1]["topics"][0]
    expected = sorted(c["slug"] for c in cards if topic in c["topics"])
    page.load("reading-list/")
    page.eval(f"document.querySelector('[data-mute-topic=\"{topic}\"]').click()")
    pressed = page.eval(f"document.querySelector('[data-mute-topic=\"{topic}\"]').getAttribute('aria-pressed')")
    expect(pressed == "true", "the topic button is not pressed")
    expect(page.stored("prefs")["muteTopics"] == [topic], f"stored {page.stored('prefs')}")
    page.load("")
    folded = sorted(c["slug"] for c in page.cards() if c["folded"])
    expect(folded == expected, f"muting {topic} folded {folded}, expected {expected}")
    lines = page.eval("[...document.querySelectorAll('.reader-fold')].map(p => p.textContent)")
    expect(sum(int(t.split()[0]) for t in lines) == len(expected), f"fold lines {lines}")
    state["muted"] = topic
    return True, f"muting {topic} folded its {len(expected)} cards: {lines}"


def check_watch(page, state):
    page.load("")
    cards = page.cards()
    target = next(c for c in cards if state["muted"] not in c["topics"] and c["slug"] != cards[0]["slug"])
    author = page.eval(f"document.querySelector('[data-paper=\"{target['slug']}\"] .authors').textContent.split(', ')[0].trim()")
    others = page.eval(f"[...document.querySelectorAll('article.card')].filter(c => c.querySelector('.authors')"
                       f" && c.querySelector('.authors').textContent.includes({json.dumps(author)})).map(c => c.dataset.paper)")
    page.load("reading-list/")
    page.type("watch-term", author)
    page.eval("document.querySelector('[data-terms=\"watch\"] button[type=submit]').click()")
    expect(page.stored("prefs")["watch"] == [author], f"stored {page.stored('prefs')}")
    page.load("")
    watched = sorted(c["slug"] for c in page.cards() if c["watched"])
    expect(watched == sorted(others), f"watching {author} highlighted {watched}")
    block = page.eval("(() => { const w = document.querySelector('.watchlist'); const s = document.querySelector('.topic-section');"
                      " return w && {text: w.textContent, first: !!(w.compareDocumentPosition(s) & 4)}; })()")
    expect(block and block["first"] and "On your watchlist" in block["text"] and author in block["text"],
           f"watchlist block {block}")
    note = page.eval(f"document.querySelector('[data-paper=\"{target['slug']}\"] .watch-note').textContent")
    expect(author in note, f"the card does not say which term matched: {note!r}")
    page.eval("DigestStore.set('prefs', {muteTopics: [], muteWords: [], watch: [], hideRead: false})")
    return True, f"watching {author!r} highlights {len(watched)} card(s), listed first with the term"


def check_keys(page, state):
    page.load("")
    slugs = [c["slug"] for c in page.cards()]
    focused = "document.activeElement.dataset.paper"
    page.press("j")
    page.press("j")
    expect(page.eval(focused) == slugs[1], f"j j focused {page.eval(focused)}")
    page.press("k")
    expect(page.eval(focused) == slugs[0], "k did not go back")
    outline = page.eval("getComputedStyle(document.activeElement).outlineStyle")
    expect(outline not in ("none", ""), "the focused card has no visible outline")
    before = slugs[0] in page.stored("saved")
    page.press("s")
    expect((slugs[0] in page.stored("saved")) != before, "s did not toggle saving")
    page.press("s")
    read_before = slugs[0] in (page.stored("read") or {})
    page.press("m")
    expect((slugs[0] in page.stored("read")) != read_before, "m did not toggle the read mark")
    page.press("m")
    page.press("?", "Slash", 191)
    expect(page.eval("!!document.querySelector('dialog.keys-help[open]')"), "? did not open the list of keys")
    page.key("Escape", "Escape", 27)
    expect(not page.eval("!!document.querySelector('dialog.keys-help[open]')"), "Escape did not close it")
    page.eval("document.activeElement.blur()")
    page.press("/", "Slash", 191)
    expect(page.eval("document.activeElement.id") == "site-search-input", "/ did not focus search")
    page.press("j")
    expect(page.eval("document.activeElement.id") == "site-search-input", "j moved while typing in the search box")
    page.errors()
    return True, "j, k, s, m, ? and / work, with a visible focus; nothing while typing"


def check_tabs(page, state):
    page.load("")
    count = page.eval("document.querySelector('[data-saved-count]').textContent")
    page.js("new Promise(done => { const f = document.createElement('iframe'); f.src = 'reading-list/';"
            " f.onload = () => { f.contentWindow.document.querySelector('.saved-remove').click(); done(); };"
            " document.body.appendChild(f); })")
    after = page.wait("(() => { const t = document.querySelector('[data-saved-count]').textContent; return t !== "
                      + json.dumps(count) + " ? t : ''; })()", 5)
    expect(after == str(int(count) - 1), f"the count stayed {count!r} after another document removed a paper ({after!r})")
    page.eval("document.querySelector('iframe').remove()")
    return True, f"a paper removed in another document: the count went from {count} to {after} here"


def check_separate(page, state, server, site):
    os.symlink(os.path.abspath(site), os.path.join(server.root, "other"))
    ours = page.stored("saved")
    other = Reader(page.browser, server.url.replace(f"/{SUBPATH}/", "/other/"))
    other.load("")
    expect(other.eval("document.querySelector('[data-saved-count]').textContent") == "", "the other digest shows our count")
    other.eval("document.querySelector('article.card .reader-save').click()")
    theirs = json.loads(other.eval("localStorage.getItem('digest:/other/:saved')") or "null")
    expect(theirs and len(theirs["data"]) == 1, f"the other digest stored {theirs}")
    expect(page.stored("saved") == ours, "saving on the other digest changed ours")
    other.eval("localStorage.removeItem('digest:/other/:saved')")
    return True, f"/other/ on the same host kept its own list (1 paper) beside ours ({len(ours)})"


def check_new(page, state, digest, workspace, site, port):
    # The reader's last page view was two hours ago: this is a new visit.
    visit = page.stored("visit")
    expect(visit and visit["known"]["day"] and not page.eval("document.querySelectorAll('.is-new').length"),
           f"a first visit marked papers new, or kept no visit: {visit}")
    page.js(f"(() => {{ const k = {json.dumps(PREFIX + 'visit')}; const v = JSON.parse(localStorage.getItem(k));"
            " v.data.last -= 2 * 3600 * 1000; localStorage.setItem(k, JSON.stringify(v)); })()")
    content = os.path.join(workspace, "Content")
    shutil.copytree(os.path.join(REPO, "Content"), content)
    with open(os.path.join(content, "papers", NEW_DAY + ".json"), "w", encoding="utf-8") as file:
        json.dump({"date": NEW_DAY, "papers": NEW_PAPERS}, file)
    build(digest, site, port, content)
    page.browser.call("Network.clearBrowserCache")  # the home page seen before the build may still be fresh
    page.load("")
    new = sorted(c["slug"] for c in page.cards() if c["isNew"])
    expected = sorted(p["id"] for p in NEW_PAPERS)
    expect(new == expected, f"marked new {new}, expected the added day's {expected}")
    news = page.eval("document.querySelector('[data-reader-news]').textContent")
    expect(re.fullmatch(r"3 new since .+", news or ""), f"the count says {news!r}")
    page.load(f"days/{visit['known']['day']}/")
    expect(not any(c["isNew"] for c in page.cards()), "papers of the day seen before are marked new")
    page.load("")
    expect(sorted(c["slug"] for c in page.cards() if c["isNew"]) == expected, "the marks went away within the visit")
    return True, f"after a build with {NEW_DAY}: exactly its {len(new)} papers new, “{news}”"


def capture_downloads(page):
    """Keeps what the page offers for download (the site's CSP rightly lets no script read blob: URLs back)."""
    page.eval("window.__downloads = []; const make = URL.createObjectURL;"
              " URL.createObjectURL = blob => { window.__downloads.push(blob.text()); return make(blob); };")


def check_transfer(page, state, workspace):
    page.load("reading-list/")
    page.eval("DigestStore.update('prefs', p => { p.muteWords.push('benchmark'); })")
    empty = {"saved": {}, "read": {}, "prefs": {"muteTopics": [], "muteWords": [], "watch": [], "hideRead": False}}
    before = {part: page.stored(part) or empty[part] for part in empty}
    capture_downloads(page)
    page.eval("document.querySelector('[data-export=\"json\"]').click()")
    page.eval("document.querySelector('[data-export=\"bib\"]').click()")
    files = page.wait("window.__downloads.length === 2 && 1", 5) and page.js("Promise.all(window.__downloads)")
    exported = json.loads(files[0])
    expect(exported["format"] == "digest-reader" and exported["version"] == 1 and exported["site"] == f"/{SUBPATH}/",
           f"export header {dict(list(exported.items())[:4])}")
    expect({k: exported[k] for k in before} == before, "the export is not what is stored")
    import bibtexparser
    entries = bibtexparser.loads(files[1]).entries
    expect(len(entries) == len(before["saved"]), f"BibTeX has {len(entries)} entries for {len(before['saved'])} saved papers")
    page.eval("localStorage.clear()")
    page.load("reading-list/")
    expect(page.eval("document.querySelectorAll('[data-saved]').length") == 0, "clearing storage left papers listed")
    path = os.path.join(workspace, "export.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write(files[0])
    document = page.browser.call("DOM.getDocument")["root"]["nodeId"]
    node = page.browser.call("DOM.querySelector", nodeId=document, selector="[data-import]")["nodeId"]
    page.browser.call("DOM.setFileInputFiles", files=[path], nodeId=node)
    status = page.wait("(() => { const t = document.querySelector('[data-list-status]').textContent; return t.startsWith('Imported') && t; })()", 5)
    after = {part: page.stored(part) for part in ("saved", "read", "prefs")}
    expect(after == before, f"after import: {after} != {before}")
    listed = page.eval("document.querySelectorAll('[data-saved]').length")
    expect(listed == len(before["saved"]), f"{listed} papers listed after import")
    page.errors()
    return True, f"exported, cleared, imported: {status!r}; BibTeX with {len(entries)} entries"


def check_damaged(page, state):
    page.eval(f"localStorage.setItem({json.dumps(PREFIX + 'saved')}, '{{not json'); localStorage.setItem({json.dumps(PREFIX + 'read')},"
              " JSON.stringify({v: 1, data: {'2611.00001': 5, 'bad': 'x'}}))")
    page.load("reading-list/")
    notice = page.eval("(document.querySelector('.reader-notice') || {}).textContent || ''")
    expect("reading list" in notice and "reset" in notice and "read marks" in notice, f"message {notice!r}")
    expect(page.stored("saved") == {} and page.stored("read") == {"2611.00001": 5}, "the damaged parts were not reset")
    page.load("")
    return True, f"garbage in storage reset with a message: {notice!r}"


def check_nostorage(page, state):
    script = page.browser.call("Page.addScriptToEvaluateOnNewDocument", source=(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});"))
    try:
        page.load("")
        day = page.eval("document.querySelector('.history-days a').getAttribute('href').replace(/^\\.\\//, '')")
        paper = page.eval("document.querySelector('article.card').dataset.paper")
        pages = ["", day, f"papers/{paper}/", "topics/", "search/?q=model", "archive/", "reading-list/", "feeds/"]
        for path in pages:
            page.load(path)
            hidden = page.eval("[...document.querySelectorAll('article.card')].filter(c => !c.getClientRects().length).length")
            expect(hidden == 0, f"{path}: {hidden} cards hidden without storage")
            expect(page.eval("document.querySelectorAll('.reader-save').length") == 0, f"{path}: Save buttons without storage")
        page.load("reading-list/")
        message = page.eval("document.querySelector('[data-list-status]').textContent")
        expect("off" in message and "does not let the site keep data" in message, f"reading list says {message!r}")
        page.load("")
        bar = page.eval("document.querySelector('.reader-off').textContent")
        expect("off" in bar, f"day page says {bar!r}")
    finally:
        page.browser.call("Page.removeScriptToEvaluateOnNewDocument", identifier=script["identifier"])
    return True, f"{len(pages)} page types load with no error; the features say they are off"


def check_nojs(page, state):
    page.browser.call("Emulation.setScriptExecutionDisabled", value=True)
    try:
        page.open("reading-list/")
        notice = page.eval("getComputedStyle(document.querySelector('[data-reader-nojs]')).display")
        nav = page.eval("document.querySelector('[data-reader-nav]').hidden")
        text = page.eval("document.querySelector('[data-reader-nojs]').textContent")
    finally:
        page.browser.call("Emulation.setScriptExecutionDisabled", value=False)
    expect(notice != "none" and "needs JavaScript" in text and nav is True, f"notice {notice}, nav hidden {nav}")
    return True, "without JavaScript the page says the list needs it, and the link is hidden"


def check_language(page, state, digest, workspace):
    port = free_port()
    site, paper_id = language_site(digest, workspace, port)
    server = SubPathServer(site, port)
    t = interface("zh-CN")
    zh = Reader(page.browser, server.url)
    made = ("[...document.querySelectorAll('.reader-actions, .reader-fold, .reader-bar, .watch-note, .watchlist h2, .new-badge,"
            " [aria-live], .reader-notice, dialog.keys-help, .saved-note-label, .saved-remove, [data-list-status]')]"
            ".map(e => e.textContent + ' ' + (e.getAttribute('aria-label') || '')).join(' | ')")
    shown = []
    try:
        zh.load("")
        labels = zh.eval("[...document.querySelector('article.card .reader-actions').children].map(b => b.textContent)")
        expect(labels == [t("save"), t("read")], f"card buttons {labels}")
        zh.eval("document.querySelector('article.card .reader-save').click()")
        said = zh.wait("document.querySelector('[aria-live=polite]').textContent", 2)
        expect(said == t("saved", 1), f"saving announced {said!r}")
        zh.eval("document.querySelectorAll('article.card')[1].querySelector('.reader-read').click()")
        hide = zh.eval("document.querySelector('.reader-bar .reader-toggle').textContent")
        expect(hide == t("hideRead"), f"the Hide read button says {hide!r}")
        zh.eval("document.querySelector('.reader-bar .reader-toggle').click()")
        lines = zh.eval("[...document.querySelectorAll('.reader-fold')].map(p => p.textContent)")
        expect(lines == [t("hidden", 1, button=t("show"))], f"fold lines {lines}")
        said = zh.wait(f"(() => {{ const t = document.querySelector('[aria-live=polite]').textContent;"
                       f" return t === {json.dumps(t('hiddenNow', 1))} && t; }})()", 2)
        expect(said, "the folded card was not announced in Chinese")
        shown.append(lines[0])
        text = zh.eval(made)
        zh.eval("document.querySelector('.reader-bar .reader-toggle').click()")

        # Muting a Chinese word folds exactly the paper with it, inside a run of Chinese characters.
        zh.load("reading-list/")
        zh.type("mute-term", "注意")
        zh.eval("document.querySelector('[data-terms=\"mute\"] button[type=submit]').click()")
        said = zh.wait("document.querySelector('[aria-live=polite]').textContent", 2)
        expect(said == t("muted", term="注意"), f"muting announced {said!r}")
        text += zh.eval(made)
        zh.load("")
        folded = [c["slug"] for c in zh.cards() if c["folded"]]
        expect(folded == [paper_id], f"muting “注意” folded {folded}, not [{paper_id}]")
        # Watching one: marked, listed first, and it wins over the mute.
        zh.load("reading-list/")
        zh.type("watch-term", "显存")
        zh.eval("document.querySelector('[data-terms=\"watch\"] button[type=submit]').click()")
        zh.load("")
        cards = zh.cards()
        expect([c["slug"] for c in cards if c["watched"]] == [paper_id] and not any(c["folded"] for c in cards),
               f"watching “显存”: watched {[c['slug'] for c in cards if c['watched']]}, folded {[c['slug'] for c in cards if c['folded']]}")
        note = zh.eval(f"document.querySelector('[data-paper=\"{paper_id}\"] .watch-note').textContent")
        heading = zh.eval("document.querySelector('.watchlist h2').textContent")
        expect(note == t("onWatchlist", term="显存") and heading == t("watchlist"), f"watch note {note!r}, heading {heading!r}")
        shown.append(note)
        # English words are whole words: "Dahl" must not match inside another word.
        zh.eval("DigestStore.set('prefs', {muteTopics: [], muteWords: ['ahl'], watch: [], hideRead: false})")
        expect(not any(c["folded"] for c in zh.cards()), "muting “ahl” folded a card (a part of a word)")
        zh.eval("DigestStore.set('prefs', {muteTopics: [], muteWords: [], watch: [], hideRead: false})")

        # "N new since …": the visit before this one knew the day before.
        day = zh.eval("document.querySelector('[data-reader-bar]').getAttribute('data-reader-bar')")
        zh.eval(f"localStorage.setItem({json.dumps(PREFIX + 'visit')}, JSON.stringify({{v: 1, data: {{last: Date.now() - 7200000,"
                f" known: {{day: '2026-01-01', ids: []}}}}}}))")
        zh.load("")
        count = sum(1 for c in zh.cards() if c["isNew"])
        news = zh.eval("document.querySelector('[data-reader-news]').textContent")
        forms = [re.escape(t(key, count, when="WHEN")).replace("WHEN", ".+") for key in ("newTime", "newDay", "newDate")]
        expect(count and any(re.fullmatch(form, news) for form in forms), f"{count} new, the line says {news!r}")
        badge = zh.eval("document.querySelector('.new-badge').textContent")
        expect(badge == t("new"), f"the new badge says {badge!r}")
        shown.append(news)
        zh.key("?", "Slash", 191, text="?")
        title = zh.eval("(document.querySelector('dialog.keys-help[open] h2') || {}).textContent")
        expect(title == t("keys"), f"the keys dialog is titled {title!r}")
        text += zh.eval(made)
        zh.key("Escape", "Escape", 27)

        # The reading list: its labels, then empty.
        zh.load("reading-list/")
        label = zh.eval("document.querySelector('.saved-note-label').textContent")
        expect(label == t("note"), f"the note is labelled {label!r}")
        text += zh.eval(made)
        zh.eval("document.querySelector('.saved-remove').click()")
        said = zh.wait("document.querySelector('[aria-live=polite]').textContent", 2)
        status = zh.eval("document.querySelector('[data-list-status]').textContent")
        expect(said == t("removed", 0) and status == t("empty"), f"after removing: announced {said!r}, status {status!r}")
        text += zh.eval(made)
        left = english_left(text)
        expect(not left, f"English left: {left}")
        zh.errors()
    finally:
        server.close()
    return True, "zh-CN: " + "; ".join(shown) + f"; muting “注意” folds and watching “显存” marks {paper_id} only"


# ---------------------------------------------------------------- main

def build(digest, site, port, content=None):
    command = [digest, "build", "--output", site, "--base-url", f"http://127.0.0.1:{port}/{SUBPATH}/"]
    proc = subprocess.run(command + (["--content", content] if content else []), cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"build failed: {(proc.stderr or proc.stdout).strip()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digest", default=os.path.join(REPO, ".build", "release", "digest"), help="the digest executable")
    parser.add_argument("--only", help="run only these checks, by name, separated by commas (some need those before them)")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None

    workspace = tempfile.mkdtemp(prefix="digest-reader-")
    port = free_port()
    site = os.path.join(workspace, "Site")
    outcomes = []
    try:
        build(args.digest, site, port)
    except AssertionError as error:
        print(f"FAIL  build      {error}")
        print("browser-reader: 0 passed, 1 failed")
        return 1
    server = SubPathServer(site, port)
    browser = Chromium()
    browser.call("DOM.enable")
    page = Reader(browser, server.url)
    state = {}

    def attempt(name, check, *arguments):
        if only and name not in only:
            return
        try:
            ok, summary = check(page, state, *arguments)
        except Exception as error:  # a failed or crashed check fails, and the others still run
            ok, summary = False, f"{type(error).__name__}: {error}"
        outcomes.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name:10} {summary}", flush=True)

    try:
        page.load("")
        attempt("save", check_save)
        attempt("read", check_read)
        attempt("mute", check_mute)
        attempt("watch", check_watch)
        attempt("keys", check_keys)
        attempt("tabs", check_tabs)
        attempt("separate", check_separate, server, site)
        attempt("new", check_new, args.digest, workspace, site, port)
        attempt("transfer", check_transfer, workspace)
        attempt("damaged", check_damaged)
        attempt("nostorage", check_nostorage)
        attempt("nojs", check_nojs)
        attempt("language", check_language, args.digest, workspace)
    finally:
        status = tally("browser-reader", outcomes, browser, server, workspace)
    return status


if __name__ == "__main__":
    sys.exit(main())
