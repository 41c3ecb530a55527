// A recording's chapters and transcript (templates/webinars/_transcript.html): progressive
// enhancement. Without JavaScript each time is a link (?t=12m30s) that reloads the page with
// the player started there. With it, a time seeks the player in place: a <video> jumps and
// plays; a YouTube or Vimeo player is given its start time again (start= / #t=) and plays.
// A link to a line (#t=12m30s) opens the folded transcript so the line shows.
(function () {
  "use strict";

  function player() {
    var section = document.querySelector(".webinar__recording");
    return section ? section.querySelector("video, .webinar-video iframe") : null;
  }

  function startIframe(frame, seconds) {
    var src = frame.src.split("#")[0].split("?")[0];
    if (src.indexOf("vimeo.com") !== -1) {
      frame.src = src + "?autoplay=1#t=" + seconds + "s";
    } else {
      frame.src = src + "?start=" + seconds + "&autoplay=1";
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-seconds]") : null;
    var media = player();
    if (!link || !media) { return; }
    var seconds = parseInt(link.dataset.seconds, 10);
    if (isNaN(seconds)) { return; }
    event.preventDefault();
    if (media.tagName === "VIDEO") {
      media.currentTime = seconds;
      var playing = media.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    } else {
      if ((media.getAttribute("allow") || "").indexOf("autoplay") === -1) {
        media.setAttribute("allow", "autoplay; " + (media.getAttribute("allow") || ""));
      }
      startIframe(media, seconds);
    }
    media.scrollIntoView({ block: "center" });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", link.getAttribute("href").split("#")[0]);
    }
  });

  function openAtHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("t=") !== 0) { return; }
    var line = document.getElementById(id);
    var details = line ? line.closest("details") : null;
    if (details && !details.open) {
      details.open = true;
      line.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openAtHash);
  openAtHash();
})();
