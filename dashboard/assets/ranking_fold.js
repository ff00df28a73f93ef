// A long ranking on a phone shows its first bars only (layouts/phone_ranking.py): 200 bars were
// 4,900 px of a 375 px screen. The same figure is drawn with its category axis narrowed to the first
// `data-phone-bars` places and its box made as short, so each bar keeps its height and label; the
// words under it (hidden from 576 px, where every bar is drawn) say so, and their button draws them
// all. A new answer (another goal, year, filter) brings a new chart, folded again.
(function () {
  var PHONE = window.matchMedia("(max-width: 575.98px)");

  function bars(graph) {
    return (graph.data || []).reduce(function (count, trace) {
      return count + (trace.type === "bar" && trace.y ? trace.y.length : 0);
    }, 0);
  }

  function fold(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    var box = graph && graph.closest(".dash-graph");
    var layout = graph && graph._fullLayout;
    var shown = parseInt(holder.getAttribute("data-phone-bars"), 10);
    var total = graph ? bars(graph) : 0;
    if (!layout || !box || holder.citySdgOpened || holder.citySdgFolded || !PHONE.matches || !(total > shown)) {
      return;
    }
    holder.citySdgFolded = {box: box.style.height, height: layout.height};
    var plot = layout._size.h, height = Math.round(layout.height - plot + plot * shown / total);
    box.style.height = height + "px";
    window.Plotly.relayout(graph, {height: height, "yaxis.autorange": false, "yaxis.range": [shown - 0.5, -0.5]});
  }

  function open(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    var box = graph && graph.closest(".dash-graph");
    var folded = holder.citySdgFolded;
    holder.citySdgOpened = true;
    holder.querySelectorAll(".ranking-fold-note").forEach(function (note) { note.hidden = true; });
    if (!folded || !box) { return; }
    holder.citySdgFolded = null;
    box.style.height = folded.box;
    window.Plotly.relayout(graph, {height: folded.height, "yaxis.autorange": "reversed"});
  }

  function watch(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    if (!graph || graph.citySdgFold || typeof graph.on !== "function") { return; }
    graph.citySdgFold = true;
    graph.on("plotly_afterplot", function () { fold(holder); });
    fold(holder);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ranking-fold-open");
    var holder = button && button.closest(".ranking-fold");
    if (holder) {
      open(holder);
      // the pressed button is gone: the focus goes to the chart it opened, not to the page's start
      var figure = holder.querySelector("[role='figure']");
      if (figure) { figure.setAttribute("tabindex", "-1"); figure.focus({preventScroll: true}); }
    }
  });
  PHONE.addEventListener("change", function () {  // a phone turned, a window widened: every bar
    if (!PHONE.matches) { document.querySelectorAll(".ranking-fold").forEach(open); }
  });

  window.citySdg.whenAdded(".ranking-fold", watch);
}());
