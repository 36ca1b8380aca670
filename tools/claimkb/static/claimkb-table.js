/* Claims tables: sort by a column, filter by text. Progressive enhancement: without this script
   the table is complete and in its default order. No dependencies. */
(function () {
  "use strict";

  // The words in the edition's language: a build in another language than English sets
  // window.claimkbTableWords from the `claimkb` catalog (sphinx_ext.claims_table).
  var WORDS = window.claimkbTableWords || {
    sort: "Sort by this column",
    filter: "Filter this table",
    filterLabel: "Filter the claims in this table"
  };

  function cellKey(cell, type) {
    var data = cell.querySelector("data.claimkb-sort-key");
    if (type === "number") {
      var number = data ? parseFloat(data.value) : NaN;
      return isNaN(number) ? null : number;
    }
    return (data ? data.value : cell.textContent).trim().toLowerCase();
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === "") return 1; // empty cells last, whatever the direction
    if (b === null || b === "") return -1;
    return a < b ? -1 : 1;
  }

  function sortBy(table, index, type, button) {
    var body = table.tBodies[0];
    var header = button.closest("th");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: cellKey(row.cells[index], type), position: position };
    });
    rows.sort(function (x, y) {
      var empty = x.key === null || x.key === "" || y.key === null || y.key === "";
      var order = compare(x.key, y.key);
      if (!ascending && !empty) order = -order;
      return order || x.position - y.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function addSorting(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var type = th.classList.contains("claimkb-sort-number") ? "number" : "text";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "claimkb-sort-button";
      button.title = WORDS.sort;
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, type, button); });
    });
  }

  function addFilter(table) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "claimkb-filter";
    input.placeholder = WORDS.filter;
    input.setAttribute("aria-label", WORDS.filterLabel);
    if (table.id) input.setAttribute("aria-controls", table.id);
    var wrapper = table.closest(".claimkb-table-wrapper") || table;
    wrapper.parentNode.insertBefore(input, wrapper);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  }

  function enhance() {
    document.querySelectorAll("table.claimkb-claims").forEach(function (table) {
      if (!table.tBodies.length || table.dataset.claimkbEnhanced) return;
      table.dataset.claimkbEnhanced = "1";
      addSorting(table);
      addFilter(table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
