// An embedded chart: draw the figure from the page's JSON, open the data table from its link,
// and tell the page that frames us how tall we are, so its optional resize script can fit the
// frame. The message carries only a height; the framing page checks which frame sent it.
(function () {
  "use strict";
  var MESSAGE = "city-sdg-embed:height";

  function postHeight() {
    if (window.parent === window) { return; }
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: MESSAGE, height: height }, "*");
  }

  var holder = document.getElementById("embed-chart");
  var source = document.getElementById("embed-figure");
  if (holder && source && window.Plotly) {
    var figure = JSON.parse(source.textContent);
    holder.textContent = "";  // the server's SVG picture makes way for the live chart
    window.Plotly.newPlot(holder, figure.data, figure.layout, figure.config).then(postHeight);
  }

  var table = document.getElementById("embed-data");
  document.querySelectorAll("a[href='#embed-data']").forEach(function (link) {
    link.addEventListener("click", function () { if (table) { table.open = true; } });
  });
  if (table) { table.addEventListener("toggle", postHeight); }
  window.addEventListener("load", postHeight);
  if (window.ResizeObserver) { new ResizeObserver(postHeight).observe(document.body); }
})();
