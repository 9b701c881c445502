// ocrfix report: filters, edit details, review marks. Page text is only ever set with
// textContent or attributes, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var stageOn = data.stages.map(function () { return true; });
  var ruleOn = data.rules.map(function () { return true; });
  var onlyLow = false;
  var marks = {};  // "page:edit" -> mark

  function pageOf(el) { return data.pages[+el.closest("section.page").dataset.page]; }
  function editOf(el) { return pageOf(el).edits[+el.dataset.e]; }
  function describe(p, i) {
    var e = p.edits[i];
    return data.stages[e[0]] + "/" + data.rules[e[1]] + " · confidence " + e[2].toFixed(2) +
      "\n" + e[5] + (e[6] ? " (" + e[6] + ")" : "") +
      "\nbefore: " + JSON.stringify(e[3]) + "\nafter:  " + JSON.stringify(e[4]) +
      "\nsource " + e[8] + ":" + e[9] + " · edit #" + i + " of " + p.name;
  }

  function applyFilters() {
    document.querySelectorAll("section.page").forEach(function (sec) {
      var p = data.pages[+sec.dataset.page];
      sec.querySelectorAll("[data-e]").forEach(function (el) {
        var e = p.edits[+el.dataset.e];
        var on = stageOn[e[0]] && ruleOn[e[1]] && (!onlyLow || e[2] < data.low);
        el.classList.toggle("off", !on);
      });
    });
  }

  document.querySelectorAll("#stage-filter input").forEach(function (box) {
    box.addEventListener("change", function () {
      stageOn[+box.dataset.stage] = box.checked;
      applyFilters();
    });
  });
  document.querySelectorAll("#rule-filter input").forEach(function (box) {
    box.addEventListener("change", function () {
      ruleOn[+box.dataset.rule] = box.checked;
      applyFilters();
    });
  });
  document.getElementById("only-low").addEventListener("change", function (ev) {
    onlyLow = ev.target.checked;
    applyFilters();
  });
  function setAll(on) {
    document.querySelectorAll("#stage-filter input, #rule-filter input").forEach(function (b) {
      b.checked = on;
    });
    stageOn = stageOn.map(function () { return on; });
    ruleOn = ruleOn.map(function () { return on; });
    applyFilters();
  }
  document.getElementById("all-on").addEventListener("click", function () { setAll(true); });
  document.getElementById("all-off").addEventListener("click", function () { setAll(false); });

  // Hover: a tooltip with stage, rule, confidence and reason. Click: details + list row.
  var detail = document.getElementById("detail");
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest(".h[data-e]");
    if (el && !el.title) { el.title = describe(pageOf(el), +el.dataset.e); }
  });
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest(".h[data-e]");
    if (!el) { return; }
    var sec = el.closest("section.page");
    document.querySelectorAll(".sel").forEach(function (s) { s.classList.remove("sel"); });
    sec.querySelectorAll('[data-e="' + (+el.dataset.e) + '"]').forEach(function (s) {
      s.classList.add("sel");
    });
    detail.textContent = describe(pageOf(el), +el.dataset.e);
    detail.hidden = false;
  });
  detail.addEventListener("click", function () { detail.hidden = true; });

  // Review marks.
  function markOf(row) {
    var p = pageOf(row), i = +row.dataset.e, e = p.edits[i];
    return { page: p.name, edit: i, stage: data.stages[e[0]], rule: data.rules[e[1]],
             before: e[3], after: e[4], reason: e[5], start: e[8], end: e[9],
             action: row.querySelector("select.action").value, protect: e[7], note: "" };
  }
  function updateMark(row) {
    var key = row.closest("section.page").dataset.page + ":" + row.dataset.e;
    var on = row.querySelector("input.mark").checked;
    row.classList.toggle("marked", on);
    if (on) { marks[key] = markOf(row); } else { delete marks[key]; }
    document.getElementById("mark-count").textContent = Object.keys(marks).length + " marked";
  }
  document.querySelectorAll("tr.edit").forEach(function (row) {
    row.querySelector("input.mark").addEventListener("change", function () { updateMark(row); });
    row.querySelector("select.action").addEventListener("change", function () {
      if (row.querySelector("input.mark").checked) { updateMark(row); }
    });
  });
  document.getElementById("export").addEventListener("click", function () {
    var list = Object.keys(marks).map(function (k) { return marks[k]; });
    var text = JSON.stringify({ ocrfix_marks: 1, marks: list }, null, 1);
    document.getElementById("marks-json").value = text;
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = "ocrfix-marks.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  document.body.dataset.ready = "1";
}());
