// The cohort form, enhanced: the stage dates show only while scheduled pacing is chosen.
// Without this script every date field shows, with a hint that they apply to scheduled pacing only;
// the server ignores them for self-paced cohorts either way.
const form = document.querySelector("[data-cohort-form]");
const dates = form.querySelector("[data-stage-dates]");

function update() {
  dates.hidden = form.querySelector("input[name=pacing]:checked")?.value !== "scheduled";
}

form.querySelectorAll("input[name=pacing]").forEach((input) => input.addEventListener("change", update));
update();
