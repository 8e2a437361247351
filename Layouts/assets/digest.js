// Math, the topic filter and copy buttons; without them every page still works.
(function () {
  "use strict";

  // ---------------------------------------------------------------- math
  // KaTeX before 0.16.10 (Debian 12 ships 0.16.4) can be made to expand macros without
  // limit (CVE-2024-28243, CVE-2024-28244): TeX that defines macros, or is very long, or
  // full of Unicode super- and subscripts, stays as source.
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
    var codeChip = bar.querySelector("button[data-code-only]");
    var topic = "";
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-topic], button[data-code-only]");
      if (!button) return;
      if (button === codeChip) {
        codeChip.setAttribute("aria-pressed", String(codeChip.getAttribute("aria-pressed") !== "true"));
      } else {
        topic = button.getAttribute("data-topic");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      }
      var codeOnly = codeChip !== null && codeChip.getAttribute("aria-pressed") === "true";
      document.querySelectorAll("[data-topics]").forEach(function (element) {
        var topics = element.getAttribute("data-topics").split(" ");
        element.hidden = (topic !== "" && topics.indexOf(topic) < 0) || (codeOnly && element.getAttribute("data-code") === "no");
      });
      document.querySelectorAll(".topic-section, .toc-groups > li").forEach(function (group) {
        var items = group.querySelectorAll("[data-topics]");
        var visible = Array.prototype.some.call(items, function (item) { return !item.hidden; });
        group.hidden = items.length > 0 && !visible;
      });
    });
  }

  // ---------------------------------------------------------------- copy buttons
  // data-copy names an input (feed addresses) or any element (a BibTeX entry).
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.tagName === "INPUT" ? source.value : source.textContent;
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = window.DigestText ? DigestText.t("copied") : "Copied";
          setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          // Clipboard refused: select the text for the reader.
          if (source.tagName === "INPUT") { source.select(); return; }
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        });
      });
    });
  }

  typesetMath();
  topicFilter();
  copyButtons();
})();
