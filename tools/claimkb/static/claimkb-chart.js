/* Charts of the AI Cost Ledger: what a page's static chart gains with script.
 *
 * The chart is drawn at build time (its wide layout by Vega-Lite through vl-convert, its phone
 * layout by views/chart_phone.py from the same model) and is complete without this file: the
 * page shows each drawing as an image (series named on the chart) and the table lists every
 * figure. This adds:
 * - the drawings themselves, in place of the images: each point carries its description and
 *   links to its card (links written from the drawing's folder, resolved here);
 * - a tooltip on hover, keyboard focus or tap (the first tap on a point shows it, a second
 *   opens the card);
 * - picking out a series: tap or click its name (or any of its points' lines), again to undo;
 * - a chart / table switch;
 * - a permalink that keeps that state (#chart-id?view=table&series=openai), and an embed code.
 */
(function () {
  "use strict";

  var STATE = /^#([^?]+)\?(.*)$/;
  var XLINK = "http://www.w3.org/1999/xlink";

  function inline(image) {
    // the drawing's SVG in place of its image; on any failure (no fetch, a page opened from
    // disk) the image stays
    var address = image.src;
    if (!window.fetch || !window.DOMParser) return Promise.resolve();
    return fetch(address)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        if (svg.nodeName !== "svg") return;
        svg.querySelectorAll("a").forEach(function (link) {
          var href = link.getAttributeNS(XLINK, "href");
          if (href) link.setAttributeNS(XLINK, "xlink:href", new URL(href, address).href);
        });
        image.parentNode.replaceChild(document.importNode(svg, true), image);
      })
      .catch(function () {});
  }

  function parseState(hash) {
    var found = STATE.exec(hash || "");
    var state = { id: null, view: "chart", series: null };
    if (!found) {
      state.id = hash ? decodeURIComponent(hash.slice(1)) : null;
      return state;
    }
    state.id = decodeURIComponent(found[1]);
    found[2].split("&").forEach(function (pair) {
      var parts = pair.split("=");
      var value = decodeURIComponent(parts[1] || "");
      if (parts[0] === "view" && (value === "table" || value === "chart")) state.view = value;
      if (parts[0] === "series" && value) state.series = value;
    });
    return state;
  }

  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  function Chart(block) {
    this.block = block;
    this.figure = block.querySelector("figure.claimkb-chart");
    this.table = block.querySelector(".claimkb-chart-table");
    this.words = JSON.parse(this.figure.getAttribute("data-words") || "{}");
    this.state = { view: "chart", series: null };
    this.tip = document.createElement("div");
    this.tip.className = "claimkb-chart-tip";
    this.tip.setAttribute("role", "status");
    this.tip.hidden = true;
    this.figure.querySelector(".claimkb-chart-image").appendChild(this.tip);
    this.shown = null;
    this.touch = false;
    this.addTabs();
    this.listen();
  }

  Chart.prototype.draw = function () {
    var self = this;
    var images = this.figure.querySelectorAll("img.claimkb-chart-static");
    return Promise.all(Array.prototype.map.call(images, inline)).then(function () {
      var hint = self.figure.querySelector(".claimkb-chart-hint");
      if (hint && self.figure.querySelector("svg [data-i]")) hint.hidden = false;
      self.listenPoints();
      self.set({});
    });
  };

  Chart.prototype.addTabs = function () {
    var self = this;
    var tabs = document.createElement("div");
    tabs.className = "claimkb-chart-tabs";
    tabs.setAttribute("role", "tablist");
    this.buttons = {};
    ["chart", "table"].forEach(function (view) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "tab");
      button.textContent = self.words[view] || view;
      button.addEventListener("click", function () {
        self.set({ view: view });
      });
      self.buttons[view] = button;
      tabs.appendChild(button);
    });
    this.reset = document.createElement("button");
    this.reset.type = "button";
    this.reset.className = "claimkb-chart-reset";
    this.reset.textContent = this.words.all || "All";
    this.reset.hidden = true;
    this.reset.addEventListener("click", function () {
      self.set({ series: null });
    });
    tabs.appendChild(this.reset);
    this.block.insertBefore(tabs, this.figure);
  };

  Chart.prototype.listenPoints = function () {
    var self = this;
    var image = this.figure.querySelector(".claimkb-chart-image");
    // the page's tooltip replaces the browser's: each <title> becomes the point's aria-label
    image.querySelectorAll("[data-i] > title").forEach(function (title) {
      title.parentNode.setAttribute("aria-label", title.textContent);
      title.parentNode.removeChild(title);
    });
    image.querySelectorAll("[data-i]").forEach(function (point) {
      var link = point.closest("a");
      var target = link || point;
      // a pointer's kind is known before the mouse events a touch also fires: a tap shows what
      // the point is and a second tap opens its card; the mouse shows it on hover, opens on click
      target.addEventListener("pointerdown", function (event) {
        self.touch = event.pointerType !== "mouse";
        self.before = self.shown;
      });
      target.addEventListener("mouseenter", function () {
        if (!self.touch) self.show(point);
      });
      target.addEventListener("mouseleave", function () {
        if (!self.touch) self.hide();
      });
      target.addEventListener("focus", function () {
        self.show(point);
      });
      target.addEventListener("blur", function () {
        if (!self.touch) self.hide();
      });
      target.addEventListener("click", function (event) {
        var shown = self.touch ? self.before : self.shown;
        self.before = undefined;
        if (shown !== point) {
          event.preventDefault();
          self.show(point);
        } else if (!link) {
          var card = self.card(point);
          if (card) window.location.href = card;
        }
      });
    });
    image.querySelectorAll("[data-series]:not([data-i])").forEach(function (mark) {
      mark.style.cursor = "pointer";
      mark.addEventListener("click", function () {
        var key = mark.getAttribute("data-series");
        self.set({ series: self.state.series === key ? null : key });
      });
    });
  };

  Chart.prototype.listen = function () {
    var self = this;
    var permalink = this.figure.querySelector(".claimkb-chart-permalink");
    if (permalink) {
      permalink.addEventListener("click", function () {
        self.set({});
      });
    }
    var embed = this.figure.querySelector(".claimkb-chart-embed");
    if (embed) {
      embed.addEventListener("click", function (event) {
        event.preventDefault();
        self.showEmbed(embed);
      });
    }
  };

  Chart.prototype.twin = function (point) {
    // a point of the narrow drawing has no words: its twin in the wide one has them
    var selector = '.claimkb-chart-layout-wide [data-i="' + point.getAttribute("data-i") + '"]';
    return this.figure.querySelector(selector) || point;
  };

  Chart.prototype.card = function (point) {
    var link = this.twin(point).closest("a");
    if (!link) return null;
    var href = link.getAttribute("href") || link.getAttribute("xlink:href");
    return new URL(href, window.location.href).href;
  };

  Chart.prototype.show = function (point) {
    var text = this.twin(point).getAttribute("aria-label") || "";
    var card = this.card(point);
    this.tip.textContent = text;
    if (card) {
      var open = document.createElement("a");
      open.href = card;
      open.textContent = " →";
      open.setAttribute("aria-label", text);
      this.tip.appendChild(open);
    }
    this.tip.hidden = false;
    var box = point.getBoundingClientRect();
    var frame = this.tip.parentNode.getBoundingClientRect();
    var left = box.left + box.width / 2 - frame.left;
    var width = Math.min(280, frame.width - 8);
    this.tip.style.maxWidth = width + "px";
    this.tip.style.left = Math.max(4, Math.min(left - width / 2, frame.width - width - 4)) + "px";
    this.tip.style.top = box.bottom - frame.top + 8 + "px";
    this.shown = point;
  };

  Chart.prototype.hide = function () {
    this.tip.hidden = true;
    this.shown = null;
  };

  Chart.prototype.set = function (change) {
    var self = this;
    Object.keys(change).forEach(function (key) {
      self.state[key] = change[key];
    });
    var table = this.state.view === "table";
    this.figure.hidden = table;
    if (this.table) this.table.hidden = !table;
    this.buttons.chart.setAttribute("aria-selected", String(!table));
    this.buttons.table.setAttribute("aria-selected", String(table));
    var series = this.state.series;
    this.figure.classList.toggle("claimkb-chart-focus", Boolean(series));
    this.figure.querySelectorAll("[data-series]").forEach(function (mark) {
      mark.classList.toggle("claimkb-chart-picked", mark.getAttribute("data-series") === series);
    });
    this.reset.hidden = !series;
    var permalink = this.figure.querySelector(".claimkb-chart-permalink");
    if (permalink) permalink.setAttribute("href", this.hash());
    if (change.view !== undefined || change.series !== undefined) {
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", this.hash());
      }
    }
  };

  Chart.prototype.hash = function () {
    var query = [];
    if (this.state.view !== "chart") query.push("view=" + this.state.view);
    if (this.state.series) query.push("series=" + encodeURIComponent(this.state.series));
    return "#" + this.block.id + (query.length ? "?" + query.join("&") : "");
  };

  Chart.prototype.showEmbed = function (embed) {
    var box = this.figure.querySelector(".claimkb-chart-embed-code");
    if (box) {
      box.hidden = !box.hidden;
      return;
    }
    var address = new URL(embed.getAttribute("href"), window.location.href).href;
    var title = this.figure.querySelector("[aria-label]").getAttribute("aria-label") || "";
    var code =
      '<iframe src="' + escapeAttribute(address) + '" title="' + escapeAttribute(title) +
      '" width="100%" height="520" style="border:0" loading="lazy"></iframe>';
    box = document.createElement("div");
    box.className = "claimkb-chart-embed-code";
    var label = document.createElement("label");
    label.textContent = this.words.embed_hint || "";
    var area = document.createElement("textarea");
    area.readOnly = true;
    area.rows = 3;
    area.value = code;
    label.appendChild(area);
    box.appendChild(label);
    this.figure.querySelector("figcaption").appendChild(box);
    area.focus();
    area.select();
  };

  var charts = {};

  function follow(scroll) {
    // the address's state (#chart-id?view=table&series=openai) applied to its chart
    var state = parseState(window.location.hash);
    var chart = state.id && charts[state.id];
    if (!chart) return;
    chart.set({ view: state.view, series: state.series });
    if (scroll) chart.block.scrollIntoView();
  }

  function start() {
    var drawn = [];
    document.querySelectorAll(".claimkb-chart-block").forEach(function (block) {
      if (!block.querySelector("figure.claimkb-chart")) return;
      charts[block.id] = new Chart(block);
      charts[block.id].set({});
      drawn.push(charts[block.id].draw());
    });
    // the page says when its drawings are in (for its tests, and styles that wait for them)
    Promise.all(drawn).then(function () {
      document.documentElement.setAttribute("data-claimkb-charts", "drawn");
    });
    follow(true);
    window.addEventListener("hashchange", function () {
      follow(true);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
