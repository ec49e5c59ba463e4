// The self-assessment of a maturity model (/maturity/<model>/self-assessment/), in this browser
// only. answers.js keeps the form's answers (localStorage, Download/Load as JSON, Print, Clear);
// this script draws the result from the form: a sentence that sums it up, the level per dimension,
// a profile chart (inline SVG, with the result table as its text alternative), and, weakest
// dimension first, the evidence typed and the next level's descriptors as where to focus; it exports the result as CSV and prints it on one page. Consensus: it reads several
// people's downloaded answer files, shows each person's level and the spread per dimension, and
// the agreed levels are kept by answers.js in their own form. Nothing is ever sent anywhere.
(function () {
  "use strict";
  var form = document.querySelector("form[data-self-assessment]");
  if (!form) return;
  var FORMAT = "icips-answers";
  var store = form.getAttribute("data-store");
  var modelName = form.getAttribute("data-title") || document.title;

  // The model, read from the form itself: dimensions in order, levels lowest first.
  var dimensions = Array.prototype.map.call(form.querySelectorAll("fieldset[data-dimension]"), function (fs) {
    return { id: fs.getAttribute("data-dimension"), title: fs.getAttribute("data-title"), fieldset: fs };
  });
  var levels = dimensions.length ? Array.prototype.map.call(
    dimensions[0].fieldset.querySelectorAll("input[type=radio]"), function (radio) {
      return { number: Number(radio.value), title: radio.getAttribute("data-level-title") };
    }) : [];
  var top = levels.length ? levels[levels.length - 1].number : 0;

  function levelOf(number) {
    for (var i = 0; i < levels.length; i++) if (levels[i].number === number) return levels[i];
    return null;
  }
  function levelText(number) {
    var l = levelOf(number);
    return l ? "level " + l.number + ", " + l.title : "not chosen yet";
  }
  function levelName(number) {  // "level 2 (Reactive)", for use inside a sentence
    var l = levelOf(number);
    return l ? "level " + l.number + " (" + l.title + ")" : "not chosen yet";
  }
  // "1 person", "2 people"; "1 dimension", "4 dimensions".
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }
  // "A", "A and B", "A, B and C".
  function names(list) {
    return list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }
  function radioFor(dimension, number) {
    return form.querySelector("input[type=radio][name=\"" + dimension.id + ".level\"][value=\"" + number + "\"]");
  }
  function chosen(dimension) {
    var radio = dimension.fieldset.querySelector("input[type=radio]:checked");
    return radio ? Number(radio.value) : null;
  }
  function evidence(dimension) {
    var t = form.elements[dimension.id + ".evidence"];
    return t ? t.value : "";
  }
  function assessor() {
    var a = form.elements.assessor;
    return a ? a.value.trim() : "";
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function download(name, text, type) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  // One CSV field: quoted, and never read as a formula by a spreadsheet.
  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return "\"" + s.replace(/"/g, "\"\"") + "\"";
  }
  function csv(rows) {
    return rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function printWith(className) {
    document.body.classList.add(className);
    var done = function () { document.body.classList.remove(className); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
  }

  // --- the result ---------------------------------------------------------------------------
  var result = document.querySelector("[data-sa-result]");
  var announce = document.querySelector("[data-sa-announce]");
  var chartBox = document.querySelector("[data-sa-chart]");
  var printHeading = document.querySelector("[data-sa-print-heading]");
  var summary = document.querySelector("[data-sa-summary]");
  var focusList = document.querySelector("[data-sa-focus-list]");
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // A horizontal bar per dimension, its length the chosen level, on a scale of the model's levels.
  // Drawn at the width it is shown at, so that its text stays the size of the page's text.
  function drawChart(choices) {
    var width = Math.max(260, Math.min(520, chartBox.clientWidth || 480)), left = 8, right = 12, labelHeight = 22, barHeight = 20, gap = 14, axis = 28;
    var plot = width - left - right;
    var step = levels.length ? plot / levels.length : plot;
    var rowHeight = labelHeight + barHeight + gap;
    var height = 8 + dimensions.length * rowHeight + axis;
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "sa-chart-title sa-chart-desc",
                             "class": "sa-chart-svg", focusable: "false" });
    chart.appendChild(svg("title", { id: "sa-chart-title" }, "Profile chart: your level in each dimension"));
    chart.appendChild(svg("desc", { id: "sa-chart-desc" }, dimensions.map(function (d, i) {
      var l = choices[i] === null ? null : levelOf(choices[i]);
      return d.title + ": " + (l ? "level " + l.number + " of " + top + ", " + l.title : "not chosen yet");
    }).join(". ") + "."));
    var plotBottom = 8 + dimensions.length * rowHeight;
    levels.forEach(function (l, i) {
      var x = left + (i + 1) * step;
      chart.appendChild(svg("line", { x1: x, x2: x, y1: 8, y2: plotBottom, "class": "sa-chart-grid" }));
      chart.appendChild(svg("text", { x: left + (i + 0.5) * step, y: plotBottom + 20, "text-anchor": "middle", "class": "sa-chart-axis" },
                            String(l.number)));
    });
    chart.appendChild(svg("line", { x1: left, x2: left, y1: 8, y2: plotBottom, "class": "sa-chart-baseline" }));
    dimensions.forEach(function (d, i) {
      var y = 8 + i * rowHeight;
      var value = choices[i];
      chart.appendChild(svg("text", { x: left + 4, y: y + 15, "class": "sa-chart-label" },
                            d.title + ": " + (value === null ? "not chosen" : "level " + value)));
      var index = -1;
      levels.forEach(function (l, k) { if (l.number === value) index = k; });
      if (index >= 0) {
        chart.appendChild(svg("rect", { x: left, y: y + labelHeight, width: (index + 1) * step, height: barHeight, "class": "sa-chart-bar" }));
      } else {
        chart.appendChild(svg("rect", { x: left, y: y + labelHeight, width: plot, height: barHeight, "class": "sa-chart-empty" }));
      }
    });
    chartBox.textContent = "";
    chartBox.appendChild(chart);
    // A label longer than the chart is narrowed to fit rather than cut off.
    Array.prototype.forEach.call(chart.querySelectorAll(".sa-chart-label"), function (t) {
      if (t.getComputedTextLength() > plot - 4) {
        t.setAttribute("textLength", plot - 4);
        t.setAttribute("lengthAdjust", "spacingAndGlyphs");
      }
    });
  }

  // The next level's descriptors, copied from the form (without their ids).
  function drawFocus(dimension, value) {
    var box = document.querySelector("[data-focus=\"" + dimension.id + "\"]");
    if (!box) return;
    box.textContent = "";
    if (value === null) { box.appendChild(el("p", {}, "Not chosen yet.")); return; }
    var typed = evidence(dimension).trim();
    var said = el("p", { "class": "sa-focus-evidence" });
    said.appendChild(el("strong", {}, "Your evidence: "));
    said.appendChild(typed ? el("span", { "class": "sa-evidence-text" }, typed) : el("span", { "class": "none" }, "none noted"));
    box.appendChild(said);
    var next = null;
    levels.forEach(function (l, k) { if (l.number === value && k + 1 < levels.length) next = levels[k + 1]; });
    if (!next) {
      box.appendChild(el("p", {}, "You chose the top level, " + levelText(value) + ": there is no level above it."));
      return;
    }
    box.appendChild(el("p", { "class": "sa-focus-step" }, "Moving up to " + levelText(next.number) + " means:"));
    var source = document.getElementById(radioFor(dimension, next.number).getAttribute("aria-describedby"));
    var list = source.cloneNode(true);
    list.removeAttribute("id");
    list.className = "descriptors";
    box.appendChild(list);
  }

  // One sentence that sums the result up: the range of levels and which dimension to start with.
  function summarise(choices) {
    var assessed = [];
    dimensions.forEach(function (d, i) { if (choices[i] !== null) assessed.push({ title: d.title, level: choices[i] }); });
    if (!assessed.length) return "Choose a level in each dimension above and your result appears here.";
    var values = assessed.map(function (a) { return a.level; });
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    var at = function (level) { return assessed.filter(function (a) { return a.level === level; }).map(function (a) { return a.title; }); };
    var weakest = at(low);
    var text = assessed.length < dimensions.length
      ? "You have assessed " + assessed.length + " of " + count(dimensions.length, "dimension", "dimensions") + ". " : "";
    if (low === high) {
      text += assessed.length === 1 ? names(weakest) + " is at " + levelName(low) + "."
        : (assessed.length === dimensions.length ? "All " + count(assessed.length, "dimension", "dimensions") : names(weakest)) +
          " are at " + levelName(low) + ".";
    } else {
      text += "Your levels range from " + levelName(low) + " in " + names(weakest) + " to " + levelName(high) + " in " +
        names(at(high)) + ".";
    }
    if (low === top) return text + " That is the top level: keep it there.";
    return text + " Start with " + names(weakest) + ", your weakest " + (weakest.length === 1 ? "dimension." : "dimensions.");
  }

  // Where to focus next, weakest dimension first (then in the model's order); those not chosen last.
  function orderFocus(choices) {
    if (!focusList) return;
    dimensions.map(function (d, i) { return { d: d, i: i, rank: choices[i] === null ? Infinity : choices[i] }; })
      .sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
      .forEach(function (o) {
        var section = focusList.querySelector("[data-focus-section=\"" + o.d.id + "\"]");
        if (section) focusList.appendChild(section);
      });
  }

  // `changed`: the dimension whose level was just chosen (announced), null to announce only how
  // many are done, false to say nothing (evidence typed, name changed).
  function update(changed) {
    var choices = dimensions.map(chosen);
    dimensions.forEach(function (d, i) {
      var cell = document.querySelector("[data-result-level=\"" + d.id + "\"]");
      if (cell) cell.textContent = choices[i] === null ? "Not chosen yet" : "Level " + choices[i] + ": " + levelOf(choices[i]).title;
      drawFocus(d, choices[i]);
    });
    drawChart(choices);
    orderFocus(choices);
    if (summary) summary.textContent = summarise(choices);
    var done = choices.filter(function (c) { return c !== null; }).length;
    var progress = done + " of " + count(dimensions.length, "dimension", "dimensions") + " assessed.";
    var who = assessor();
    if (printHeading) printHeading.textContent = modelName + (who ? ": " + who : "") + ", " + new Date().toLocaleDateString(document.documentElement.lang || undefined);
    // The live region speaks when a level is chosen, and says how far the assessment has got.
    if (!announce || changed === false) return;
    if (changed) {
      var i = dimensions.indexOf(changed);
      announce.textContent = changed.title + ": " + levelText(choices[i]) + ". " + progress;
    } else {
      announce.textContent = progress;
    }
  }

  if (result) {
    result.hidden = false;
    var nojs = document.querySelector("[data-sa-nojs]");
    if (nojs) nojs.hidden = true;
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.type !== "radio") { update(false); return; }
      var dimension = null;
      dimensions.forEach(function (d) { if (d.fieldset.contains(target)) dimension = d; });
      update(dimension);
    });
    form.addEventListener("answers:restored", function () { update(null); });
    result.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-sa-action");
      if (action === "csv") {
        var rows = [["model", "assessor", "dimension_id", "dimension", "level", "level_title", "evidence"]];
        dimensions.forEach(function (d) {
          var value = chosen(d);
          var l = value === null ? null : levelOf(value);
          rows.push([modelName, assessor(), d.id, d.title, value === null ? "" : value, l ? l.title : "", evidence(d)]);
        });
        download(store + "-result.csv", csv(rows), "text/csv");
        announce.textContent = "Your result was downloaded as " + store + "-result.csv.";
      } else if (action === "print") {
        update(null);
        printWith("sa-printing-result");
      }
    });
    update(null);
    var shownWidth = chartBox.clientWidth, resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () {
        if (chartBox.clientWidth !== shownWidth) { shownWidth = chartBox.clientWidth; drawChart(dimensions.map(chosen)); }
      }, 150);
    });
  }

  // --- consensus ----------------------------------------------------------------------------
  var tools = document.querySelector("[data-consensus-tools]");
  var table = document.querySelector("[data-consensus-table]");
  var status = document.querySelector("[data-consensus-status]");
  var agreedForm = table ? table.closest("form") : null;
  var PEOPLE = "icips-maturity-consensus:" + store;
  if (!tools || !table) return;

  function say(text) { if (status) status.textContent = text; }
  function loadPeople() {
    try {
      var list = JSON.parse(localStorage.getItem(PEOPLE) || "[]");
      return (Array.isArray(list) ? list : []).filter(function (p) {
        return p && typeof p.name === "string" && p.levels && typeof p.levels === "object";
      }).map(function (p) { return { name: p.name, levels: levelsFrom(p.levels, "") }; });
    } catch (e) { return []; }
  }
  function savePeople() {
    try {
      if (people.length) localStorage.setItem(PEOPLE, JSON.stringify(people));
      else localStorage.removeItem(PEOPLE);
    } catch (e) {
      say("Your browser did not allow saving here; the loaded answers last until you leave the page.");
    }
  }
  var people = loadPeople();

  // One person's levels from a downloaded answers object (keys "<dimension>.level") or from the
  // saved list (keys "<dimension>"); unknown or out-of-range values are left out.
  function levelsFrom(answers, suffix) {
    var out = {};
    dimensions.forEach(function (d) {
      var n = Number(answers[d.id + suffix]);
      if (levelOf(n)) out[d.id] = n;
    });
    return out;
  }
  // Adds a person, or replaces the one with the same name (a corrected file loaded again).
  function addPerson(name, personLevels) {
    for (var i = 0; i < people.length; i++) {
      if (people[i].name === name) { people[i].levels = personLevels; return; }
    }
    people.push({ name: name, levels: personLevels });
  }

  function spread(values) {
    if (!values.length) return { text: "No answers loaded", low: null, high: null };
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    return { low: low, high: high,
             text: low === high ? "All at level " + low : "From level " + low + " to " + high + " (" + count(high - low, "level", "levels") + " apart)" };
  }

  function drawConsensus() {
    var headRow = table.tHead.rows[0];
    Array.prototype.slice.call(table.querySelectorAll("[data-person]")).forEach(function (c) { c.remove(); });
    var spreadHead = headRow.querySelector("[data-consensus-spread]");
    people.forEach(function (p, i) {
      headRow.insertBefore(el("th", { scope: "col", "data-person": String(i), "class": "sa-person" }, p.name), spreadHead);
    });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var id = row.getAttribute("data-dimension");
      var spreadCell = row.querySelector("[data-spread]");
      var values = [];
      people.forEach(function (p, i) {
        var value = p.levels[id];
        var cell = el("td", { "data-person": String(i), "class": "sa-person" });
        if (value) { cell.textContent = String(value); values.push(value); }
        else cell.appendChild(el("span", { "class": "none" }, "not given"));
        row.insertBefore(cell, spreadCell);
      });
      var s = spread(values);
      spreadCell.textContent = s.text;
      spreadCell.classList.toggle("sa-differs", s.low !== null && s.high - s.low >= 2);
    });
  }

  function readFile(file) {
    return new Promise(function (resolve) {
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var data = JSON.parse(String(reader.result));
          if (!data || data.format !== FORMAT || typeof data.answers !== "object" || !data.answers) {
            resolve({ error: file.name + " is not an answers file downloaded from this site" });
          } else if (data.store !== store) {
            resolve({ error: file.name + " holds answers for \"" + (data.title || data.store) + "\", not this self-assessment" });
          } else {
            var name = typeof data.answers.assessor === "string" && data.answers.assessor.trim()
              ? data.answers.assessor.trim() : file.name.replace(/\.json$/i, "");
            resolve({ name: name, levels: levelsFrom(data.answers, ".level") });
          }
        } catch (e) {
          resolve({ error: file.name + " could not be read as JSON" });
        }
      };
      reader.onerror = function () { resolve({ error: file.name + " could not be read" }); };
      reader.readAsText(file);
    });
  }

  tools.hidden = false;
  var consensusNojs = document.querySelector("[data-consensus-nojs]");
  if (consensusNojs) consensusNojs.hidden = true;
  drawConsensus();

  var input = tools.querySelector("[data-consensus-load]");
  input.addEventListener("change", function () {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    Promise.all(files.map(readFile)).then(function (results) {
      var loaded = [], failed = [];
      results.forEach(function (r) {
        if (r.error) failed.push(r.error);
        else { addPerson(r.name, r.levels); loaded.push(r.name); }
      });
      savePeople();
      drawConsensus();
      var message = loaded.length ? "Loaded the answers of " + loaded.join(", ") + ". " : "";
      if (failed.length) message += "Not loaded: " + failed.join("; ") + ".";
      say(message.trim() + (loaded.length ? " " + count(people.length, "person", "people") + " compared." : ""));
      input.value = "";
    });
  });

  tools.addEventListener("click", function (event) {
    var action = event.target.getAttribute("data-consensus-action");
    if (action === "add-mine") {
      var mine = {};
      dimensions.forEach(function (d) { var v = chosen(d); if (v !== null) mine[d.id] = v; });
      var name = assessor() || "You";
      addPerson(name, mine);
      savePeople();
      drawConsensus();
      say("Your own answers were added as " + name + ". " + count(people.length, "person", "people") + " compared.");
    } else if (action === "clear") {
      if (!window.confirm("Remove the loaded answers from this page? The agreed levels are kept.")) return;
      people = [];
      savePeople();
      drawConsensus();
      say("The loaded answers were removed.");
    } else if (action === "csv") {
      var rows = [["model", "dimension_id", "dimension"].concat(people.map(function (p) { return p.name; }),
                                                           ["lowest", "highest", "agreed_level", "agreed_title"])];
      dimensions.forEach(function (d) {
        var values = [];
        var row = [modelName, d.id, d.title].concat(people.map(function (p) {
          if (p.levels[d.id]) values.push(p.levels[d.id]);
          return p.levels[d.id] || "";
        }));
        var s = spread(values);
        var agreed = agreedForm && agreedForm.elements[d.id + ".agreed"] ? Number(agreedForm.elements[d.id + ".agreed"].value) : 0;
        var l = levelOf(agreed);
        rows.push(row.concat([s.low === null ? "" : s.low, s.high === null ? "" : s.high, l ? l.number : "", l ? l.title : ""]));
      });
      download(store + "-consensus.csv", csv(rows), "text/csv");
      say("The consensus was downloaded as " + store + "-consensus.csv.");
    } else if (action === "print") {
      printWith("sa-printing-consensus");
    }
  });
})();
