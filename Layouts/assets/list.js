// The reading list page (reading-list/, docs/reader-features.md): saved papers newest
// first with a note each, the muted and watched words and topics, and export and import of
// everything as one JSON file (plus the list as BibTeX, from each paper's cite.bib). It
// shows what was stored when a paper was saved, so it downloads nothing else.
(function () {
  "use strict";

  var Store = window.DigestStore, Reader = window.DigestReader, T = window.DigestText;
  var section = document.querySelector("[data-reading-list]");
  if (!Reader || !section) return;
  var el = Reader.element;
  var status = document.querySelector("[data-list-status]");
  var list = section.querySelector("[data-saved-list]");
  var settings = document.querySelector("[data-reader-settings]");
  var transfer = document.querySelector("[data-reader-transfer]");
  var typing = false;

  document.querySelector("[data-reader-nojs]").hidden = true;
  var off = Reader.offMessage();
  if (off) {
    status.textContent = off;
    return;
  }
  section.hidden = settings.hidden = transfer.hidden = false;

  function say(text) { status.textContent = text; }

  function entry(slug, paper) {
    var item = el("li", "saved-item");
    item.setAttribute("data-saved", slug);
    var heading = el("h3", "saved-title");
    var link = el("a", null, paper.title);
    link.href = Reader.root + "papers/" + slug + "/";
    heading.appendChild(link);
    var meta = el("p", "saved-meta");
    var time = el("time", null, T.day(paper.day));
    time.setAttribute("datetime", paper.day);
    meta.appendChild(time);
    if (paper.topics.length) meta.appendChild(document.createTextNode(" · " + paper.topics.map(function (t) { return t[0]; }).join(", ")));
    paper.links.forEach(function (pair) {
      meta.appendChild(document.createTextNode(" · "));
      var a = el("a", null, pair[0]);
      a.href = pair[1];
      meta.appendChild(a);
    });
    var label = el("label", "saved-note-label", T.t("note"));
    label.htmlFor = "note-" + slug;
    var note = el("textarea", "saved-note");
    note.id = label.htmlFor;
    note.rows = 2;
    note.value = paper.note;
    note.addEventListener("input", function () {
      typing = true;
      Store.update("saved", function (saved) { if (saved[slug]) saved[slug].note = note.value; });
      typing = false;
    });
    var remove = el("button", "saved-remove", T.t("remove"));
    remove.type = "button";
    remove.setAttribute("aria-label", T.t("removeThis", { name: paper.title }));
    remove.addEventListener("click", function () {
      Store.update("saved", function (saved) { delete saved[slug]; });
      Reader.announce(T.n("removed", Object.keys(Store.get("saved")).length));
      var next = list.querySelector("textarea, a");
      if (next) next.focus();
    });
    [heading, meta, label, note, remove].forEach(function (node) { item.appendChild(node); });
    return item;
  }

  function paintList() {
    if (typing) return;
    var saved = Store.get("saved");
    var slugs = Object.keys(saved).sort(function (a, b) { return saved[b].savedAt - saved[a].savedAt; });
    list.replaceChildren.apply(list, slugs.map(function (slug) { return entry(slug, saved[slug]); }));
    list.hidden = !slugs.length;
    transfer.querySelector("[data-export='bib']").hidden = !slugs.length;
    if (!slugs.length) say(T.t("empty"));
    else if (status.textContent === T.t("empty")) say("");
  }

  // ------------------------------------------------------------ muted and watched
  function paintSettings() {
    var prefs = Store.get("prefs");
    settings.querySelectorAll("[data-mute-topic]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(prefs.muteTopics.indexOf(b.getAttribute("data-mute-topic")) >= 0));
    });
    settings.querySelectorAll("[data-terms]").forEach(function (form) {
      var key = form.getAttribute("data-terms") === "mute" ? "muteWords" : "watch";
      var terms = form.querySelector(".term-list");
      terms.replaceChildren.apply(terms, prefs[key].map(function (term) {
        var item = el("li", "term", term + " ");
        var remove = el("button", "term-remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", T.t("removeThis", { name: term }));
        remove.addEventListener("click", function () {
          Store.update("prefs", function (p) { p[key] = p[key].filter(function (t) { return t !== term; }); });
          form.querySelector("input").focus();
        });
        item.appendChild(remove);
        return item;
      }));
    });
  }

  settings.addEventListener("click", function (event) {
    var chip = event.target.closest("[data-mute-topic]");
    if (!chip) return;
    var topic = chip.getAttribute("data-mute-topic");
    Store.update("prefs", function (prefs) {
      var at = prefs.muteTopics.indexOf(topic);
      if (at >= 0) prefs.muteTopics.splice(at, 1); else prefs.muteTopics.push(topic);
    });
  });

  settings.querySelectorAll("[data-terms]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = form.querySelector("input");
      var term = input.value.trim();
      var key = form.getAttribute("data-terms") === "mute" ? "muteWords" : "watch";
      if (!term) return;
      if (Store.get("prefs")[key].indexOf(term) < 0) Store.update("prefs", function (prefs) { prefs[key].push(term); });
      input.value = "";
      Reader.announce(T.t(key === "watch" ? "watching" : "muted", { term: term }));
    });
  });

  // ------------------------------------------------------------ export and import
  function download(name, type, text) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  transfer.querySelector("[data-export='json']").addEventListener("click", function () {
    download("reading-list.json", "application/json", JSON.stringify(Store.exportAll(), null, 1));
    say(T.t("gotJSON"));
  });

  transfer.querySelector("[data-export='bib']").addEventListener("click", function () {
    var slugs = Object.keys(Store.get("saved"));
    say(T.t("collecting"));
    Promise.all(slugs.map(function (slug) {
      return fetch(Reader.root + "papers/" + slug + "/cite.bib").then(function (r) { return r.ok ? r.text() : ""; }, function () { return ""; });
    })).then(function (entries) {
      var found = entries.filter(function (e) { return e.indexOf("@") >= 0; });
      if (!found.length) return say(T.t("noBib"));
      download("reading-list.bib", "application/x-bibtex", found.join("\n"));
      say(T.n("gotBib", slugs.length, { found: found.length }));
    });
  });

  transfer.querySelector("[data-import]").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var counts = Store.importAll(JSON.parse(text));
      say(T.t("imported", { saved: T.n("nSaved", counts.saved), read: T.n("nRead", counts.read), prefs: T.n("nTerms", counts.prefs) }));
    }).catch(function (error) {
      say(error instanceof SyntaxError ? T.t("notJSON") : error.message);
    }).then(function () { event.target.value = ""; });
  });

  Reader.paint(function () { paintList(); paintSettings(); });
})();
