/* WCAG 1.4.10 (reflow): a table wider than a phone scrolls inside its own region instead of
   widening the page. Each table of the main content is wrapped (once) in a region named
   after its caption; the region takes the focus only while it scrolls, so that keyboard
   users can scroll it too (and nobody meets a useless tab stop). */
(function () {
  "use strict";

  function label(table) {
    var caption = table.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text || table.getAttribute("aria-label") || (document.querySelector("[data-table-label]") || {dataset: {}}).dataset.tableLabel || "Tableau";
  }

  function wrap(table) {
    var parent = table.parentElement;
    if (!parent) return null;
    if (parent.classList.contains("table-scroll")) {
      if (!parent.hasAttribute("role")) parent.setAttribute("role", "region");
      if (!parent.hasAttribute("aria-label") && !parent.hasAttribute("aria-labelledby")) {
        parent.setAttribute("aria-label", label(table));
      }
      return parent;
    }
    var region = document.createElement("div");
    region.className = "table-scroll";
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", label(table));
    parent.insertBefore(region, table);
    region.appendChild(table);
    return region;
  }

  var regions = [];

  function update() {
    regions.forEach(function (region) {
      var scrolls = region.scrollWidth > region.clientWidth + 1;
      if (scrolls) region.setAttribute("tabindex", "0");
      else if (!region.dataset.keepTabindex) region.removeAttribute("tabindex");
    });
  }

  function init(root) {
    (root || document).querySelectorAll("main table").forEach(function (table) {
      var region = wrap(table);
      if (region && regions.indexOf(region) === -1) {
        if (region.getAttribute("tabindex") === "0") region.dataset.keepTabindex = "1";
        regions.push(region);
      }
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
  window.addEventListener("resize", update);
  // Tables that htmx brings in later (filters, pagination) are wrapped too.
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
