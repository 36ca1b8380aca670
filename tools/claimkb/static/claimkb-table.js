/* Tables of claims: sort by a column, filter by text, and label each cell with its column's
   header, so that on a phone a row reads as a small card. Progressive enhancement: without this
   script a table is complete and in its default order. No dependencies.

   A page with a `.claimkb-page-filter` block (an entity page) gets one filter box there for all
   its tables, and sections whose tables have no matching row are hidden while it filters; other
   tables of more than FILTER_FROM rows get a box of their own. The words come from the page
   (`window.CLAIMKB_WORDS`, in the build's language), English otherwise. */
(function () {
  "use strict";

  var FILTER_FROM = 10;
  var WORDS = Object.assign({
    sort: "Sort by this column",
    filter: "Filter this table",
    filterLabel: "Filter the claims in this table",
    pageFilter: "Filter: a company, a model, a year…",
    pageFilterLabel: "Filter every table of this page"
  }, window.CLAIMKB_WORDS || {});

  function cellKey(cell, type) {
    var data = cell.querySelector("data.claimkb-sort-key");
    if (type === "number") {
      var number = data ? parseFloat(data.value) : NaN;
      return isNaN(number) ? null : number;
    }
    var shown = cell.querySelector(".claimkb-sort-text") || cell; // a title, not its details
    return (data ? data.value : shown.textContent).trim().toLowerCase();
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

  /* Each cell says which column it is in (`data-label`), for the stacked rows of a phone. */
  function addLabels(table) {
    if (!table.tHead) return;
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (labels[index]) cell.setAttribute("data-label", labels[index]);
        });
      });
    });
  }

  function matches(row, words) {
    var text = row.textContent.toLowerCase();
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function filterBox(placeholder, label) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "claimkb-filter";
    input.placeholder = placeholder;
    input.setAttribute("aria-label", label);
    return input;
  }

  function words(input) {
    return input.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function addFilter(table) {
    var input = filterBox(WORDS.filter, WORDS.filterLabel);
    if (table.id) input.setAttribute("aria-controls", table.id);
    var wrapper = table.closest(".claimkb-table-wrapper") || table;
    wrapper.parentNode.insertBefore(input, wrapper);
    input.addEventListener("input", function () {
      var wanted = words(input);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = !matches(row, wanted);
      });
    });
  }

  /* One box for every table of the page; a table's section is hidden while none of its rows
     matches. */
  function addPageFilter(place, tables) {
    var label = place.querySelector(".claimkb-page-filter-label");
    var input = filterBox(WORDS.pageFilter, label ? label.textContent : WORDS.pageFilterLabel);
    place.appendChild(input);
    input.addEventListener("input", function () {
      var wanted = words(input);
      tables.forEach(function (table) {
        var shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.hidden = !matches(row, wanted);
          if (!row.hidden) shown += 1;
        });
        var section = table.closest("section");
        if (section && section.querySelectorAll("table.claimkb-claims").length === 1) {
          section.hidden = shown === 0;
        }
      });
    });
  }

  function enhance() {
    var place = document.querySelector(".claimkb-page-filter");
    var tables = [];
    document.querySelectorAll("table.claimkb-claims").forEach(function (table) {
      if (!table.tBodies.length || table.dataset.claimkbEnhanced) return;
      table.dataset.claimkbEnhanced = "1";
      addSorting(table);
      addLabels(table);
      tables.push(table);
      if (!place && table.tBodies[0].rows.length > FILTER_FROM) addFilter(table);
    });
    document.querySelectorAll("table.claimkb-stack").forEach(addLabels);
    if (place && !place.dataset.claimkbEnhanced && tables.length) {
      place.dataset.claimkbEnhanced = "1";
      addPageFilter(place, tables);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
