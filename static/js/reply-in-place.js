// Reply in place: a post's Reply link (and Quote, when no words are selected) fills the
// reply form on this page with the quote and moves there, instead of loading the page again
// at the bottom; "Back to the post" returns to where the member was reading. Without
// JavaScript the link opens the form quoting the post (?reply_to=<id>#reply), as before.
// Listens on window, after quote.js (on document) has had its say about selected words.
// Its words come from the reply form's data-* attributes (templates/community/_reply_form.html),
// in the page's language.
(function () {
  "use strict";
  var EXCERPT = 300; // characters, as community.services.make_excerpt

  function words(form, key, fallback, name) {
    return (form.dataset[key] || fallback).replace("{name}", name);
  }

  function excerpt(text) {
    text = text.replace(/\s+/g, " ").trim();
    if (text.length <= EXCERPT) { return text; }
    var cut = text.slice(0, EXCERPT);
    cut = cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : EXCERPT);
    return cut.replace(/[,.;:!?-]+$/, "") + "…";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function quoteBlock(form, article, postId) {
    var name = article.querySelector(".post__name");
    var handle = article.querySelector(".handle");
    var body = article.querySelector("[data-post-body]");
    var who = name ? name.textContent.trim() : words(form, "thisMember", "this member", "");
    var block = element("div", "replying-to");
    block.appendChild(element("p", "replying-to__label",
      words(form, "replyingTo", "Replying to {name}. Your reply will show this quote:", who)));
    var quote = element("blockquote", "quote");
    quote.appendChild(element("p", "quote__who",
      words(form, "wrote", "{name} wrote:", handle ? handle.textContent.trim() : who)));
    quote.appendChild(element("p", "quote__text", body ? excerpt(body.textContent) : ""));
    block.appendChild(quote);
    var links = element("p", "replying-to__links");
    var back = element("a", "", words(form, "backTo", "Back to {name}’s post", who));
    back.href = "#post-" + postId;
    var without = element("button", "link-button link-button--inline",
      words(form, "withoutQuote", "Reply without the quote", ""));
    without.type = "button";
    without.addEventListener("click", function () {
      form.elements.reply_to.value = "";
      form.elements.quote_excerpt.value = "";
      block.remove();
      form.elements.body.focus();
    });
    links.appendChild(back);
    links.appendChild(document.createTextNode(" · "));
    links.appendChild(without);
    block.appendChild(links);
    return block;
  }

  window.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) { return; }
    var link = event.target.closest ? event.target.closest(".post__actions a[href*='reply_to=']") : null;
    if (!link) { return; }
    var discussion = link.closest(".discussion");
    var form = discussion ? discussion.querySelector("form.reply-form") : null;
    var article = link.closest("article.post");
    var postId = new URL(link.href).searchParams.get("reply_to");
    if (!form || !article || !postId || !form.elements.reply_to || !form.elements.body) { return; }
    event.preventDefault();
    form.elements.reply_to.value = postId;
    form.elements.quote_excerpt.value = "";
    var old = form.querySelector(".replying-to");
    if (old) { old.remove(); }
    var field = form.elements.body.closest(".field") || form.elements.body;
    field.parentNode.insertBefore(quoteBlock(form, article, postId), field);
    var section = form.closest("section") || form;
    section.scrollIntoView({ block: "start" });
    form.elements.body.focus({ preventScroll: true });
  });
})();
