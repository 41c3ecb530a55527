// A live character counter under every field with data-limit (core/text_limits.py sets it
// instead of maxlength, so a paste is never cut). The visible count updates as the member
// types; screen readers hear only when the text nears the limit or goes past it, once each
// time (a polite live region), not every keystroke.
(function () {
  "use strict";
  var NEAR = 0.9;

  function length(text) { return text.replace(/\r\n/g, "\n").length; }
  function number(n) { return n.toLocaleString("en-US"); }

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
      shown.textContent = over > 0
        ? number(used) + " of " + number(limit) + " characters: " + number(over) + " too many"
        : number(used) + " of " + number(limit) + " characters";
      counter.classList.toggle("char-count--over", over > 0);
      var now = over > 0 ? "over" : used >= limit * NEAR ? "near" : "fine";
      if (now !== state) {
        live.textContent = now === "over"
          ? "Over the limit by " + number(over) + " characters. Nothing is cut: shorten it before you send."
          : now === "near" ? "Nearly at the limit of " + number(limit) + " characters." : "";
        state = now;
      }
    }
    field.addEventListener("input", update);
    update();
  }

  var fields = document.querySelectorAll("[data-limit]");
  for (var i = 0; i < fields.length; i++) { attach(fields[i]); }
})();
