// Search fields for choices among many rows (peps.core.widgets.SearchSelect): the text field
// asks the server for suggestions (htmx), the arrow keys move among them, Enter or a click
// picks one, Escape closes the list. The hidden input holds the chosen value.
(function () {
  "use strict";

  function parts(box) {
    return {
      value: box.querySelector("[data-search-select-value]"),
      input: box.querySelector("[data-search-select-input]"),
      list: box.querySelector("[data-search-select-options]"),
    };
  }

  function options(list) {
    return Array.prototype.filter.call(list.querySelectorAll("[role=option]"), function (o) {
      return o.getAttribute("aria-disabled") !== "true";
    });
  }

  function close(p) {
    p.list.innerHTML = "";
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }

  function pick(p, option) {
    p.value.value = option.getAttribute("data-value");
    p.input.value = option.textContent.trim();
    close(p);
    p.input.focus();
  }

  function move(p, step) {
    var all = options(p.list);
    if (!all.length) return;
    var current = p.list.querySelector("[aria-selected=true]");
    var index = current ? all.indexOf(current) + step : step > 0 ? 0 : all.length - 1;
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (o) { o.setAttribute("aria-selected", "false"); });
    all[index].setAttribute("aria-selected", "true");
    p.input.setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target.closest && event.target.closest("[data-search-select]");
    if (!box || !event.target.matches("[data-search-select-input]")) return;
    var p = parts(box);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(p, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      var chosen = p.list.querySelector("[aria-selected=true]");
      if (chosen) {
        event.preventDefault();
        pick(p, chosen);
      }
    } else if (event.key === "Escape") {
      close(p);
    }
  });

  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-search-select-input]")) return;
    // What was chosen no longer matches what is written: choose again.
    parts(event.target.closest("[data-search-select]")).value.value = "";
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest && event.target.closest("[data-search-select-options] [role=option]");
    if (option && option.getAttribute("aria-disabled") !== "true") {
      pick(parts(option.closest("[data-search-select]")), option);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.target;
    if (!list.matches || !list.matches("[data-search-select-options]")) return;
    var p = parts(list.closest("[data-search-select]"));
    p.input.setAttribute("aria-expanded", options(list).length ? "true" : "false");
  });
})();
