// Quote a selected passage: progressive enhancement of each post's "Quote" link.
// Without JavaScript (or with nothing selected) the link opens the reply form quoting the
// start of the post; with a selection inside that post, the selected words are sent along
// as &quote=... and the server checks they really are in the post.
(function () {
  "use strict";
  var MAX = 1000;
  var last = null; // {post: id, text: "..."}: kept because tapping a link can clear a selection

  function selectedIn(body) {
    var selection = window.getSelection ? window.getSelection() : null;
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) { return ""; }
    if (!body.contains(selection.getRangeAt(0).commonAncestorContainer)) { return ""; }
    return selection.toString().replace(/\s+/g, " ").trim().slice(0, MAX);
  }

  document.addEventListener("selectionchange", function () {
    var bodies = document.querySelectorAll("[data-post-body]");
    for (var i = 0; i < bodies.length; i++) {
      var text = selectedIn(bodies[i]);
      if (text) { last = { post: bodies[i].dataset.postBody, text: text }; return; }
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.js-quote") : null;
    if (!link) { return; }
    var body = document.querySelector('[data-post-body="' + link.dataset.post + '"]');
    if (!body) { return; }
    var text = selectedIn(body) || (last && last.post === link.dataset.post ? last.text : "");
    if (!text) { return; }
    event.preventDefault();
    var parts = link.href.split("#");
    window.location.href = parts[0] + "&quote=" + encodeURIComponent(text) + "#reply";
  });
})();
