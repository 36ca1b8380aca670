/* The timeline's one filter: words, an entity (its models count as its own), a metric and a
   year, over every year's table of the page; choosing a year that has its own page opens it with
   the same filter (?q=&e=&m=). Progressive enhancement: without this script the form stays hidden
   and every row is shown. No dependencies. */
(function () {
  "use strict";

  function params(form) {
    var found = new URLSearchParams();
    ["q", "e", "m"].forEach(function (name) {
      if (form.elements[name].value) found.set(name, form.elements[name].value);
    });
    return found;
  }

  function apply(form) {
    var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var entity = form.elements.e.value, metric = form.elements.m.value;
    var year = form.elements.y.value;
    var shown = 0;
    document.querySelectorAll("section.claimkb-timeline-year").forEach(function (section) {
      var any = false;
      var inYear = !year || section.id === "year-" + year;
      section.querySelectorAll("tbody tr").forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = inYear &&
          (!entity || row.classList.contains("e-" + entity)) &&
          (!metric || row.classList.contains("m-" + metric)) &&
          words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !keep;
        if (keep) { any = true; shown += 1; }
      });
      section.hidden = !any;
    });
    var count = form.querySelector(".claimkb-timeline-filter-count");
    if (count) count.textContent = (form.dataset.count || "%s").replace("%s", shown);
    var query = params(form).toString();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  function restore(form) {
    var found = new URLSearchParams(location.search);
    ["q", "e", "m"].forEach(function (name) {
      var value = found.get(name);
      if (!value) return;
      var field = form.elements[name];
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      field.value = value;
    });
    var here = location.hash.indexOf("#year-") === 0 ? location.hash.slice(6) : "";
    if (here && form.elements.y.querySelector('option[value="' + CSS.escape(here) + '"]:not([data-href])')) {
      form.elements.y.value = here;
    }
  }

  function enhance(form) {
    restore(form);
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "y") apply(form);
    });
    form.elements.y.addEventListener("change", function () {
      var option = form.elements.y.selectedOptions[0];
      var href = option && option.dataset.href;
      if (href) {
        var query = params(form).toString();
        location.href = href + (query ? "?" + query : "") + "#year-" + option.value;
        return;
      }
      apply(form);
    });
    apply(form);
  }

  function start() {
    document.querySelectorAll("form.claimkb-timeline-filter").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
