// window.DigestText: the scripts' words (assets/strings.js) in the site's language.
(function () {
  "use strict";
  var data = window.DigestStrings || {}, strings = data.strings || {};
  var lang = data.lang || document.documentElement.lang || "en", formats = {};

  function make(type, options) {
    try { return new Intl[type](lang, options); } catch (error) { return null; }
  }
  var plurals = make("PluralRules"), numbers = make("NumberFormat");

  function fill(key, form, values) {
    var text = strings[key];
    if (text && typeof text === "object") text = text[form] || text.other;
    return (typeof text === "string" ? text : key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] != null ? values[name] : all;
    });
  }

  function date(value, options) {
    var key = JSON.stringify(options), format = formats[key] || (formats[key] = make("DateTimeFormat", options));
    try { return format ? format.format(value) : ""; } catch (error) { return ""; }
  }

  window.DigestText = {
    lang: lang,
    t: function (key, values) { return fill(key, "other", values); },
    n: function (key, count, values) {
      values = Object.assign({}, values, { count: numbers ? numbers.format(count) : String(count) });
      return fill(key, plurals ? plurals.select(count) : "other", values);
    },
    date: date,
    day: function (day) {
      return date(new Date(day + "T12:00:00Z"), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }) || day;
    }
  };
})();
