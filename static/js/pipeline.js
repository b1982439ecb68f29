/* The pipeline board: drag a card onto another column to move it. The drop only fills in
   the card's own « Déplacer » form (which also works by keyboard, and without JavaScript)
   and submits it through htmx; a move that needs a reason opens the form at its reason. */
(function () {
  "use strict";

  var dragged = null;

  function columnOf(node) {
    return node && node.closest ? node.closest("[data-drop-stage]") : null;
  }

  function allows(card, stage) {
    return (" " + card.dataset.moves + " ").indexOf(" " + stage + " ") !== -1;
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest("[data-card]");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.card);
  });

  // The field to focus once the drag is over (a drop that needs a reason): focusing it
  // during the drop would be undone by the end of the drag.
  var pendingFocus = null;

  function focusPending() {
    if (pendingFocus) pendingFocus.focus();
    pendingFocus = null;
  }

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragged");
    dragged = null;
    window.setTimeout(focusPending, 0);
    document.querySelectorAll(".is-drop-target").forEach(function (node) {
      node.classList.remove("is-drop-target");
    });
  });

  document.addEventListener("dragover", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column || !allows(dragged, column.dataset.dropStage)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    var column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("is-drop-target");
  });

  document.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    var stage = column.dataset.dropStage;
    var card = dragged;
    column.classList.remove("is-drop-target");
    if (!allows(card, stage)) return;
    var form = card.querySelector(".board-move form");
    var select = form.querySelector("select");
    select.value = stage;
    var option = select.options[select.selectedIndex];
    if (option && option.hasAttribute("data-needs-reason")) {
      var details = card.querySelector(".board-move");
      details.open = true;
      pendingFocus = form.querySelector("textarea");
      pendingFocus.focus();
      window.setTimeout(focusPending, 50);
      return;
    }
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  });

  // After htmx swapped the board in, give the focus to the message that says what happened
  // (the focused element was replaced with the old board).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail || !event.detail.target) return;
    if (event.detail.target.id === "board") {
      var status = document.getElementById("board-status");
      if (status) status.focus();
      return;
    }
    // « Voir les N autres » appended the next cards (and replaced its own link): the focus
    // goes to the first new card, where reading goes on.
    var first = event.detail.target.querySelector("[data-focus-first]");
    if (first) {
      first.removeAttribute("data-focus-first");
      var link = first.querySelector("a");
      if (link) link.focus();
    }
  });
})();
