// Sortable tables for the private status pages (progressive enhancement:
// without this script the tables are plain tables). Every table with the
// class "st-sortable" gets a button in each header cell of its head row;
// a click sorts the body rows by that column (data-sort on a cell wins over
// its text) and sets aria-sort on the header cell.
(function () {
  "use strict";
  var collator = new Intl.Collator("da", { numeric: true, sensitivity: "base" });

  function value(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return collator.compare(a, b);
  }

  function sortBy(table, th, col) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r._order = i; });
    rows.sort(function (x, y) {
      var c = compare(value(x, col), value(y, col));
      if (!ascending) c = -c;
      return c || x._order - y._order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies[0]) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "st-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, col); });
    });
    table.classList.add("st-sortable-on");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.st-sortable"), enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
