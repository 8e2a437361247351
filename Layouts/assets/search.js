// Full-text search, the header box and the search page (docs/search.md). Failures end in a
// message to the reader, never in an exception.
(function () {
  "use strict";

  var Words = window.DigestWords, T = window.DigestText;
  var body = document.body;
  var manifestURL = body.getAttribute("data-search-index");
  if (!Words || !T || !manifestURL || !window.fetch) return;
  var root = body.getAttribute("data-root") || "./";
  var folder = manifestURL.replace(/[^\/]*$/, "");

  var PAGE_SIZE = 10;
  var POPUP_SIZE = 8;
  var MAX_QUERY = 500;
  var MAX_TERMS = 12;
  var PREFIX_TERMS = 30;
  var PREFIX_CHUNKS = 3;       // per tier, so "co" stays cheap
  var PHRASE_CANDIDATES = 100;
  var PARALLEL_PAGES = 8;

  // ------------------------------------------------------------ files

  function fetchJSON(url, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(T.t("indexHTTP", { status: response.status }));
      return response.json().catch(function () { throw new Error(T.t("indexDamaged")); });
    }, function () {
      throw new Error(T.t("indexOffline"));
    });
  }

  // Forgotten if it fails, so that the next query tries again.
  var files = new Map();
  function once(key, make) {
    if (!files.has(key)) {
      var promise = make();
      files.set(key, promise);
      promise.catch(function () { files.delete(key); });
    }
    return files.get(key);
  }

  // The manifest changes with every build; the other files are named by their bytes or rarely change.
  function manifest() {
    return once("manifest", function () {
      return fetchJSON(manifestURL, { cache: "no-cache" }).then(function (m) {
        if (!m || m.version !== 4 || !Array.isArray(m.tiers) || !Array.isArray(m.days)) {
          throw new Error(T.t("indexVersion"));
        }
        return m;
      });
    });
  }

  // A chunk that is gone was replaced by a newer build: fetch the manifest again.
  function chunk(name) {
    return once("t/" + name, function () {
      return fetchJSON(folder + "t/" + name + ".json").catch(function (error) {
        files.delete("manifest");
        throw error;
      });
    });
  }

  // [id, slug, title, authors, day index, [topic positions], has code]
  function rows(m, numbers) {
    return Promise.all(numbers.map(function (n) {
      var group = Math.floor(n / m.docGroup);
      return once("d/" + group, function () { return fetchJSON(folder + "d/" + group + ".json"); }).then(function (list) {
        var row = list[n - group * m.docGroup];
        if (!row) throw new Error(T.t("indexRow"));
        return row;
      });
    }));
  }

  // The blocks of a paper's page marked data-search-text, for snippets and phrases.
  var BLOCKS = "p, li, h2, h3, h4, h5, h6, td, th, dt, dd, pre, figcaption";
  function pageText(slug) {
    return once("p/" + slug, function () {
      return fetch(root + "papers/" + slug + "/").then(function (response) {
        if (!response.ok) throw new Error(T.t("pageHTTP", { status: response.status }));
        return response.text();
      }, function () {
        throw new Error(T.t("pageOffline"));
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");  // inert: runs nothing
        var blocks = [];
        doc.querySelectorAll("[data-search-text]").forEach(function (element) {
          var leaves = Array.prototype.filter.call(element.querySelectorAll(BLOCKS), function (e) { return !e.querySelector(BLOCKS); });
          (leaves.length ? leaves : [element]).forEach(function (e) {
            var text = e.textContent.replace(/\s+/g, " ").trim();
            if (text) blocks.push(text);
          });
        });
        return blocks;
      });
    });
  }

  // ------------------------------------------------------------ terms and postings

  // Terms are sorted by code point; JavaScript's < puts surrogates (above U+FFFF) before U+E000.
  function unit(c) { return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c; }
  function compare(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return unit(x) - unit(y);
    }
    return a.length - b.length;
  }

  function chunkIndex(tier, term) {
    var pairs = tier.chunks, low = 0, high = pairs.length / 2 - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (compare(pairs[2 * middle], term) <= 0) low = middle; else high = middle - 1;
    }
    return low;
  }

  function rowIndex(chunkRows, term) {
    var low = 0, high = chunkRows.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (compare(chunkRows[middle][0], term) < 0) low = middle + 1; else high = middle;
    }
    return low;
  }

  function postings(m, term) {
    return Promise.all(m.tiers.map(function (tier) {
      if (!tier.chunks.length) return [];
      return chunk(tier.chunks[2 * chunkIndex(tier, term) + 1]).then(function (chunkRows) {
        var at = rowIndex(chunkRows, term);
        return at < chunkRows.length && chunkRows[at][0] === term ? listOf(tier, chunkRows[at]) : [];
      });
    }));
  }

  // Terms that start with one of `prefixes` → their postings per tier.
  function prefixed(m, prefixes) {
    var found = new Map();
    return Promise.all(m.tiers.map(function (tier, t) {
      return Promise.all(prefixes.map(function (prefix) {
        var pairs = tier.chunks, count = pairs.length / 2;
        if (!count) return null;
        var names = [];
        for (var i = chunkIndex(tier, prefix); i < count && names.length < PREFIX_CHUNKS; i++) {
          if (names.length && !pairs[2 * i].startsWith(prefix)) break;
          names.push(pairs[2 * i + 1]);
        }
        return Promise.all(names.map(chunk)).then(function (chunks) {
          chunks.forEach(function (chunkRows) {
            for (var at = rowIndex(chunkRows, prefix); at < chunkRows.length && chunkRows[at][0].startsWith(prefix); at++) {
              var term = chunkRows[at][0];
              if (!found.has(term)) found.set(term, m.tiers.map(function () { return []; }));
              found.get(term)[t] = listOf(tier, chunkRows[at]);
            }
          });
        });
      }));
    })).then(function () { return found; });
  }

  // A row's papers in its tier: [term, postings], or for a term in most of the tier's papers
  // [term, the gaps between the papers without it, the level every other paper has].
  function listOf(tier, row) {
    return row.length < 3 ? row[1] : { missing: row[1], level: row[2], first: tier.first, count: tier.count };
  }

  function decode(m, lists, each) {
    lists.forEach(function (list) {
      if (!Array.isArray(list)) {
        var at = 0, gaps = list.missing, without = gaps.length ? gaps[0] - 1 : -1;
        for (var paper = list.first; paper < list.first + list.count; paper++) {
          if (paper === without) {
            at++;
            if (at < gaps.length) without += gaps[at];
          } else {
            each(paper, list.level);
          }
        }
        return;
      }
      var number = -1;
      for (var i = 0; i < list.length; i++) {
        number += Math.floor(list[i] / m.levels);
        each(number, list[i] % m.levels + 1);
      }
    });
  }

  function frequency(lists) {
    return lists.reduce(function (sum, list) {
      return sum + (Array.isArray(list) ? list.length : list.count - list.missing.length);
    }, 0);
  }

  function idf(m, df) {
    return Math.log(1 + (m.papers - df + 0.5) / (df + 0.5));
  }

  // BM25 from the stored level; a prefix word scores as the best of its terms.
  function addScores(m, lists, scores) {
    var weight = idf(m, frequency(lists)) / m.levels;
    decode(m, lists, function (number, level) {
      var score = weight * level;
      if (!(scores.get(number) >= score)) scores.set(number, score);
    });
  }

  // ------------------------------------------------------------ queries

  var ARXIV = /(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?|(?:\barxiv:\s*)?\b(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?\b/gi;
  var PHRASE = /["“”„]([^"“”„]*)["“”„]/g;
  var ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;
  var LAST_RUN = /[\p{L}\p{N}\p{M}]+$/u;

  // slots: the terms every result must have (the last word while typing: `prefixes`);
  // phrases: runs of terms; common: stop words left out.
  function parse(raw) {
    var text = String(raw || "").slice(0, MAX_QUERY);
    var query = { text: text.trim(), slots: [], phrases: [], common: [], truncated: false };
    var seen = new Set();
    function add(slot) {
      var key = (slot.prefixes ? "*" : "") + slot.term;
      if (seen.has(key)) return;
      if (query.slots.length >= MAX_TERMS) { query.truncated = true; return; }
      seen.add(key);
      query.slots.push(slot);
    }

    var free = [];
    var last = 0;
    text.replace(PHRASE, function (match, phrase, offset) {
      free.push(text.slice(last, offset));
      last = offset + match.length;
      var terms = Words.terms(phrase);
      Words.words(phrase).forEach(function (word) { if (Words.term(word) === null) query.common.push(word); });
      terms.forEach(function (term) { add({ term: term }); });
      if (terms.length > 1) query.phrases.push(terms);
      return match;
    });
    free.push(text.slice(last));
    var typing = ENDS_IN_WORD.test(text) && last < text.length;
    free.forEach(function (part, index) {
      part = part.replace(ARXIV, function (match, url, bare) {
        add({ term: "#" + (url || bare).toLowerCase() });
        return " ";
      });
      var words = Words.words(part);
      var tail = typing && index === free.length - 1 && ENDS_IN_WORD.test(part) ? Words.words(part.match(LAST_RUN)[0]) : [];
      words.forEach(function (word, position) {
        var term = Words.term(word);
        if (term === null) { query.common.push(word); return; }
        if (tail.length && position === words.length - 1) {
          add({ term: term, prefixes: term.startsWith(word) || word.startsWith(term) ? [term.length < word.length ? term : word] : [word, term] });
        } else {
          add({ term: term });
        }
      });
    });
    return query;
  }

  // filters: {topic, code, from, to}; need: how many phrase matches to fetch pages for.
  function search(m, query, filters, sort, need) {
    var highlight = new Set();
    var scored = query.slots.map(function (slot) {
      var scores = new Map();
      if (!slot.prefixes) {
        if (slot.term.charAt(0) !== "#") highlight.add(slot.term);
        return postings(m, slot.term).then(function (lists) { addScores(m, lists, scores); return scores; });
      }
      return prefixed(m, slot.prefixes).then(function (found) {
        var terms = Array.from(found.keys()).sort(function (a, b) {
          return frequency(found.get(b)) - frequency(found.get(a)) || compare(a, b);
        });
        var chosen = terms.slice(0, PREFIX_TERMS);
        if (found.has(slot.term) && chosen.indexOf(slot.term) < 0) chosen.push(slot.term);
        chosen.forEach(function (term) {
          highlight.add(term);
          addScores(m, found.get(term), scores);
        });
        return scores;
      });
    });
    var sets = [];
    if (filters.topic) sets.push("$topic:" + filters.topic);
    if (filters.code) sets.push("$code");
    var filtered = sets.map(function (term) {
      return postings(m, term).then(function (lists) {
        var set = new Set();
        decode(m, lists, function (number) { set.add(number); });
        return set;
      });
    });
    var range = dayRange(m, filters.from, filters.to);

    return Promise.all([Promise.all(scored), Promise.all(filtered)]).then(function (found) {
      var maps = found[0], required = maps.concat(found[1]);
      var results = [];
      if (required.length) {
        required.sort(function (a, b) { return a.size - b.size; });
        required[0].forEach(function (value, number) {
          if (number < range[0] || number >= range[1]) return;
          for (var i = 1; i < required.length; i++) if (!required[i].has(number)) return;
          var score = 0;
          for (var j = 0; j < maps.length; j++) score += maps[j].get(number);
          results.push({ number: number, score: score });
        });
      } else {
        for (var n = range[0]; n < range[1]; n++) results.push({ number: n, score: 0 });
      }
      results.sort(function (a, b) {
        return (sort === "new" ? 0 : b.score - a.score) || b.number - a.number;
      });
      var numbers = results.map(function (r) { return r.number; });
      var outcome = { numbers: numbers, highlight: highlight, checked: numbers.length };
      if (!query.phrases.length) return outcome;
      return withPhrases(m, numbers, query.phrases, need).then(function (kept) {
        outcome.checked = Math.min(numbers.length, PHRASE_CANDIDATES);
        outcome.unchecked = numbers.length - outcome.checked;
        outcome.numbers = kept;
        return outcome;
      });
    });
  }

  function dayRange(m, from, to) {
    var low = 0, high = m.papers;
    if (from) {
      var i = 0;
      while (i < m.days.length && m.days[i] < from) i++;
      low = i < m.days.length ? m.dayStarts[i] : m.papers;
    }
    if (to) {
      var j = m.days.length - 1;
      while (j >= 0 && m.days[j] > to) j--;
      high = j + 1 < m.days.length ? m.dayStarts[j + 1] : (j >= 0 ? m.papers : 0);
    }
    return [low, Math.max(low, high)];
  }

  function withPhrases(m, numbers, phrases, need) {
    var candidates = numbers.slice(0, PHRASE_CANDIDATES);
    var kept = [];
    var at = 0;
    function next() {
      if (at >= candidates.length || kept.length >= need) return kept;
      var batch = candidates.slice(at, at + PARALLEL_PAGES);
      at += batch.length;
      return rows(m, batch).then(function (batchRows) {
        return Promise.all(batchRows.map(function (row) {
          return pageText(row[1]).then(function (blocks) {
            var texts = [row[2], row[3]].concat(row[5].map(function (t) { return (m.topics[t] || [""])[0]; }), blocks);
            var sequences = texts.map(function (text) { return Words.terms(text); });
            return phrases.every(function (phrase) {
              return sequences.some(function (sequence) { return containsRun(sequence, phrase); });
            });
          });
        }));
      }).then(function (matches) {
        batch.forEach(function (number, i) { if (matches[i]) kept.push(number); });
        return next();
      });
    }
    return Promise.resolve().then(next);
  }

  function containsRun(sequence, run) {
    for (var i = 0; i + run.length <= sequence.length; i++) {
      var j = 0;
      while (j < run.length && sequence[i + j] === run[j]) j++;
      if (j === run.length) return true;
    }
    return false;
  }

  function emptyReason(query) {
    if (query.slots.length || !query.text) return "";
    if (query.common.length) {
      return T.t("tooCommon", { query: shorten(query.text), words: Array.from(new Set(query.common)).slice(0, 5).join(", ") });
    }
    return T.t("noWords", { query: shorten(query.text) });
  }

  function shorten(text) {
    var characters = Array.from(text);
    return characters.length > 60 ? characters.slice(0, 60).join("") + "…" : text;
  }

  function failure(error) {
    return T.t("unavailable", { reason: error && error.message || T.t("wentWrong") });
  }

  // ------------------------------------------------------------ snippets

  var TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

  function snippet(blocks, highlight) {
    var best = null;
    blocks.forEach(function (block) {
      block.replace(/([.!?])\s+/g, "$1\u0000").replace(/([。！？])/g, "$1\u0000").split("\u0000").forEach(function (sentence) {
        sentence = sentence.trim();
        if (!sentence) return;
        var marks = [], matched = new Set();
        sentence.replace(TOKEN, function (token, offset) {
          var hits = Words.terms(token).filter(function (term) { return highlight.has(term); });
          if (hits.length) {
            marks.push([offset, offset + token.length]);
            hits.forEach(function (term) { matched.add(term); });
          }
          return token;
        });
        if (!best || matched.size > best.count) best = { text: sentence, marks: marks, count: matched.size };
      });
    });
    if (!best) return null;
    var text = best.text, start = 0, end = text.length;
    if (text.length > 300) {
      var first = best.marks.length ? best.marks[0][0] : 0;
      start = first < 120 ? 0 : text.indexOf(" ", first - 100) + 1;
      end = text.length - start <= 300 ? text.length : text.lastIndexOf(" ", start + 300);
      if (end <= start) end = Math.min(text.length, start + 300);
    }
    var nodes = [];
    var at = start;
    if (start > 0) nodes.push(document.createTextNode("…"));
    best.marks.forEach(function (mark) {
      if (mark[0] < at || mark[1] > end) return;
      nodes.push(document.createTextNode(text.slice(at, mark[0])));
      nodes.push(element("mark", null, text.slice(mark[0], mark[1])));
      at = mark[1];
    });
    nodes.push(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return nodes;
  }

  // ------------------------------------------------------------ rendering

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function paperHref(row) {
    return root + "papers/" + row[1] + "/";
  }

  function mark() {
    // For bench/search_queries.py: when results were first on screen.
    if (window.performance && performance.mark) performance.mark("digest-search-results");
  }

  // ------------------------------------------------------------ header search

  // The WAI-ARIA combobox pattern.
  function headerSearch() {
    var form = document.querySelector("[data-search-header]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var popup = form.querySelector("[data-search-popup]");
    var listbox = element("ul", "search-popup-list");
    listbox.id = input.id + "-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", T.t("found"));
    var note = element("p", "search-popup-note");
    var live = element("span", "visually-hidden");
    live.setAttribute("role", "status");
    popup.replaceChildren(note, listbox);
    form.appendChild(live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");

    var options = [];
    var active = -1;
    var generation = 0;
    var timer = 0;

    function open(show) {
      popup.hidden = !show;
      // Hung from the box's right edge, unless that puts it off screen (a wrapped header).
      popup.classList.remove("search-popup-start");
      if (show && popup.getBoundingClientRect().left < 0) popup.classList.add("search-popup-start");
      input.setAttribute("aria-expanded", String(show && options.length > 0));
      if (!show) activate(-1);
    }

    function activate(index) {
      active = index;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", String(i === index));
        option.classList.toggle("active", i === index);
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(label, meta, href, className) {
      var item = element("li", "search-option" + (className ? " " + className : ""));
      item.id = listbox.id + "-" + options.length;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-href", href);
      item.appendChild(element("span", "search-option-title", label));
      if (meta) item.appendChild(element("span", "search-option-meta", meta));
      options.push(item);
      return item;
    }

    function allResultsHref(text) {
      var url = new URL(form.getAttribute("action") || root + "search/", window.location.href);
      url.search = new URLSearchParams({ q: text }).toString();
      return url.href;
    }

    function show(text, message, found, m) {
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      note.textContent = message;
      note.hidden = !message;
      var items = (found || []).map(function (row) {
        return option(row[2], [T.day(m.days[row[4]] || ""), row[3]].filter(Boolean).join(" · "), paperHref(row));
      });
      if (found && found.length) items.push(option(T.t("allResults", { query: shorten(text) }), "", allResultsHref(text), "search-option-all"));
      listbox.replaceChildren.apply(listbox, items);
      listbox.hidden = !items.length;
      live.textContent = message || (found.length ? T.n("shown", found.length) : "");
      open(true);
    }

    function run() {
      var text = input.value;
      var mine = ++generation;
      var query = parse(text);
      if (!query.text) return open(false);
      var reason = emptyReason(query);
      if (reason) return show(text, reason, null);
      manifest().then(function (m) {
        return search(m, query, {}, "", POPUP_SIZE).then(function (result) {
          return rows(m, result.numbers.slice(0, POPUP_SIZE)).then(function (found) {
            if (mine !== generation) return;
            show(text, found.length ? "" : T.t("noMatch", { query: shorten(query.text) }), found, m);
            mark();
          });
        });
      }).catch(function (error) {
        if (mine === generation) show(text, failure(error), null);
      });
    }

    function go(index) {
      var href = options[index] && options[index].getAttribute("data-href");
      if (href) window.location.assign(href);
    }

    input.addEventListener("focus", function () {
      manifest().catch(function () { /* reported when a query runs */ });
      if (input.value.trim() && popup.hidden) run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    input.addEventListener("keydown", function (event) {
      var count = options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (popup.hidden) open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        activate(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter" && !popup.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape" && !popup.hidden) {
        event.preventDefault();
        open(false);
      }
    });
    // Keep focus in the input when an option is clicked, then follow it.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) go(options.indexOf(item));
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) open(false);
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) open(false);
    });
  }

  // ------------------------------------------------------------ search page

  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function searchPage() {
    var form = document.querySelector("[data-search-page]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var controls = {
      topic: form.querySelector("select[name=topic]"),
      from: form.querySelector("input[name=from]"),
      to: form.querySelector("input[name=to]"),
      code: form.querySelector("input[name=code]"),
      sort: form.querySelector("select[name=sort]")
    };
    var filters = form.querySelector("[data-search-filters]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var pager = document.querySelector("[data-search-pager]");
    var nojs = document.querySelector("[data-search-nojs]");
    if (nojs) nojs.hidden = true;
    if (filters) filters.hidden = false;

    function fromURL() {
      var params = new URLSearchParams(window.location.search);
      var day = function (name) { var value = params.get(name) || ""; return DAY.test(value) ? value : ""; };
      return {
        q: (params.get("q") || "").slice(0, MAX_QUERY), topic: params.get("topic") || "", from: day("from"), to: day("to"),
        code: params.get("code") === "1", sort: params.get("sort") === "new" ? "new" : "",
        page: Math.max(1, Math.min(100000, parseInt(params.get("page"), 10) || 1))
      };
    }

    function address(state) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      if (state.topic) params.set("topic", state.topic);
      if (state.from) params.set("from", state.from);
      if (state.to) params.set("to", state.to);
      if (state.code) params.set("code", "1");
      if (state.sort) params.set("sort", state.sort);
      if (state.page > 1) params.set("page", String(state.page));
      var search = params.toString();
      return window.location.pathname + (search ? "?" + search : "");
    }

    function fromControls(page) {
      return {
        q: input.value.slice(0, MAX_QUERY), topic: controls.topic ? controls.topic.value : "",
        from: controls.from && DAY.test(controls.from.value) ? controls.from.value : "",
        to: controls.to && DAY.test(controls.to.value) ? controls.to.value : "",
        code: !!(controls.code && controls.code.checked), sort: controls.sort && controls.sort.value === "new" ? "new" : "",
        page: page || 1
      };
    }

    function show(state) {
      input.value = state.q;
      if (controls.topic) controls.topic.value = state.topic;
      if (controls.topic && controls.topic.value !== state.topic) controls.topic.value = "";  // not a topic of this site
      if (controls.from) controls.from.value = state.from;
      if (controls.to) controls.to.value = state.to;
      if (controls.code) controls.code.checked = state.code;
      if (controls.sort) controls.sort.value = state.sort;
    }

    function say(text) {
      status.textContent = text;
    }

    var generation = 0;
    var timer = 0;

    function clear() {
      list.replaceChildren();
      list.setAttribute("data-total", "0");
      if (pager) pager.hidden = true;
    }

    function run(page) {
      clearTimeout(timer);
      var state = fromControls(page);
      var mine = ++generation;
      window.history.replaceState(null, "", address(state));
      var query = parse(state.q);
      var filtered = state.topic || state.code || state.from || state.to;
      var reason = emptyReason(query);
      if (reason || (!query.slots.length && !filtered)) {
        clear();
        say(reason);
        if (reason) mark();
        return;
      }
      // Said only when a search is slow, so a screen reader is not told it at every key.
      var slow = setTimeout(function () { if (mine === generation) say(T.t("searching")); }, 400);
      manifest().then(function (m) {
        return search(m, query, state, state.sort, Infinity).then(function (result) {
          var total = result.numbers.length;
          var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
          if (state.page > pages) {
            state.page = pages;
            window.history.replaceState(null, "", address(state));
          }
          var first = (state.page - 1) * PAGE_SIZE;
          var numbers = result.numbers.slice(first, first + PAGE_SIZE);
          return rows(m, numbers).then(function (found) {
            if (mine !== generation) return;
            render(m, state, found, first, total, pages, result);
          });
        });
      }).catch(function (error) {
        if (mine !== generation) return;
        clear();
        say(failure(error));
      }).then(function () {
        clearTimeout(slow);
      });
    }

    function render(m, state, found, first, total, pages, result) {
      var query = shorten(state.q.trim()), filtered = state.topic || state.code || state.from || state.to;
      var text = [!query ? T.n(total ? "matchFilters" : "noMatchFilters", total)
        : total ? T.n("match", total, { query: query }) : T.t(filtered ? "noMatchFiltered" : "noMatch", { query: query })];
      if (pages > 1) text.push(T.t("onPage", { page: state.page, pages: pages }));
      if (result.unchecked > 0) text.push(T.n("phraseChecked", result.checked));
      if (parse(state.q).truncated) text.push(T.n("truncated", MAX_TERMS));
      say(text.join(" "));

      list.start = first + 1;
      list.setAttribute("data-total", String(total));
      list.replaceChildren.apply(list, found.map(function (row) { return resultItem(m, row, result.highlight); }));
      renderPager(state, pages);
      mark();
    }

    function resultItem(m, row, highlight) {
      var day = m.days[row[4]] || "";
      var topics = row[5].map(function (t) { return m.topics[t] || ["", ""]; });
      var item = element("li", "search-result");
      item.setAttribute("data-result-id", row[0]);
      item.setAttribute("data-result-day", day);
      item.setAttribute("data-result-topics", topics.map(function (t) { return t[1]; }).join(" "));
      item.setAttribute("data-result-code", row[6] ? "1" : "0");
      // What reader.js reads to save a result (as on a card).
      item.setAttribute("data-paper", row[1]);
      item.setAttribute("data-title", row[2]);
      item.setAttribute("data-day", day);
      item.setAttribute("data-topic-names", topics.map(function (t) { return t[0]; }).join("|"));
      var heading = element("h2", "search-result-title");
      var link = element("a", null, row[2]);
      link.href = paperHref(row);
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = element("p", "search-result-meta");
      var time = element("time", null, T.day(day));
      time.setAttribute("datetime", day);
      meta.appendChild(time);
      var rest = topics.map(function (t) { return t[0]; }).filter(Boolean);
      if (row[6]) rest.push(T.t("hasCode"));
      if (rest.length) meta.appendChild(document.createTextNode(" · " + rest.join(", ")));
      item.appendChild(meta);
      if (row[3]) item.appendChild(element("p", "search-result-authors", row[3]));
      var text = element("p", "search-result-snippet");
      text.hidden = true;
      item.appendChild(text);
      if (highlight.size) {
        pageText(row[1]).then(function (blocks) {
          var nodes = snippet(blocks, highlight);
          if (!nodes) return;
          text.replaceChildren.apply(text, nodes);
          text.hidden = false;
        }).catch(function () { /* the result reads fine without its sentence */ });
      }
      return item;
    }

    function renderPager(state, pages) {
      if (!pager) return;
      pager.hidden = pages < 2;
      var parts = [];
      if (state.page > 1) parts.push(pageLink(state, state.page - 1, T.t("previous"), "prev"));
      parts.push(element("span", "search-pager-position", T.t("pageOf", { page: state.page, pages: pages })));
      if (state.page < pages) parts.push(pageLink(state, state.page + 1, T.t("next"), "next"));
      pager.replaceChildren.apply(pager, parts);
    }

    // Real addresses: the browser loads them, so Back and opening in a new tab work.
    function pageLink(state, page, label, rel) {
      var link = element("a", "search-pager-" + rel, label);
      link.href = address(Object.assign({}, state, { page: page }));
      link.rel = rel;
      return link;
    }

    function fillControls(m) {
      if (controls.topic) {
        m.topics.slice().sort(function (a, b) { return a[0].localeCompare(b[0]); }).forEach(function (topic) {
          var choice = element("option", null, topic[0]);
          choice.value = topic[1];
          controls.topic.appendChild(choice);
        });
      }
      if (m.days.length) {
        [controls.from, controls.to].forEach(function (control) {
          if (!control) return;
          control.min = m.days[0];
          control.max = m.days[m.days.length - 1];
        });
      }
    }

    var initial = fromURL();
    show(initial);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(); }, 200);
    });
    Object.keys(controls).forEach(function (name) {
      if (controls[name]) controls[name].addEventListener("change", function () { run(); });
    });
    if (!initial.q) input.focus();
    manifest().then(function (m) {
      fillControls(m);
      show(initial);
    }).catch(function () { /* run() reports it */ }).then(function () {
      run(initial.page);
    });
  }

  // For tests and the curious: the same lookups the page makes.
  window.DigestSearch = {
    parse: parse,
    postings: function (term) {
      return manifest().then(function (m) {
        return postings(m, term).then(function (lists) {
          var numbers = [];
          decode(m, lists, function (number) { numbers.push(number); });
          return numbers;
        });
      });
    },
    search: function (text, filters, sort) {
      return manifest().then(function (m) { return search(m, parse(text), filters || {}, sort || "", Infinity); });
    }
  };

  headerSearch();
  searchPage();
})();
