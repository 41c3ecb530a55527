// Autosave: a form with data-draft-url keeps the member's text on the server as they type
// (community.drafts), so it is there on the next page load and on any other device. Saves a
// moment after typing stops, and once more if the page is left with unsaved text. Without
// JavaScript, pressing Preview saves the draft instead.
(function () {
  "use strict";
  var WAIT = 1200; // milliseconds after the last keystroke

  function watch(form) {
    var url = form.dataset.draftUrl;
    if (!url) { return; }
    var status = form.querySelector("[data-draft-status]");
    var discard = form.querySelector("[data-discard-draft]");
    var timer = null;
    var dirty = false;
    var sending = false;

    function data() {
      var sent = new FormData(form);
      sent.delete("action");
      sent.append("autosave", "1");
      return sent;
    }

    function say(text) { if (status) { status.textContent = text; } }

    function save() {
      timer = null;
      if (!dirty || sending) { return; }
      dirty = false;
      sending = true;
      fetch(url, {
        method: "POST",
        body: data(),
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (answer) {
          say(answer.message);
          if (discard) { discard.hidden = !answer.saved; }
        });
      }).catch(function () {
        dirty = true;
        // The words come from the page (templates/community/_draft_controls.html), translated.
        say(status && status.dataset.unsaved ||
          "Your draft could not be saved just now; it is still here on this page.");
      }).then(function () {
        sending = false;
        if (dirty && !timer) { timer = window.setTimeout(save, WAIT); }
      });
    }

    form.addEventListener("input", function () {
      dirty = true;
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, WAIT);
    });

    // Sending the form (post, preview or discard) decides what happens to the draft.
    form.addEventListener("submit", function () {
      dirty = false;
      if (timer) { window.clearTimeout(timer); timer = null; }
    });

    window.addEventListener("pagehide", function () {
      if (dirty && navigator.sendBeacon) { navigator.sendBeacon(url, data()); dirty = false; }
    });
  }

  var forms = document.querySelectorAll("form[data-draft-url]");
  for (var i = 0; i < forms.length; i++) { watch(forms[i]); }
})();
