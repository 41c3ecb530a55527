// Progressive enhancement for visitors: when the browser's time zone differs from the
// event's, add a line with the webinar's date and time in the reader's own zone. Without
// JavaScript the page still shows the time in the event's zone.
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

  function part(date, options, type) {
    var parts = new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: zone }, options))
      .formatToParts(date);
    for (var i = 0; i < parts.length; i++) { if (parts[i].type === type) { return parts[i].value; } }
    return "";
  }
  function day(date) {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: zone, weekday: "short", month: "short", day: "numeric", year: "numeric"
    }).format(date);
  }
  function clock(date) {
    // "2:00pm", as the rest of the page writes times.
    return new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", minute: "2-digit" })
      .format(date).replace(/\s/g, "").toLowerCase();
  }
  var endText = clock(end);
  if (day(end) !== day(start)) { endText = day(end) + ", " + endText; }
  var label = part(start, { timeZoneName: "short" }, "timeZoneName");
  node.textContent = "In your time zone (" + zone.replace(/_/g, " ") + "): " + day(start) + ", " +
    clock(start) + " to " + endText + " " + label;
  node.hidden = false;
})();
