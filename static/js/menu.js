/* Header menus that fold behind a button on narrow screens (disclosure pattern).
   Without JavaScript the buttons stay hidden and the menus open: nothing is lost. */
(function () {
  "use strict";

  function targetOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var target = targetOf(button);
    if (target) target.classList.toggle("is-open", open);
  }

  function init() {
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-menu-toggle]"));
    if (!buttons.length) return;
    document.documentElement.classList.add("js-menus");
    buttons.forEach(function (button) {
      if (!targetOf(button)) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        setOpen(button, button.getAttribute("aria-expanded") !== "true");
      });
    });
    // Escape closes the open menu the focus is in (or whose button has it) and gives the
    // focus back to its button, so a keyboard user is never left inside a closed menu.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      buttons.forEach(function (button) {
        var target = targetOf(button);
        if (button.getAttribute("aria-expanded") !== "true" || !target) return;
        var inside = target.contains(document.activeElement) || button === document.activeElement;
        setOpen(button, false);
        if (inside) button.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
