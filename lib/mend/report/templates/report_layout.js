// The report's layout after the chart bundle has drawn the annex (it runs right after it): the
// briefs are printed above the annex, so the empty "Briefs" heading the bundle leaves at the end
// of each case goes; tableaux wider than a page are split into parts that repeat the row labels,
// so nothing is clipped on screen or paper; and any <details> is opened, so print shows it.
(function () {
  "use strict";
  var annex = document.getElementById("report");
  if (!annex) return;
  var MAX_STATE_COLUMNS = 8;
  var LABEL_COLUMNS = 2; // the row label and the owner

  annex.querySelectorAll("section.case").forEach(function (section) {
    var last = section.lastElementChild;
    if (last && last.tagName === "H3") last.remove();
  });

  function splitTable(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var columns = head.cells.length - LABEL_COLUMNS;
    if (columns <= MAX_STATE_COLUMNS) return;
    var parts = Math.ceil(columns / MAX_STATE_COLUMNS);
    var per = Math.ceil(columns / parts);
    var caption = table.caption ? table.caption.textContent : "";
    var anchor = table;
    for (var p = 0; p < parts; p++) {
      var from = p * per;
      var to = Math.min(columns, from + per);
      var copy = table.cloneNode(true);
      if (p > 0) copy.removeAttribute("id");
      copy.classList.add("tableau-part");
      copy.dataset.part = String(p + 1);
      Array.prototype.forEach.call(copy.rows, function (row) {
        var cells = Array.prototype.slice.call(row.cells);
        if (cells.length === 1) {
          cells[0].colSpan = LABEL_COLUMNS + (to - from);
          return;
        }
        cells.forEach(function (cell, k) {
          var column = k - LABEL_COLUMNS;
          if (column >= 0 && (column < from || column >= to)) cell.remove();
        });
      });
      if (copy.caption) {
        copy.caption.textContent =
          caption + " (part " + (p + 1) + " of " + parts + ": columns " + (from + 1) + "–" + to + ")";
      }
      anchor.after(copy);
      anchor = copy;
    }
    table.remove();
  }
  annex.querySelectorAll("table.tableau").forEach(splitTable);
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  document.body.dataset.layout = "done";
})();
