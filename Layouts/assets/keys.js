// Keyboard shortcuts, never while typing or with Ctrl, Alt or Meta; the paper in hand has
// focus, so it is always visible (docs/reader-features.md).
(function () {
  "use strict";

  var Reader = window.DigestReader, T = window.DigestText;
  if (!Reader) return;
  var KEYS = [["j", "keyNext"], ["k", "keyPrevious"], [T.t("keyO"), "keyOpen"], ["s", "keySave"], ["m", "keyRead"], ["/", "keySearch"],
    ["?", "keyHelp"]];
  var help;

  function visible(paper) { return paper.getClientRects().length > 0; }

  function current() {
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-paper]");
    return focused || document.querySelector("article.paper[data-paper]");
  }

  function move(step) {
    var papers = Reader.papers().filter(visible);
    if (!papers.length) return;
    var at = papers.indexOf(current());
    var next = papers[at < 0 ? (step > 0 ? 0 : papers.length - 1) : Math.min(papers.length - 1, Math.max(0, at + step))];
    next.tabIndex = -1;
    next.focus();
  }

  function showHelp() {
    if (!help) {
      help = Reader.element("dialog", "keys-help");
      help.setAttribute("aria-labelledby", "keys-help-title");
      var title = Reader.element("h2", null, T.t("keys"));
      title.id = "keys-help-title";
      var list = Reader.element("dl");
      KEYS.forEach(function (pair) {
        list.appendChild(Reader.element("dt")).appendChild(Reader.element("kbd", null, pair[0]));
        list.appendChild(Reader.element("dd", null, T.t(pair[1])));
      });
      var close = Reader.element("button", null, T.t("close"));
      close.type = "button";
      close.addEventListener("click", function () { help.close(); });
      [title, list, close].forEach(function (node) { help.appendChild(node); });
      document.body.appendChild(help);
    }
    if (!help.open) help.showModal();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (target.closest("input, textarea, select, dialog, [contenteditable]") || target.isContentEditable) return;
    var paper = current();
    var key = event.key;
    if (key === "Enter" && target !== paper) return;  // Enter on a link or button does its own thing
    if (key === "j" || key === "k") move(key === "j" ? 1 : -1);
    else if ((key === "o" || key === "Enter") && paper) {
      var link = paper.querySelector("h1 a, h2 a, h3 a");
      if (link) location.href = link.href;
    } else if (key === "s" && paper && paper.querySelector(".reader-save")) Reader.toggleSave(paper);
    else if (key === "m" && paper && paper.querySelector(".reader-read")) Reader.toggleRead(paper);
    else if (key === "/") {
      var box = document.querySelector("#site-search-input, #search-page-input");
      if (!box) return;
      box.focus();
    } else if (key === "?") showHelp();
    else return;
    event.preventDefault();
  });
})();
