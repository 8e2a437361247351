// Mute, watch and "Hide read" on cards: hidden cards fold into "3 hidden — show", never
// silently; watched ones are marked and listed first (docs/reader-features.md).
(function () {
  "use strict";

  var Store = window.DigestStore, Reader = window.DigestReader, T = window.DigestText;
  if (!Reader) return;
  var bar = document.querySelector("[data-reader-bar]");
  var opened = [];   // lists whose hidden cards the reader chose to show
  var hideButton;

  if (bar) {
    bar.hidden = false;
    var off = Reader.offMessage();
    if (off) {
      bar.appendChild(Reader.element("p", "reader-off", off));
    } else {
      hideButton = Reader.element("button", "reader-toggle", T.t("hideRead"));
      hideButton.type = "button";
      hideButton.addEventListener("click", function () {
        Store.update("prefs", function (prefs) { prefs.hideRead = !prefs.hideRead; });
      });
      bar.appendChild(hideButton);
    }
  }
  if (Store.off === "unavailable") return;

  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f\u3099\u309a]/g, "").toLowerCase(); }

  // Whole words, except next to Chinese or Japanese characters (written without spaces).
  var CJK = "[\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}]";
  function matcher(terms) {
    var patterns = terms.map(function (term) {
      var folded = fold(term), quoted = folded.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      var start = RegExp("^" + CJK, "u").test(folded) ? "" : "(?:^|[^\\p{L}\\p{N}])";
      var end = RegExp(CJK + "$", "u").test(folded) ? "" : "(?![\\p{L}\\p{N}])";
      return { term: term, pattern: new RegExp(start + quoted + end, "u") };
    });
    return function (text) {
      for (var i = 0; i < patterns.length; i++) if (patterns[i].pattern.test(text)) return patterns[i].term;
      return null;
    };
  }

  function clear() {
    document.querySelectorAll(".reader-fold, .watch-note, .watchlist").forEach(function (node) { node.remove(); });
  }

  function paint() {
    clear();
    var prefs = Store.get("prefs"), read = Store.get("read");
    var muted = matcher(prefs.muteWords), watched = matcher(prefs.watch);
    var hideRead = prefs.hideRead && bar;
    if (hideButton) hideButton.setAttribute("aria-pressed", String(prefs.hideRead));
    var lists = [], watchlist = [];
    Reader.papers().forEach(function (card) {
      if (!card.classList.contains("card")) return;
      var text = fold([card.getAttribute("data-title"), Reader.authors(card).join(", "), Reader.text(card.querySelector(".highlights"))].join(" \n "));
      var topics = (card.getAttribute("data-topics") || "").split(" ");
      var watch = watched(text);
      var mute = !watch && (topics.some(function (t) { return prefs.muteTopics.indexOf(t) >= 0; }) || muted(text) !== null);
      var hidden = mute || (hideRead && !watch && !!read[card.getAttribute("data-paper")]);
      card.classList.toggle("is-watched", watch !== null);
      card.classList.toggle("is-folded", false);
      if (watch !== null) {
        var note = Reader.element("p", "watch-note", T.t("onWatchlist", { term: watch }));
        (card.querySelector(".reader-actions") || card.querySelector(".card-title")).after(note);
        watchlist.push([card, watch]);
      }
      if (!hidden) return;
      var list = lists.filter(function (l) { return l.parent === card.parentNode; })[0];
      if (!list) lists.push(list = { parent: card.parentNode, cards: [] });
      list.cards.push(card);
    });
    var total = 0;
    lists.forEach(function (list) {
      var open = opened.indexOf(list.parent) >= 0;
      total += list.cards.length;
      list.cards.forEach(function (card) { card.classList.toggle("is-folded", !open); });
      // "3 hidden — {button}": the button goes where the language puts it.
      var parts = T.n("hidden", list.cards.length).split("{button}");
      var line = Reader.element("p", "reader-fold", parts[0]);
      var show = Reader.element("button", "reader-fold-button", T.t(open ? "hide" : "show"));
      show.type = "button";
      show.setAttribute("aria-expanded", String(open));
      show.addEventListener("click", function () {
        if (open) opened.splice(opened.indexOf(list.parent), 1); else opened.push(list.parent);
        paint();
        var again = list.parent.querySelector(".reader-fold-button");
        if (again) again.focus();
      });
      line.appendChild(show);
      if (parts[1]) line.appendChild(document.createTextNode(parts[1]));
      list.cards[list.cards.length - 1].after(line);
    });
    if (bar && watchlist.length) bar.after(watchBlock(watchlist));
    return total;
  }

  function watchBlock(watchlist) {
    var block = Reader.element("section", "watchlist");
    block.setAttribute("aria-labelledby", "watchlist-heading");
    var heading = Reader.element("h2", null, T.t("watchlist"));
    heading.id = "watchlist-heading";
    var list = Reader.element("ul");
    watchlist.forEach(function (entry) {
      var item = Reader.element("li");
      var link = Reader.element("a", null, entry[0].getAttribute("data-title"));
      link.href = "#" + entry[0].id;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + T.t("quoted", { text: entry[1] })));
      list.appendChild(item);
    });
    block.appendChild(heading);
    block.appendChild(list);
    return block;
  }

  var last = -1;
  Reader.paint(function () {
    var hidden = paint();
    if (last >= 0 && hidden !== last) Reader.announce(hidden ? T.n("hiddenNow", hidden) : T.t("nothingHidden"));
    last = hidden;
  });
})();
