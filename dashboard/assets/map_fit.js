// A map as tall as the geography drawn in it, at the chart's whole width: the one rule for the live
// pages, the embeds and the published copy (served to the latter two by its hashed name, so there
// is no second copy to drift). Plotly fits a map into its chart and leaves the rest blank: on a
// 375 px phone the world is about 150 px tall in a 325 px plot (two blank bands of 88 px), the USA
// 170 px; Bolivia, taller than wide, was narrower than its card. Plotly's fitted frame of the map
// (`bounds`, pixels) tells its size at any scope (the world, a region, a country's places, a city's
// wards, the USA's Albers map). The plot is made that tall plus its margins, at most 60 % of the
// screen's height, so the page still scrolls past it. On a live page the chart's box (`.graph-fluid`,
// sized by site.css before the map is known) gets that height and Dash's responsive graph redraws at
// it; elsewhere (an embed, a published page) the figure is drawn that tall. Each new figure (a goal,
// a region chosen, a phone turned) is fitted again. Fitted maps take the class `geo-map`: on a phone
// site.css shows their zoom buttons (in, out, whole map).
(function () {
  var TALLEST = 0.6;  // of the screen's height
  var LOWEST = 120;  // px: a map never shrinks to a line

  // A frame's own height follows its content (the embed's resize script): 60 % of it would shrink
  // the map, then the frame, then the map again; the reader's screen is what bounds a framed map.
  function screenHeight() {
    var framed = window.self !== window.top;
    return framed && window.screen && window.screen.height > 0 ? window.screen.height : window.innerHeight;
  }

  // the plot's height that shows the map drawn in `graph` at its whole width, or null (not a map)
  function wantedPlot(graph) {
    var layout = graph._fullLayout;
    var geo = layout && layout.geo && layout.geo._subplot;
    var bounds = geo && geo.bounds;
    var plot = layout && layout._size;
    if (!bounds || !plot) { return null; }
    var wide = bounds[1][0] - bounds[0][0], high = bounds[1][1] - bounds[0][1];
    if (!(wide > 0 && high > 0 && plot.w > 0)) { return null; }
    var tallest = Math.max(LOWEST, Math.round(screenHeight() * TALLEST));
    return Math.max(LOWEST, Math.min(Math.round(high * plot.w / wide), tallest));
  }

  function fit(graph) {
    var wanted = wantedPlot(graph);
    if (wanted === null) { return; }
    var layout = graph._fullLayout, plot = layout._size;
    var box = graph.closest(".graph-fluid");
    (box || graph).classList.add("geo-map");
    if (Math.abs(wanted - plot.h) <= 2) { return; }
    var height = Math.round(layout.height - plot.h + wanted);
    if (box) {
      // the box's own padding (a phone's strip for the zoom buttons, site.css) stays around the chart
      var padding = box.getBoundingClientRect().height - layout.height;
      box.style.setProperty("height", Math.round(padding + height) + "px", "important");
    } else {
      graph.style.minHeight = "0";  // an embed's chart keeps room for a chart of unknown height
      window.Plotly.relayout(graph, {height: height});
    }
  }

  // fit `graph` now and after each time plotly draws it; a graph drawn anew (`Plotly.newPlot`,
  // which drops its listeners) is watched again
  function watch(graph) {
    if (typeof graph.on !== "function" || graph.citySdgFitted === graph.on) { return; }
    graph.citySdgFitted = graph.on;
    graph.on("plotly_afterplot", function () { fit(graph); });
    fit(graph);
  }

  window.citySdg = window.citySdg || {};
  window.citySdg.fitMap = watch;
  if (window.citySdg.whenAdded) {  // the live pages (assets/added.js, loaded before this file)
    window.citySdg.whenAdded(".graph-fluid .js-plotly-plot", watch);
  }
}());
