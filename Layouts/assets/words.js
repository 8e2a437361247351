// window.DigestWords: the word rules of docs/search.md. The build has the same rules
// (Sources/DigestKit/Search/SearchWords.swift): change both, or queries miss their papers.
(function () {
  "use strict";

  var STOP_WORDS = new Set(("a an and are as at be been but by can for from has have in into is it its not of on or our " +
    "than that the their these this those to was we were which with").split(" "));

  // Letters NFD leaves whole that readers type plainly (Søren as Soren), and final sigma,
  // which toLowerCase makes by context but Swift's per-letter lowercasing does not.
  var LETTERS = { "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ς": "σ" };
  var LETTER = /[øđðłħŧıæœßþς]/g;
  var MARKS = /[\u0300-\u036f\u3099\u309a]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MAX_LENGTH = 40;  // longer runs are hashes or URLs

  function fold(text) {
    return String(text == null ? "" : text).normalize("NFD").replace(MARKS, "").toLowerCase()
      .replace(LETTER, function (letter) { return LETTERS[letter]; });
  }

  // Han, Hiragana and Katakana are written without spaces: runs are cut into pairs.
  function isCJK(c) {
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
  }

  // Folded words, CJK runs as overlapping pairs: the words before stop words and stemming.
  function words(text) {
    var out = [];
    var runs = fold(text).match(WORD) || [];
    runs.forEach(function (run) {
      var plain = [];  // code points of the current non-CJK part
      var cjk = [];
      function endPlain() {
        if (plain.length > 1 && plain.length <= MAX_LENGTH) out.push(plain.join(""));
        plain = [];
      }
      function endCJK() {
        if (cjk.length === 1) out.push(cjk[0]);
        for (var i = 1; i < cjk.length; i++) out.push(cjk[i - 1] + cjk[i]);
        cjk = [];
      }
      for (var character of run) {  // by code point, so characters above U+FFFF stay whole
        if (isCJK(character.codePointAt(0))) {
          endPlain();
          cjk.push(character);
        } else {
          endCJK();
          plain.push(character);
        }
      }
      endPlain();
      endCJK();
    });
    return out;
  }

  // A word as the index stores it, or null for a stop word.
  function term(word) {
    if (STOP_WORDS.has(word)) return null;
    return /^[a-z]+$/.test(word) ? stem(word) : word;
  }

  function terms(text) {
    var out = [];
    words(text).forEach(function (word) {
      var t = term(word);
      if (t !== null) out.push(t);
    });
    return out;
  }

  // ---------------------------------------------------------------- Porter (1980)
  // As published, as NLTK's ORIGINAL_ALGORITHM has it: no "logi" or "bli" rules, and
  // two-letter words stemmed too. In each step the first suffix that matches decides.

  function isConsonant(w, i) {
    var c = w.charAt(i);
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
    return true;
  }

  // m: the number of vowel-consonant sequences.
  function measure(w) {
    var m = 0;
    var previousVowel = false;
    for (var i = 0; i < w.length; i++) {
      var consonant = isConsonant(w, i);
      if (consonant && previousVowel) m++;
      previousVowel = !consonant;
    }
    return m;
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
    return false;
  }

  function endsDoubleConsonant(w) {
    return w.length >= 2 && w.charAt(w.length - 1) === w.charAt(w.length - 2) && isConsonant(w, w.length - 1);
  }

  // *o: consonant-vowel-consonant, the last not w, x or y.
  function endsCVC(w) {
    var n = w.length;
    return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !/[wxy]$/.test(w);
  }

  function ends(w, suffix) {
    return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix;
  }

  // rules: [suffix, replacement, ...]; applied when the stem's measure exceeds `minimum`.
  function applyFirst(w, rules, minimum) {
    for (var i = 0; i < rules.length; i += 2) {
      if (!ends(w, rules[i])) continue;
      var rest = w.slice(0, w.length - rules[i].length);
      return measure(rest) > minimum ? rest + rules[i + 1] : w;
    }
    return w;
  }

  var STEP2 = ["ational", "ate", "tional", "tion", "enci", "ence", "anci", "ance", "izer", "ize", "abli", "able",
    "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous", "ization", "ize", "ation", "ate", "ator", "ate",
    "alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous", "aliti", "al", "iviti", "ive", "biliti", "ble"];
  var STEP3 = ["icate", "ic", "ative", "", "alize", "al", "iciti", "ic", "ical", "ic", "ful", "", "ness", ""];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
    "ate", "iti", "ous", "ive", "ize"];

  function stem(w) {
    // Step 1a
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies")) w = w.slice(0, -2);
    else if (!ends(w, "ss") && ends(w, "s")) w = w.slice(0, -1);

    // Step 1b
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else {
      var rest = null;
      if (ends(w, "ed") && hasVowel(w.slice(0, -2))) rest = w.slice(0, -2);
      else if (ends(w, "ing") && hasVowel(w.slice(0, -3))) rest = w.slice(0, -3);
      if (rest !== null) {
        w = rest;
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (endsDoubleConsonant(w)) { if (!/[lsz]$/.test(w)) w = w.slice(0, -1); }
        else if (measure(w) === 1 && endsCVC(w)) w += "e";
      }
    }

    // Step 1c
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";

    w = applyFirst(w, STEP2, 0);
    w = applyFirst(w, STEP3, 0);

    // Step 4
    for (var i = 0; i < STEP4.length; i++) {
      if (!ends(w, STEP4[i])) continue;
      var base = w.slice(0, w.length - STEP4[i].length);
      if (measure(base) > 1 && (STEP4[i] !== "ion" || /[st]$/.test(base))) w = base;
      break;
    }

    // Step 5a
    if (ends(w, "e")) {
      var m = measure(w.slice(0, -1));
      if (m > 1 || (m === 1 && !endsCVC(w.slice(0, -1)))) w = w.slice(0, -1);
    }
    // Step 5b
    if (ends(w, "ll") && measure(w.slice(0, -1)) > 1) w = w.slice(0, -1);
    return w;
  }

  window.DigestWords = { fold: fold, words: words, term: term, terms: terms, stem: stem, isCJK: isCJK };
})();
