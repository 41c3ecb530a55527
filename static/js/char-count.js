// A live character counter under every field with data-limit (core/text_limits.py sets it
// instead of maxlength, so a paste is never cut). The visible count updates as the member
// types; screen readers hear only when the text nears the limit or goes past it, once each
// time (a polite live region), not every keystroke. The words come from the script tag's
// data-* attributes (templates/community/_char_count.html), in the page's language.
(function () {
  "use strict";
  var NEAR = 0.9;
  var script = document.currentScript;
  var words = {
    count: "{used} of {limit} characters",
    countOver: "{used} of {limit} characters: {over} too many",
    sayOver: "Over the limit by {over} characters. Nothing is cut: shorten it before you send.",
    sayNear: "Nearly at the limit of {limit} characters."
  };
  if (script) {
    for (var key in words) {
      if (script.dataset[key]) { words[key] = script.dataset[key]; }
    }
  }
  var locale = document.documentElement.lang || "en";

  function length(text) { return text.replace(/\r\n/g, "\n").length; }
  function number(n) { return n.toLocaleString(locale); }
  function say(template, used, limit, over) {
    return template.replace("{used}", number(used)).replace("{limit}", number(limit))
      .replace("{over}", number(over));
  }

  function attach(field) {
    if (field.dataset.counted) { return; }
    field.dataset.counted = "1";
    var limit = parseInt(field.dataset.limit, 10);
    if (!limit) { return; }
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = field.id + "_count";
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    counter.appendChild(shown);
    counter.appendChild(live);
    field.insertAdjacentElement("afterend", counter);
    var state = "";

    function update() {
      var used = length(field.value);
      var over = used - limit;
      shown.textContent = say(over > 0 ? words.countOver : words.count, used, limit, over);
      counter.classList.toggle("char-count--over", over > 0);
      var now = over > 0 ? "over" : used >= limit * NEAR ? "near" : "fine";
      if (now !== state) {
        live.textContent = now === "over" ? say(words.sayOver, used, limit, over)
          : now === "near" ? say(words.sayNear, used, limit, over) : "";
        state = now;
      }
    }
    field.addEventListener("input", update);
    update();
  }

  var fields = document.querySelectorAll("[data-limit]");
  for (var i = 0; i < fields.length; i++) { attach(fields[i]); }
})();
