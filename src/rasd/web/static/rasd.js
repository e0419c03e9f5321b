/* rasd web app: focus a record's spans in the article; draw the charts with the local plotly.js.
   Chart data arrive as JSON in <script type="application/json" id="chart-data">; labels in it are
   already HTML-escaped on the server (plotly reads a few tags in text). */
(function () {
  "use strict";

  var FONT = { family: "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, Arial, sans-serif", size: 13 };
  var CONFIG = { displaylogo: false, responsive: true, topojsonURL: "/static/" };
  // one colour per PLOVER type: greens/blues for cooperation, oranges/reds for conflict
  var TYPE_COLORS = {
    AGREE: "#7fc97f", CONSULT: "#2e9e5b", SUPPORT: "#1b7a45", CONCEDE: "#a6d96a",
    COOPERATE: "#4a90c2", AID: "#1f5f99", RETREAT: "#9ecae1",
    REQUEST: "#f2c14e", ACCUSE: "#e39b3b", REJECT: "#d9772b", THREATEN: "#b8561c",
    PROTEST: "#c77dba", SANCTION: "#8e44ad", MOBILIZE: "#e05a47", COERCE: "#a93226", ASSAULT: "#6e1a12"
  };

  function focusRecord(id) {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    if (!id) { return; }
    document.querySelectorAll(".body ." + CSS.escape(id)).forEach(function (el) { el.classList.add("focus"); });
  }

  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    var m = /^[qv]-(.+)$/.exec(h);
    focusRecord(m ? "r-" + m[1] : null);
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("[data-record]") : null;
    if (a && a.tagName !== "A") { focusRecord(a.getAttribute("data-record")); }
  });
  window.addEventListener("hashchange", fromHash);

  function timeline(el, d) {
    var periods = [];
    var byType = {};
    d.series.forEach(function (r) {
      if (periods.indexOf(r.period) < 0) { periods.push(r.period); }
      (byType[r.type] = byType[r.type] || {})[r.period] = r.count;
    });
    periods.sort();
    var traces = Object.keys(byType).sort().map(function (t) {
      return {
        type: "bar", name: t, x: periods, marker: { color: TYPE_COLORS[t] || "#888" },
        y: periods.map(function (p) { return byType[t][p] || 0; }),
        hovertemplate: "%{x}<br>" + t + ": %{y}<extra></extra>"
      };
    });
    // one period, or months: a category axis; days and weeks: a date axis with plain dates
    var axis = (d.bucket === "month" || d.bucket === "year" || periods.length < 2)
      ? { type: "category", title: { text: d.bucket } }
      : { type: "date", tickformat: "%Y-%m-%d", hoverformat: "%Y-%m-%d", title: { text: d.bucket } };
    Plotly.newPlot(el, traces, {
      barmode: "stack", font: FONT, margin: { t: 20, r: 20, b: 50, l: 50 },
      xaxis: axis, yaxis: { title: { text: "events" }, rangemode: "tozero" }, legend: { orientation: "h", y: -0.2 }
    }, CONFIG);
  }

  function network(el, d) {
    var pos = {};
    d.nodes.forEach(function (n) { pos[n.id] = n; });
    var ex = [], ey = [];
    d.edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      ex.push(a.x, b.x, null);
      ey.push(a.y, b.y, null);
    });
    // one trace per colour group (the commonest countries, then "other"), so the legend names them
    var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];
    var groups = {};
    d.nodes.forEach(function (n) { (groups[n.group] = groups[n.group] || []).push(n); });
    var order = Object.keys(groups).sort(function (a, b) {
      if (a === "other" || b === "other") { return a === "other" ? 1 : -1; }
      return groups[b].length - groups[a].length || (a < b ? -1 : 1);
    });
    var traces = order.map(function (g, i) {
      var ns = groups[g];
      return {
        type: "scatter", mode: "markers+text", name: g, textposition: "top center",
        x: ns.map(function (n) { return n.x; }), y: ns.map(function (n) { return n.y; }),
        text: ns.map(function (n) { return n.label ? n.name : ""; }),
        customdata: ns.map(function (n) { return [n.id, g, n.size, n.name]; }),
        hovertemplate: "%{customdata[3]}<br>%{customdata[1]} · %{customdata[2]} events<extra></extra>",
        marker: {
          size: ns.map(function (n) { return 10 + 6 * Math.sqrt(n.size); }),
          color: g === "other" ? "#b0b8c0" : PALETTE[i % PALETTE.length],
          line: { width: 1, color: "#fff" }
        }
      };
    });
    var edges = { type: "scatter", mode: "lines", x: ex, y: ey, hoverinfo: "skip", showlegend: false, line: { width: 1, color: "#9aa7b2" } };
    Plotly.newPlot(el, [edges].concat(traces), {
      font: FONT, showlegend: true, legend: { title: { text: "country" } }, margin: { t: 10, r: 10, b: 10, l: 10 },
      xaxis: { visible: false }, yaxis: { visible: false }, hovermode: "closest"
    }, CONFIG).then(function () {
      el.on("plotly_click", function (ev) {
        var p = ev.points && ev.points[0];
        if (p && p.customdata) { location.href = "/actor/" + encodeURIComponent(p.customdata[0]); }
      });
    });
  }

  function map(el, d) {
    var t = {
      type: "scattergeo", mode: "markers", lat: [], lon: [], text: [], customdata: [],
      hovertemplate: "%{text}<br>%{customdata[1]}<extra></extra>",
      marker: { size: [], color: "#c0392b", opacity: 0.75, line: { width: 1, color: "#fff" } }
    };
    d.points.forEach(function (p) {
      t.lat.push(p.lat); t.lon.push(p.lon); t.text.push(p.name + " (" + p.count + ")");
      t.customdata.push([p.id, p.types]);
      t.marker.size.push(8 + 6 * Math.sqrt(p.count));
    });
    Plotly.newPlot(el, [t], {
      font: FONT, margin: { t: 0, r: 0, b: 0, l: 0 },
      geo: {
        projection: { type: "natural earth" }, fitbounds: "locations", resolution: 110,
        showcountries: true, countrycolor: "#b8c2cc", showland: true, landcolor: "#eef1ec",
        showocean: false, bgcolor: "#e3eef6", showcoastlines: true, coastlinecolor: "#8fa3b3",
        showframe: false, lataxis: { showgrid: true, gridcolor: "#dde3e8" }, lonaxis: { showgrid: true, gridcolor: "#dde3e8" }
      }
    }, CONFIG).then(function () {
      el.on("plotly_click", function (ev) {
        var p = ev.points && ev.points[0];
        if (p && p.customdata) { location.href = "/events?place=" + encodeURIComponent(p.customdata[0]); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fromHash();
    var holder = document.getElementById("chart-data");
    var el = document.getElementById("chart");
    if (!holder || !el || typeof Plotly === "undefined") { return; }
    var d = JSON.parse(holder.textContent);
    if (d.kind === "timeline") { timeline(el, d); }
    else if (d.kind === "network") { network(el, d); }
    else if (d.kind === "map") { map(el, d); }
  });
}());
