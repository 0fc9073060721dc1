/* Kinerja dashboards: draws every <canvas data-chart="ID"> from the JSON that Django's
   json_script put in <script type="application/json" id="ID">, with Chart.js served
   from static/vendor/chartjs (no CDN). The JSON shape comes from
   kinerja/dashboard/queries.py:

     {type: "bar", horizontal: bool, unit: "percent" | "money" | "count",
      labels: [text], titles: [full text for tooltips] (optional),
      series: [{label, values: ["12.34" | null], type: "line" (optional),
                predikat: [label | null] (optional: colours bars), color: "--css-var"}],
      reference: {value: "100", label} | null}

   Figures arrive as decimal strings, rounded as the tables print them; they become
   numbers only here, for drawing. Every chart has a table or text beside it, so a page
   without JavaScript (or without this file) loses nothing but the picture. */
(function () {
  "use strict";

  var PREDIKAT = {
    "Sangat Tinggi": "--predikat-sangat-tinggi",
    "Tinggi": "--predikat-tinggi",
    "Sedang": "--predikat-sedang",
    "Rendah": "--predikat-rendah",
    "Sangat Rendah": "--predikat-sangat-rendah"
  };
  var ROW_HEIGHT = 24; // pixels per bar of a horizontal chart

  function cssColor(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function toNumber(text) {
    return text === null || text === undefined || text === "" ? null : Number(text);
  }

  function formatter(unit) {
    var percent = unit === "percent";
    var format = new Intl.NumberFormat("id-ID", {
      minimumFractionDigits: percent ? 2 : 0,
      maximumFractionDigits: percent ? 2 : 0
    });
    return function (value) {
      if (value === null || value === undefined || isNaN(value)) {
        return "–";
      }
      var text = format.format(value);
      if (percent) {
        return text + "%";
      }
      return unit === "money" ? "Rp " + text : text;
    };
  }

  function tickFormatter(unit) {
    if (unit === "money") {
      var compact = new Intl.NumberFormat("id-ID", { notation: "compact" });
      return function (value) { return compact.format(value); };
    }
    var plain = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
    return function (value) {
      return plain.format(value) + (unit === "percent" ? "%" : "");
    };
  }

  // A dashed line across the plot at the value of `reference` (a target, the pagu).
  var referenceLine = {
    id: "kinerjaReference",
    afterDatasetsDraw: function (chart, args, options) {
      var value = toNumber(options && options.value);
      if (value === null) {
        return;
      }
      var horizontal = chart.options.indexAxis === "y";
      var scale = horizontal ? chart.scales.x : chart.scales.y;
      var area = chart.chartArea;
      var at = scale.getPixelForValue(value);
      if (at < (horizontal ? area.left : area.top) || at > (horizontal ? area.right : area.bottom)) {
        return;
      }
      var context = chart.ctx;
      context.save();
      context.strokeStyle = cssColor("--chart-reference", "#5c6474");
      context.fillStyle = context.strokeStyle;
      context.setLineDash([6, 4]);
      context.lineWidth = 1.5;
      context.beginPath();
      if (horizontal) {
        context.moveTo(at, area.top);
        context.lineTo(at, area.bottom);
      } else {
        context.moveTo(area.left, at);
        context.lineTo(area.right, at);
      }
      context.stroke();
      context.setLineDash([]);
      context.font = "12px sans-serif";
      var roomRight = area.right - at > 60;
      context.textAlign = horizontal && roomRight ? "left" : "right";
      if (horizontal) {
        context.fillText(options.label || "", roomRight ? at + 4 : at - 4, area.top + 12);
      } else {
        context.fillText(options.label || "", area.right - 4, at - 4);
      }
      context.restore();
    }
  };

  function dataset(series) {
    var values = series.values.map(toNumber);
    var base = cssColor(series.color || "--chart-bar", "#1f5fa8");
    var line = series.type === "line";
    var colors = (series.predikat || []).map(function (label) {
      return label && PREDIKAT[label] ? cssColor(PREDIKAT[label], base) : base;
    });
    return {
      type: line ? "line" : "bar",
      label: series.label,
      data: values,
      backgroundColor: line ? base : (colors.length ? colors : base),
      borderColor: line ? base : cssColor("--line-strong", "#8d95a5"),
      borderWidth: 1,
      borderDash: line ? [4, 3] : undefined,
      pointRadius: line ? 4 : undefined,
      spanGaps: false,
      order: line ? 0 : 1
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || canvas.getAttribute("data-drawn") || typeof window.Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var horizontal = Boolean(spec.horizontal);
    if (horizontal) {
      canvas.parentElement.style.height = Math.max(160, spec.labels.length * ROW_HEIGHT + 70) + "px";
    }
    var format = formatter(spec.unit);
    var ticks = { callback: tickFormatter(spec.unit), precision: spec.unit === "count" ? 0 : undefined };
    var valueAxis = { beginAtZero: true, ticks: ticks };
    var reference = spec.reference ? toNumber(spec.reference.value) : null;
    if (reference !== null) {
      valueAxis.suggestedMax = reference * 1.08; // room for the line and its label
    }
    var categoryAxis = { ticks: { autoSkip: false } };
    var titles = spec.titles || spec.labels;
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: spec.series.map(dataset) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: { display: spec.series.length > 1 },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? titles[items[0].dataIndex] : ""; },
              label: function (item) { return item.dataset.label + ": " + format(item.raw); }
            }
          },
          kinerjaReference: spec.reference || {}
        }
      },
      plugins: [referenceLine]
    });
    canvas.setAttribute("data-drawn", "1");
  }

  function drawAll(root) {
    var canvases = (root || document).querySelectorAll("canvas[data-chart]");
    Array.prototype.forEach.call(canvases, draw);
  }

  drawAll(document);
  // Content swapped in by HTMX may bring charts of its own.
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
