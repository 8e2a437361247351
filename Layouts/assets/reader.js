// Save and Read buttons on every [data-paper] (cards, paper page, search results), and what
// the reader's other modules share: window.DigestReader (docs/reader-features.md).
(function () {
  "use strict";

  var Store = window.DigestStore, T = window.DigestText;
  if (!Store) return;
  var root = document.body.getAttribute("data-root") || "./";
  var ARXIV = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
  var painters = [];
  var live;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function papers(scope) { return Array.prototype.slice.call((scope || document).querySelectorAll("[data-paper]")); }

  function announce(text) {
    if (!live) {
      live = element("div", "visually-hidden");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }

  function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

  // Authors: one .author element each, or the line split on commas ("… and 3 more" left out).
  function authors(paper) {
    var names = paper.querySelectorAll(".authors .author");
    if (names.length) return Array.prototype.map.call(names, text);
    return text(paper.querySelector(".authors")).split(", ").filter(function (name) { return name && name.indexOf("…") < 0; });
  }

  // What the reading list shows, read from the page: the list needs no download.
  function describe(paper) {
    var slug = paper.getAttribute("data-paper");
    var topics = Array.prototype.map.call(paper.querySelectorAll(".tags a"), function (a) {
      return [text(a), (a.getAttribute("href").match(/topics\/([^\/]+)\//) || ["", ""])[1]];
    });
    var names = (paper.getAttribute("data-topic-names") || "").split("|");
    (paper.getAttribute("data-topics") || paper.getAttribute("data-result-topics") || "").split(" ").forEach(function (topic, index) {
      if (topic && !topics.some(function (t) { return t[1] === topic; })) topics.push([names[index] || topic, topic]);
    });
    var links = Array.prototype.map.call(paper.querySelectorAll(".paper-links a"), function (a) { return [text(a), a.href]; });
    var id = slug.replace(/_/g, "/");
    if (!links.length && ARXIV.test(id)) links = [["arXiv", "https://arxiv.org/abs/" + id], ["PDF", "https://arxiv.org/pdf/" + id]];
    return { title: paper.getAttribute("data-title") || slug, day: paper.getAttribute("data-day") || "", topics: topics, links: links, note: "", savedAt: Date.now() };
  }

  function savedCount() { return Object.keys(Store.get("saved")).length; }

  function toggleSave(paper) {
    var slug = paper.getAttribute("data-paper");
    var saved = !Store.get("saved")[slug];
    Store.update("saved", function (list) { if (saved) list[slug] = describe(paper); else delete list[slug]; });
    announce(T.n(saved ? "saved" : "removed", savedCount()));
  }

  function toggleRead(paper, read) {
    var slug = paper.getAttribute("data-paper");
    if (read === undefined) read = !Store.get("read")[slug];
    Store.update("read", function (marks) { if (read) marks[slug] = Date.now(); else delete marks[slug]; });
    announce(T.t(read ? "markedRead" : "markedUnread"));
  }

  function button(label, className, action) {
    var b = element("button", "reader-toggle " + className, label);
    b.type = "button";
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", function () { action(b.closest("[data-paper]")); });
    return b;
  }

  function addButtons(paper) {
    if (paper.querySelector(".reader-actions")) return;
    var bar = element("div", "reader-actions");
    bar.appendChild(button(T.t("save"), "reader-save", toggleSave));
    bar.appendChild(button(T.t("read"), "reader-read", function (p) { toggleRead(p); }));
    var heading = paper.querySelector("h1, h2, h3");
    if (heading) heading.after(bar); else paper.appendChild(bar);
  }

  function paint() {
    var saved = Store.get("saved"), read = Store.get("read");
    papers().forEach(function (paper) {
      var slug = paper.getAttribute("data-paper");
      if (Store.off !== "unavailable") addButtons(paper);
      paper.classList.toggle("is-read", !!read[slug]);
      paper.querySelectorAll(".reader-save").forEach(function (b) { b.setAttribute("aria-pressed", String(!!saved[slug])); });
      paper.querySelectorAll(".reader-read").forEach(function (b) { b.setAttribute("aria-pressed", String(!!read[slug])); });
    });
    var count = savedCount();
    document.querySelectorAll("[data-reader-nav]").forEach(function (item) { item.hidden = false; });
    document.querySelectorAll("[data-saved-count]").forEach(function (slot) { slot.textContent = count ? String(count) : ""; });
  }

  function paintAll() {
    paint();
    painters.forEach(function (painter) { painter(); });
    var notices = Store.takeNotices();
    if (notices.length) showNotice(notices.join(" "));
  }

  // A message at the top of the page, for damaged data and full storage.
  function showNotice(message) {
    var main = document.getElementById("main");
    if (!main) return;
    var notice = main.querySelector(".reader-notice") || element("p", "reader-notice");
    notice.setAttribute("role", "status");
    notice.textContent = message;
    if (!notice.parentNode) main.insertBefore(notice, main.firstChild);
  }

  // The paper page counts as read once opened.
  var page = document.querySelector("article.paper[data-paper]");
  if (page && Store.off !== "unavailable" && !Store.get("read")[page.getAttribute("data-paper")]) {
    Store.update("read", function (marks) { marks[page.getAttribute("data-paper")] = Date.now(); });
  }

  // Search results arrive later: give them buttons too.
  var results = document.querySelector("[data-search-results]");
  if (results && window.MutationObserver) new MutationObserver(paint).observe(results, { childList: true });

  Store.on(paintAll);

  window.DigestReader = {
    root: root,
    element: element,
    papers: papers,
    text: text,
    authors: authors,
    announce: announce,
    showNotice: showNotice,
    toggleSave: toggleSave,
    toggleRead: toggleRead,
    paint: function (painter) { painters.push(painter); painter(); },
    offMessage: function () {
      return Store.off === "unavailable" ? T.t("off") : "";
    }
  };
  paintAll();
})();
