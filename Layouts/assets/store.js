// The reader's state, the only module that touches localStorage: one key per part, named
// by the site's root path, versioned; damaged parts reset (docs/reader-features.md).
(function () {
  "use strict";

  var T = window.DigestText;
  if (!T) return;
  var VERSION = 1;
  var FORMAT = "digest-reader";
  var MAX_READ = 10000; // read marks kept, newest first: a few hundred kB at most
  var root = new URL(document.body.getAttribute("data-root") || "./", location.href).pathname;
  var prefix = "digest:" + root + ":";

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function strings(list) {
    return Array.isArray(list) ? list.filter(function (s) { return typeof s === "string" && s.trim(); }).map(function (s) { return s.trim().slice(0, 200); }) : [];
  }
  function unique(list) { return list.filter(function (item, index) { return list.indexOf(item) === index; }); }

  // Each part's checker keeps what is well formed.
  var clean = {
    saved: function (data) {
      var out = {};
      Object.keys(data).forEach(function (slug) {
        var p = data[slug];
        if (!isObject(p) || typeof p.title !== "string" || typeof p.savedAt !== "number") return;
        out[slug] = {
          title: p.title, day: typeof p.day === "string" ? p.day : "", savedAt: p.savedAt,
          note: typeof p.note === "string" ? p.note : "",
          topics: Array.isArray(p.topics) ? p.topics.filter(function (t) { return Array.isArray(t) && t.length === 2; }) : [],
          links: Array.isArray(p.links) ? p.links.filter(function (l) { return Array.isArray(l) && l.length === 2; }) : []
        };
      });
      return out;
    },
    read: function (data) {
      var out = {};
      Object.keys(data).forEach(function (slug) { if (typeof data[slug] === "number") out[slug] = data[slug]; });
      return out;
    },
    prefs: function (data) {
      return { muteTopics: strings(data.muteTopics), muteWords: strings(data.muteWords), watch: strings(data.watch), hideRead: data.hideRead === true };
    },
    visit: function (data) {
      var out = {};
      if (typeof data.last === "number") out.last = data.last;
      ["known", "before"].forEach(function (key) {
        var mark = data[key];
        if (isObject(mark) && typeof mark.day === "string") out[key] = { day: mark.day, ids: strings(mark.ids), at: typeof mark.at === "number" ? mark.at : 0 };
      });
      return out;
    }
  };
  function size(data) { return Object.keys(data).length + (Array.isArray(data.muteTopics) ? data.muteTopics.length + data.muteWords.length + data.watch.length : 0); }

  var storage = null;
  var off = "";
  try {
    storage = window.localStorage;
    storage.setItem(prefix + "probe", "1");
    storage.removeItem(prefix + "probe");
  } catch (error) {
    // Full storage can still be read; disabled or blocked storage cannot.
    off = error && error.name === "QuotaExceededError" && storage ? "full" : "unavailable";
    if (off === "unavailable") storage = null;
  }

  var cache = {};
  var listeners = [];
  var notices = [];

  function notify(part, remote) { listeners.forEach(function (listener) { listener(part, remote); }); }

  function get(part) {
    if (cache[part]) return cache[part];
    var data = clean[part]({});
    var raw = null;
    try { raw = storage && storage.getItem(prefix + part); } catch (error) { raw = null; }
    if (raw !== null) {
      var stored = null;
      try { stored = JSON.parse(raw); } catch (error) { stored = null; }
      var ok = isObject(stored) && stored.v === VERSION && isObject(stored.data);
      var kept = ok ? clean[part](stored.data) : data;
      if (!ok || size(kept) < size(stored.data)) {
        notices.push(T.t((ok ? "fixed." : "reset.") + part));  // js.fixed.saved, js.reset.saved …
        write(part, kept);
      }
      data = kept;
    }
    cache[part] = data;
    return data;
  }

  function write(part, data) {
    if (!storage) return false;
    try {
      storage.setItem(prefix + part, JSON.stringify({ v: VERSION, data: data }));
      return true;
    } catch (error) {
      off = "full";
      notices.push(T.t("full"));
      return false;
    }
  }

  function set(part, data) {
    if (part === "read") {
      var slugs = Object.keys(data);
      if (slugs.length > MAX_READ) {
        slugs.sort(function (a, b) { return data[b] - data[a]; }).slice(MAX_READ).forEach(function (slug) { delete data[slug]; });
      }
    }
    cache[part] = data;
    var ok = write(part, data);
    notify(part, false);
    return ok;
  }

  // Another tab changed something: read it again.
  window.addEventListener("storage", function (event) {
    if (event.key !== null && event.key.indexOf(prefix) !== 0) return;
    var part = event.key === null ? null : event.key.slice(prefix.length);
    if (part !== null && !clean[part]) return;
    Object.keys(clean).forEach(function (name) { if (part === null || part === name) delete cache[name]; });
    notify(part, true);
  });

  function exportAll() {
    var out = { format: FORMAT, version: VERSION, site: root, exported: new Date().toISOString() };
    Object.keys(clean).forEach(function (part) { out[part] = get(part); });
    return out;
  }

  // Merges an export (how: docs/reader-features.md); returns what was new, or throws a message.
  function importAll(file) {
    if (!isObject(file) || file.format !== FORMAT) throw new Error(T.t("notExport"));
    if (typeof file.version !== "number" || file.version > VERSION) throw new Error(T.t("newer"));
    var counts = { saved: 0, read: 0, prefs: 0 };
    var saved = get("saved"), read = get("read"), prefs = get("prefs");
    var theirs = clean.saved(isObject(file.saved) ? file.saved : {});
    Object.keys(theirs).forEach(function (slug) {
      if (!saved[slug]) { saved[slug] = theirs[slug]; counts.saved++; } else if (!saved[slug].note) saved[slug].note = theirs[slug].note;
    });
    var theirRead = clean.read(isObject(file.read) ? file.read : {});
    Object.keys(theirRead).forEach(function (slug) {
      if (!read[slug]) counts.read++;
      read[slug] = Math.max(read[slug] || 0, theirRead[slug]);
    });
    var theirPrefs = clean.prefs(isObject(file.prefs) ? file.prefs : {});
    ["muteTopics", "muteWords", "watch"].forEach(function (key) {
      var joined = unique(prefs[key].concat(theirPrefs[key]));
      counts.prefs += joined.length - prefs[key].length;
      prefs[key] = joined;
    });
    set("saved", saved);
    set("read", read);
    set("prefs", prefs);
    if (!get("visit").known && isObject(file.visit)) set("visit", clean.visit(file.visit));
    return counts;
  }

  window.DigestStore = {
    get off() { return off; },
    root: root,
    get: get,
    set: set,
    update: function (part, change) { var data = get(part); change(data); return set(part, data); },
    on: function (listener) { listeners.push(listener); },
    takeNotices: function () { return notices.splice(0, notices.length); },
    exportAll: exportAll,
    importAll: importAll
  };
})();
