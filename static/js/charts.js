/* Charts of the statistics pages (Chart.js from static/vendor/chartjs).
 * Each chart is a <div data-chart="ID" hidden> holding a <canvas>; its data is the
 * JSON in <script type="application/json" id="ID"> written by Django's json_script
 * filter. Without JavaScript the div stays hidden and the tables carry the figures.
 * Hidden (suppressed) counts arrive as null and are left out of the bars. */
(function () {
  "use strict";

  var COLOURS = ["#0062ba", "#e16b00", "#118849", "#8a3ea5", "#c01b1b", "#5c6d7e", "#b38800"];

  function options(type) {
    var stacked = type === "stacked";
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 2.6,
      spanGaps: false,
      plugins: { legend: { position: "bottom" } },
      scales: {
        x: { stacked: stacked },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }
      }
    };
  }

  function draw(container) {
    var source = document.getElementById(container.dataset.chart);
    var canvas = container.querySelector("canvas");
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var type = data.type === "line" ? "line" : "bar";
    container.hidden = false;
    new window.Chart(canvas, {
      type: type,
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set, i) {
          var colour = COLOURS[i % COLOURS.length];
          return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour };
        })
      },
      options: options(data.type)
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
