// The portfolio checklist as a tracker (the GOV.UK "task list" pattern): from the ticks, each
// assignment's status (Not started, In progress, Done) in the list of assignments and on the
// assignment itself, a count that stays in view ("12 of 82 requirements evidenced", read out
// politely), and "Show only what is left". The ticks are saved by answers.js, in this browser
// only. Without JavaScript the page is the plain list, to fill in or print.
(function () {
  "use strict";
  var form = document.querySelector("[data-checklist]");
  if (!form) return;
  var progress = form.querySelector("[data-checklist-progress]");
  var count = form.querySelector("[data-checklist-count]");
  var filter = form.querySelector("[data-checklist-filter]");
  var allDone = form.querySelector("[data-checklist-all-done]");
  var assignments = Array.prototype.slice.call(form.querySelectorAll("[data-assignment]"));
  var STATUS = { none: "Not started", some: "In progress", all: "Done" };

  function boxes(el) {
    return Array.prototype.filter.call(el.querySelectorAll("input[type=checkbox]"), function (b) { return b.name; });
  }
  function ticked(list) {
    return list.filter(function (b) { return b.checked; }).length;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function update() {
    var total = 0, done = 0, finished = 0;
    assignments.forEach(function (fieldset) {
      var mine = boxes(fieldset);
      var n = ticked(mine);
      total += mine.length;
      done += n;
      var state = n === 0 ? "none" : n === mine.length ? "all" : "some";
      if (state === "all") finished++;
      fieldset.setAttribute("data-status", state);
      var detail = n + " of " + mine.length + " evidenced";
      fieldset.querySelector("[data-assignment-status]").textContent = STATUS[state] + ": " + detail;
      var task = form.querySelector("[data-task=\"" + fieldset.id + "\"]");
      if (task) {
        task.setAttribute("data-status", state);
        var status = task.querySelector("[data-task-status]");
        status.textContent = STATUS[state];
        status.setAttribute("title", detail);
        var hidden = status.querySelector(".visually-hidden") || document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = ", " + detail;
        status.appendChild(hidden);
      }
    });
    // Each item (and sub-item) row: done when its own box and every box inside it are ticked.
    Array.prototype.forEach.call(form.querySelectorAll(".check-item"), function (li) {
      var mine = boxes(li);
      li.classList.toggle("is-done", mine.length > 0 && ticked(mine) === mine.length);
    });
    // A reference typed (or restored) stays in view even when its box is not ticked.
    Array.prototype.forEach.call(form.querySelectorAll(".ref"), function (ref) {
      var input = ref.querySelector("input");
      ref.classList.toggle("has-ref", !!(input && input.value.trim()));
    });
    var text = done + " of " + plural(total, "requirement", "requirements") + " evidenced";
    var more = " · " + finished + " of " + plural(assignments.length, "assignment", "assignments") + " done";
    if (count.textContent !== text + more) {
      var extra = document.createElement("span");
      extra.className = "checklist-count-more";
      extra.textContent = more;
      count.replaceChildren(text, extra);
    }
    form.classList.toggle("checklist-left-only", filter.checked);
    allDone.hidden = !(filter.checked && total > 0 && done === total);
  }

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) { if (event.target.closest(".ref")) update(); });
  form.addEventListener("answers:restored", update);
  update();
  progress.hidden = false;
})();
