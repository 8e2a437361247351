// "New since your last visit": papers of a later day than the newest day list seen before
// this visit, or of that day and not in it. Why this way: docs/reader-features.md.
(function () {
  "use strict";

  var Store = window.DigestStore, Reader = window.DigestReader, T = window.DigestText;
  if (!Reader || Store.off === "unavailable") return;
  var GAP = 30 * 60 * 1000;

  var visit = Store.get("visit");
  var now = Date.now();
  if (!visit.last || now - visit.last > GAP) visit.before = visit.known ? { day: visit.known.day, ids: visit.known.ids, at: visit.last } : undefined;
  visit.last = now;
  var bar = document.querySelector("[data-reader-bar]");
  var day = bar && bar.getAttribute("data-reader-bar");
  if (day) {
    var ids = Reader.papers().filter(function (p) { return p.getAttribute("data-day") === day; }).map(function (p) { return p.getAttribute("data-paper"); });
    if (!visit.known || day > visit.known.day) visit.known = { day: day, ids: ids };
    else if (day === visit.known.day) visit.known.ids = visit.known.ids.concat(ids.filter(function (id) { return visit.known.ids.indexOf(id) < 0; }));
  }
  var before = visit.before;
  Store.set("visit", visit);
  if (!before) return;

  function isNew(paper) {
    var paperDay = paper.getAttribute("data-day");
    return paperDay > before.day || (paperDay === before.day && before.ids.indexOf(paper.getAttribute("data-paper")) < 0);
  }

  // "3 new since 14:05" the same day, "… since Tuesday" within the week, "… since 3 Nov" before.
  function since(count, time) {
    var days = (new Date(now).setHours(0, 0, 0, 0) - new Date(time).setHours(0, 0, 0, 0)) / 864e5;
    var kind = days < 1 ? ["newTime", { hour: "2-digit", minute: "2-digit" }]
      : days < 7 ? ["newDay", { weekday: "long" }] : ["newDate", { day: "numeric", month: "short" }];
    return T.n(kind[0], count, { when: T.date(time, kind[1]) });
  }

  var count = 0;
  Reader.papers().forEach(function (paper) {
    if (!paper.classList.contains("card") || !isNew(paper)) return;
    count++;
    paper.classList.add("is-new");
    var heading = paper.querySelector(".card-title");
    if (heading) heading.appendChild(Reader.element("span", "new-badge", T.t("new")));
  });
  var news = document.querySelector("[data-reader-news]");
  if (news && count) news.textContent = since(count, before.at || now);
})();
