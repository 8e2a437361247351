// Digest's only script. Everything it does is an extra: without it every page still
// works (math shows as TeX, every card is visible, the search page says why it is empty).
// It builds all content with DOM methods and textContent, never from HTML strings.
(function () {
  "use strict";

  var body = document.body;
  var root = body.getAttribute("data-root") || "./";

  // ---------------------------------------------------------------- math
  // <code class="math math-inline|math-display"> holds TeX; KaTeX (loaded before this
  // script on pages with math, when the site has it) replaces it with typeset math.
  // KaTeX before 0.16.10 (Debian 12 ships 0.16.4) can be made to expand macros without
  // limit (CVE-2024-28243, CVE-2024-28244), freezing the reader's tab. TeX that defines
  // macros, or is very long, or is full of Unicode super- and subscripts, stays as source.
  var unsafeTeX = /\\(?:[egx]?def|global|let|futurelet|(?:re)?newcommand|providecommand|DeclareMathOperator)(?![a-zA-Z])/;
  function typesettable(tex) {
    var scripts = tex.match(/[\u00b2\u00b3\u00b9\u2070-\u209f]/g);
    return tex.length <= 2000 && !unsafeTeX.test(tex) && !(scripts && scripts.length > 20);
  }

  function typesetMath() {
    if (!window.katex) return;
    document.querySelectorAll("code.math").forEach(function (code) {
      if (!typesettable(code.textContent)) return;
      var display = code.classList.contains("math-display");
      var holder = document.createElement(display ? "div" : "span");
      holder.className = "math-rendered";
      try {
        window.katex.render(code.textContent, holder, {
          displayMode: display, throwOnError: false, trust: false, maxSize: 20, maxExpand: 500, strict: "ignore"
        });
        holder.setAttribute("data-tex", code.textContent);
        code.replaceWith(holder);
      } catch (error) {
        // Leave the TeX source readable.
      }
    });
  }

  // ---------------------------------------------------------------- topic filter
  function topicFilter() {
    var bar = document.querySelector(".topic-filter");
    if (!bar) return;
    bar.hidden = false;
    var buttons = bar.querySelectorAll("button[data-topic]");
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-topic]");
      if (!button) return;
      var topic = button.getAttribute("data-topic");
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      document.querySelectorAll("[data-topics]").forEach(function (element) {
        var topics = element.getAttribute("data-topics").split(" ");
        element.hidden = topic !== "" && topics.indexOf(topic) < 0;
      });
      document.querySelectorAll(".topic-section, .toc-groups > li").forEach(function (group) {
        var items = group.querySelectorAll("[data-topics]");
        var visible = Array.prototype.some.call(items, function (item) { return !item.hidden; });
        group.hidden = items.length > 0 && !visible;
      });
    });
  }

  // ---------------------------------------------------------------- search
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // search/index.json lists one shard per month, newest first; each is fetched (in parallel)
  // with revalidation, so unchanged months come from the browser's cache.
  function fetchJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  var indexPromise = null;
  function loadIndex() {
    if (!indexPromise) {
      var manifestURL = body.getAttribute("data-search-index");
      var folder = manifestURL.replace(/[^\/]*$/, "");
      indexPromise = fetchJSON(manifestURL)
        .then(function (manifest) {
          var at = {};
          manifest.fields.forEach(function (name, position) { at[name] = position; });
          return Promise.all(manifest.shards.map(function (shard) { return fetchJSON(folder + shard.href); }))
            .then(function (shards) {
              var entries = [];
              shards.forEach(function (shard) {
                shard.papers.forEach(function (row) {
                  var topics = row[at.topics].map(function (t) { return shard.topics[t]; });
                  entries.push({
                    order: entries.length, id: row[at.id], slug: row[at.slug], title: row[at.title], authors: row[at.authors],
                    topics: topics, highlights: row[at.highlights], day: shard.days[row[at.day]],
                    fields: {
                      id: fold(row[at.id]), title: fold(row[at.title]), authors: fold(row[at.authors]),
                      topics: fold(topics.join(" | ")), highlights: fold(row[at.highlights])
                    }
                  });
                });
              });
              return { entries: entries };
            });
        })
        .catch(function (error) {
          indexPromise = null;  // try again next time rather than failing for ever
          throw error;
        });
    }
    return indexPromise;
  }

  var weights = { id: 12, title: 10, topics: 6, authors: 5, highlights: 2 };

  function termScore(fields, term) {
    var best = 0;
    Object.keys(weights).forEach(function (field) {
      var text = fields[field];
      var at = text.indexOf(term);
      if (at < 0) return;
      var score = weights[field];
      if (at === 0 || /[\s(\-–—,.:;|]/.test(text.charAt(at - 1))) score += 3;  // starts a word
      if (score > best) best = score;
    });
    return best;
  }

  function search(index, query, limit) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var results = [];
    index.entries.forEach(function (entry) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var score = termScore(entry.fields, terms[i]);
        if (!score) return;
        total += score;
      }
      results.push({ entry: entry, score: total });
    });
    results.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    return results.slice(0, limit).map(function (r) { return r.entry; });
  }

  function paperHref(entry) {
    return root + "papers/" + entry.slug + "/";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(entry, withDetails) {
    var item = element("li", "search-result");
    var link = element("a", "search-result-title", entry.title);
    link.href = paperHref(entry);
    item.appendChild(link);
    var meta = [entry.authors, entry.day, entry.topics.join(", ")].filter(Boolean).join(" · ");
    item.appendChild(element("span", "search-result-meta", meta));
    if (withDetails && entry.highlights) item.appendChild(element("p", "search-result-text", entry.highlights));
    return item;
  }

  function searchPage() {
    var input = document.getElementById("search-page-input");
    if (!input) return;
    var list = document.querySelector(".search-results");
    var status = document.querySelector(".search-status");
    var nojs = document.querySelector(".search-nojs");
    if (nojs) nojs.hidden = true;
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    function run() {
      var query = input.value.trim();
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        return;
      }
      status.textContent = "Searching…";
      loadIndex().then(function (index) {
        if (input.value.trim() !== query) return;
        var found = search(index, query, 100);
        list.replaceChildren.apply(list, found.map(function (entry) { return resultItem(entry, true); }));
        status.textContent = found.length === 0 ? "No papers match “" + query + "”."
          : found.length === 100 ? "The first 100 papers that match." : found.length + (found.length === 1 ? " paper matches." : " papers match.");
      }).catch(function () {
        status.textContent = "The search index could not be loaded.";
      });
    }
    input.addEventListener("input", run);
    input.form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.focus();
    run();
  }

  function headerSearch() {
    var form = document.querySelector(".site-search");
    if (!form) return;
    var input = form.querySelector("input");
    var popup = form.querySelector(".search-popup");
    var active = -1;
    function close() {
      popup.hidden = true;
      active = -1;
    }
    function highlight(position) {
      var links = popup.querySelectorAll("a");
      if (!links.length) return;
      active = (position + links.length) % links.length;
      links.forEach(function (link, i) { link.classList.toggle("active", i === active); });
    }
    input.addEventListener("focus", loadIndex);
    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (!query) return close();
      loadIndex().then(function (index) {
        if (input.value.trim() !== query) return;
        var found = search(index, query, 8);
        var list = element("ol", "search-popup-list");
        found.forEach(function (entry) { list.appendChild(resultItem(entry, false)); });
        var more = element("p", "search-popup-more");
        var all = element("a", null, found.length ? "All results for “" + query + "”" : "No matches; search again on the search page");
        all.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
        more.appendChild(all);
        popup.replaceChildren(list, more);
        popup.hidden = false;
        active = -1;
      }).catch(function () {
        popup.replaceChildren(element("p", "search-popup-more", "Search is unavailable: the index could not be loaded."));
        popup.hidden = false;
      });
    });
    input.addEventListener("keydown", function (event) {
      if (popup.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = popup.querySelectorAll("a")[active].href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  // ---------------------------------------------------------------- copy buttons
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy"));
      if (!input || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(input.value).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        }, function () {
          input.select();
        });
      });
    });
  }

  typesetMath();
  topicFilter();
  searchPage();
  headerSearch();
  copyButtons();
})();
