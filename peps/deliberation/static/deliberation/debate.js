/* The debate page: after « Voir plus » appended the next arguments of a column (htmx; the
   link itself is replaced), the focus goes to the first of them, where reading goes on,
   instead of being lost with the link. Without JavaScript the link opens the column's page. */
(function () {
  "use strict";

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.querySelector) return;
    var first = target.querySelector("[data-focus-first]");
    if (!first) return;
    first.removeAttribute("data-focus-first");
    first.focus();
  });
})();
