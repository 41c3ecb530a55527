// Progressive enhancement of the phone header's menu (a <details>, which works without
// JavaScript): Escape closes it and gives the focus back to "Menu"; a click or tap
// outside closes it too, as people expect of a menu.
(function () {
  "use strict";
  var menu = document.querySelector(".header-menu");
  if (!menu) { return; }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) { menu.open = false; }
  });
})();
