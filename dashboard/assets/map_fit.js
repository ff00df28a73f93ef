// A page's maps as tall as the geography drawn in them, at the card's whole width. Plotly fits a map
// into its chart and leaves the rest blank: on a 375 px phone the world is about 150 px tall in a
// 325 px plot (two blank bands of 88 px), the USA 170 px; Bolivia, taller than wide, was narrower
// than its card. Plotly's fitted frame of the map (`bounds`, pixels) tells its size at any scope
// (the world, a region, a country's places, the USA's Albers map). The chart's box (`.graph-fluid`,
// sized by site.css before the map is known) is set to the map's height plus the legend's margins,
// at most 60 % of the screen's height, so the page still scrolls past it; Dash's responsive graph
// then redraws at that size. Each new figure (a goal, a region chosen) is fitted again.
// Maps take the class `geo-map`: on a phone site.css shows their zoom buttons (in, out, whole map).
(function () {
  var TALLEST = 0.6;  // of the window's height
  var LOWEST = 120;  // px: a map never shrinks to a line

  function fit(graph) {
    var layout = graph._fullLayout;
    var geo = layout && layout.geo && layout.geo._subplot;
    var bounds = geo && geo.bounds;
    var plot = layout && layout._size;
    var box = graph.closest(".graph-fluid");
    if (!bounds || !plot || !box) { return; }
    box.classList.add("geo-map");
    var wide = bounds[1][0] - bounds[0][0], high = bounds[1][1] - bounds[0][1];
    if (!(wide > 0 && high > 0 && plot.w > 0)) { return; }
    var tallest = Math.max(LOWEST, Math.round(window.innerHeight * TALLEST));
    var wanted = Math.max(LOWEST, Math.min(Math.round(high * plot.w / wide), tallest));
    if (Math.abs(wanted - plot.h) > 2) {
      // the box's own padding (a phone's strip for the zoom buttons, site.css) stays around the chart
      var padding = box.getBoundingClientRect().height - layout.height;
      box.style.setProperty("height", Math.round(padding + layout.height - plot.h + wanted) + "px", "important");
    }
  }

  function watch(graph) {
    if (graph.citySdgFitted || typeof graph.on !== "function") { return; }
    graph.citySdgFitted = true;
    graph.on("plotly_afterplot", function () { fit(graph); });
    fit(graph);
  }

  window.citySdg.whenAdded(".graph-fluid .js-plotly-plot", watch);
}());
