/* Claim cards: their collapsed details and "Cite this". Progressive enhancement: without this
   script every detail is still in the page (one click away) and the citation line is complete
   but for the day it is read. No dependencies. */
(function () {
  "use strict";

  var WORDS = Object.assign({
    citation: "Download (CSL-JSON)",
    citationTitle: "This citation as a file for a reference manager (Zotero, Mendeley…)"
  }, window.CLAIMKB_WORDS || {});

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function text(root, selector) {
    var found = root.querySelector(selector);
    return found ? found.textContent.trim() : "";
  }

  /* The site's name, as the page's preview tags give it. */
  function siteName() {
    var meta = document.querySelector('meta[property="og:site_name"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function titleOf(line) {
    var card = line.closest(".claim-card, tr");
    return card ? text(card, ".claim-title-text, .claim-row-title-text") : "";
  }

  /* A citation as CSL-JSON, the format reference managers import: the claim on this site, with
     its permalink and the day it was read. */
  function csl(line) {
    var card = line.closest(".claim-card, tr");
    var link = line.querySelector("a.claim-share");
    var day = today().split("-").map(Number);
    var title = titleOf(line);
    var value = card ? text(card, ".claim-value, td.claimkb-col-value") : "";
    var item = {
      id: idOf(link),
      type: "dataset",
      title: value ? title + ": " + value : title,
      "container-title": siteName(),
      publisher: siteName(),
      URL: link ? link.href : location.href,
      accessed: { "date-parts": [day] }
    };
    return JSON.stringify([item], null, 2) + "\n";
  }

  function idOf(link) {
    return link ? link.getAttribute("href").replace(/^.*\//, "").replace(/\.html$/, "") : "claim";
  }

  function addDownload(line) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "claim-cite-download";
    button.textContent = WORDS.citation;
    button.title = WORDS.citationTitle;
    button.addEventListener("click", function () {
      var blob = new Blob([csl(line)], { type: "application/vnd.citationstyles.csl+json" });
      var url = URL.createObjectURL(blob);
      var anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = idOf(line.querySelector("a.claim-share")) + ".json";
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
    line.appendChild(document.createTextNode(" "));
    line.appendChild(button);
  }

  function enhanceCitations() {
    document.querySelectorAll("p.claim-cite").forEach(function (line) {
      if (line.dataset.claimkbEnhanced) return;
      line.dataset.claimkbEnhanced = "1";
      var date = line.querySelector(".claim-cite-date");
      if (date) date.textContent = today();
      var link = line.querySelector("a.claim-share");
      if (link) {
        link.textContent = link.href;
        var named = "“" + titleOf(line) + "”, " + (siteName() ? siteName() + ", " : "");
        link.parentNode.insertBefore(document.createTextNode(named), link);
      }
      addDownload(line);
    });
  }

  /* A link to a claim opens the details of its card (or its row), so the quote is in view. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var details = target.querySelector("details.claim-details");
    if (details) details.open = true;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  /* Printed, a page shows every detail. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
  window.addEventListener("hashchange", openTarget);

  function enhance() {
    enhanceCitations();
    openTarget();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
