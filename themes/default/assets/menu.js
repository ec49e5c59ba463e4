// The header's "Menu" button on narrow screens (the GOV.UK header pattern). Loaded right after the
// header, without defer, so that the menu is folded away before the page below is drawn. Without
// JavaScript the button stays hidden and the search box and menu are always shown.
(function () {
  "use strict";
  var header = document.querySelector("[data-site-header]");
  var button = header && header.querySelector("[data-menu-button]");
  if (!button) return;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }
  header.classList.add("has-menu-button");
  button.hidden = false;
  setOpen(false);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
})();
