// Questionnaire: a live count of the « most important » choices against the campaign's limit.
// The server checks the limit anyway; this only helps while answering.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.assessment-form");
  const output = document.getElementById("chosen-count");
  if (!form || !output || !form.dataset.maxChosen) return;
  const limit = Number(form.dataset.maxChosen);
  const boxes = form.querySelectorAll('input[type="checkbox"][name$="_chosen"]');
  const update = () => {
    const count = [...boxes].filter((box) => box.checked).length;
    // The sentences come translated from the page (data-text, data-over).
    let text = output.dataset.text.replace("COUNT", count).replace("MAX", limit);
    if (count > limit) text += " " + output.dataset.over;
    output.textContent = text;
    output.classList.toggle("over", count > limit);
  };
  boxes.forEach((box) => box.addEventListener("change", update));
  update();
});
