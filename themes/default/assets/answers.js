// Keeps the answers of a fillable page (worksheet, checklist, self-assessment) in this browser
// only: localStorage, per form's data-store. Download, Load, Print and Clear buttons. Nothing is
// ever sent to a server. Without JavaScript the page is a blank form that reads and prints.
(function () {
  "use strict";
  var FORMAT = "icips-answers";

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.type !== "button" && el.type !== "submit";
    });
  }

  function collect(form) {
    var answers = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox") { if (el.checked) answers[el.name] = true; }
      else if (el.type === "radio") { if (el.checked) answers[el.name] = el.value; }
      else if (el.value !== "") answers[el.name] = el.value;
    });
    return answers;
  }

  function restore(form, answers) {
    fields(form).forEach(function (el) {
      var value = Object.prototype.hasOwnProperty.call(answers, el.name) ? answers[el.name] : undefined;
      if (el.type === "checkbox") el.checked = value === true;
      else if (el.type === "radio") el.checked = value === el.value;
      else el.value = typeof value === "string" ? value : "";
    });
    fit(form);
    form.dispatchEvent(new CustomEvent("answers:restored", { bubbles: true }));
  }

  // Textareas grow with their text so that typed answers show in full on screen. On paper a form
  // field cannot split between pages and clips what does not fit, so every filled text field has a
  // print-only copy of its value: ordinary text that grows, wraps and splits like any paragraph
  // (the theme's print styles show the copy in place of the field).
  function fit(form) {
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), function (t) {
      t.style.height = "";
      if (t.scrollHeight > t.clientHeight) t.style.height = t.scrollHeight + 4 + "px";
    });
    Array.prototype.forEach.call(form.querySelectorAll("textarea, input[type=text]"), mirror);
  }

  function mirror(field) {
    var copy = field.nextElementSibling;
    if (!copy || !copy.classList.contains("print-answer")) {
      copy = document.createElement("div");
      copy.className = "print-answer";
      copy.setAttribute("aria-hidden", "true");
      field.insertAdjacentElement("afterend", copy);
    }
    copy.textContent = field.value;
    field.classList.toggle("answered", /\S/.test(field.value));
  }

  function setup(form) {
    var store = form.getAttribute("data-store");
    var key = FORMAT + ":" + store;
    var tools = form.querySelector("[data-answer-tools]");
    var status = form.querySelector("[data-answer-status]");
    var timer = null;
    function say(text) { if (status) status.textContent = text; }

    // One store can be shared by several pages (every worksheet of a pack): a page replaces only
    // the answers of its own fields and keeps the others.
    function stored() {
      try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
    }
    function save(extra) {
      var all = extra || stored();
      fields(form).forEach(function (el) { delete all[el.name]; });
      var mine = collect(form);
      Object.keys(mine).forEach(function (name) { all[name] = mine[name]; });
      try {
        if (Object.keys(all).length) localStorage.setItem(key, JSON.stringify(all));
        else localStorage.removeItem(key);
      } catch (e) {
        say("Your browser did not allow saving here; download your answers to keep them.");
      }
    }

    var saved = stored();
    var own = fields(form).some(function (el) { return Object.prototype.hasOwnProperty.call(saved, el.name); });
    if (own) { restore(form, saved); say("Your saved answers were restored."); }

    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") fit(form);
      else if (event.target.type === "text") mirror(event.target);
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    });
    form.addEventListener("change", function (event) {
      if (event.target.getAttribute("data-action") !== "load") save();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); save(); });
    window.addEventListener("beforeprint", function () { fit(form); });
    if (!tools) return;
    tools.hidden = false;

    tools.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-action");
      if (action === "download") {
        save();
        var payload = { format: FORMAT, version: 1, store: store, title: form.getAttribute("data-title") || document.title,
                        saved: new Date().toISOString(), answers: stored() };
        var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = store + "-answers.json";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
        say("Your answers were downloaded as " + link.download + ".");
      } else if (action === "print") {
        window.print();
      } else if (action === "clear") {
        if (!window.confirm("Clear every answer on this page? Download them first if you want to keep a copy.")) return;
        restore(form, {});
        save();
        say("The answers on this page were cleared.");
      }
    });

    var input = tools.querySelector("input[type=file][data-action=load]");
    if (input) input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var data = JSON.parse(String(reader.result));
          var answers = data && data.format === FORMAT ? data.answers : null;
          if (!answers || typeof answers !== "object") throw new Error("not an answers file");
          if (data.store !== store && !window.confirm("This file holds answers for \"" + (data.title || data.store) +
                                                      "\". Load them into this page anyway?")) return;
          restore(form, answers);
          var merged = stored();
          Object.keys(answers).forEach(function (name) { merged[name] = answers[name]; });
          save(merged);
          say("Answers loaded from " + file.name + ".");
        } catch (e) {
          say("That file could not be loaded: it is not an answers file downloaded from this site.");
        }
        input.value = "";
      };
      reader.readAsText(file);
    });
  }

  window.icipsAnswers = { collect: collect, restore: restore };
  Array.prototype.forEach.call(document.querySelectorAll("form.answers[data-store]"), setup);
})();
