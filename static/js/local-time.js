// Progressive enhancement for visitors: when the browser's time zone differs from the
// event's, add a line with the webinar's date and time in the reader's own zone. Without
// JavaScript the page still shows the time in the event's zone. The words come from the
// template, translated (data-sentence, data-range: docs/i18n.md), and dates are written in
// the page's language (<html lang>): "Thu, Jan 17, 2019, 2:00pm", "jueves, 17 de enero de
// 2019, 2:00 p. m.".
(function () {
  "use strict";
  var node = document.querySelector("[data-local-time]");
  if (!node || !window.Intl || !Intl.DateTimeFormat) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === node.getAttribute("data-event-zone")) { return; }
  var start = new Date(node.getAttribute("data-start"));
  var end = new Date(node.getAttribute("data-end"));
  if (isNaN(start) || isNaN(end)) { return; }

  var lang = document.documentElement.lang || "en";
  var english = lang.split("-")[0] === "en";
  var locale = english ? "en-US" : lang;
  var sentence = node.getAttribute("data-sentence") || "In your time zone ({zone}): {when}";
  var range = node.getAttribute("data-range") || "{start} to {end} {zone}";
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function part(date, options, type) {
    var parts = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options))
      .formatToParts(date);
    for (var i = 0; i < parts.length; i++) { if (parts[i].type === type) { return parts[i].value; } }
    return "";
  }
  function day(date) {
    // "Thu, Jan 17, 2019"; in other languages the long form, "jueves, 17 de enero de 2019".
    var width = english ? "short" : "long";
    return new Intl.DateTimeFormat(locale, {
      timeZone: zone, weekday: width, month: width, day: "numeric", year: "numeric"
    }).format(date);
  }
  function clock(date) {
    // "2:00pm", as the rest of the page writes times ("2:00 p. m." in Spanish).
    var text = new Intl.DateTimeFormat(locale, {
      timeZone: zone, hour: "numeric", minute: "2-digit", hour12: true
    }).format(date);
    return english ? text.replace(/\s/g, "").toLowerCase() : text.replace(/\s/g, " ");
  }
  var endText = clock(end);
  if (day(end) !== day(start)) { endText = day(end) + ", " + endText; }
  var label = part(start, { timeZoneName: "short" }, "timeZoneName");
  var hours = fill(range, { start: clock(start), end: endText, zone: label });
  node.textContent = fill(sentence, { zone: zone.replace(/_/g, " "), when: day(start) + ", " + hours });
  node.hidden = false;
})();
