// A long ranking on a phone shows its first bars only (layouts/phone_ranking.py): 200 bars were
// 4,900 px of a 375 px screen. The same figure is drawn with its category axis narrowed to the first
// `data-phone-bars` places and made as short, so each bar keeps its height and label; the words under
// it (hidden from 576 px, where every bar is drawn) say so, and their button draws them all. A holder
// is folded only while it holds those words. A new answer (another goal, year, filter) brings a new
// chart, folded again. The live Explore's holders are found as they come (assets/added.js); the
// published copy's script, which draws its own charts, folds each with `citySdg.foldRanking`.
(function () {
  var PHONE = window.matchMedia("(max-width: 575.98px)");

  function bars(graph) {
    return (graph.data || []).reduce(function (count, trace) {
      return count + (trace.type === "bar" && trace.y ? trace.y.length : 0);
    }, 0);
  }

  function fold(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    var box = graph && graph.closest(".dash-graph");  // a live page's: Dash sizes the chart to it
    var layout = graph && graph._fullLayout;
    var note = holder.querySelector(".ranking-fold-note");
    var shown = note ? parseInt(note.getAttribute("data-phone-bars"), 10) : 0;
    var total = graph ? bars(graph) : 0;
    if (!layout || holder.citySdgOpened || holder.citySdgFolded || !PHONE.matches || !(total > shown)) {
      return;
    }
    holder.citySdgFolded = {box: box ? box.style.height : null, height: layout.height};
    var plot = layout._size.h, height = Math.round(layout.height - plot + plot * shown / total);
    if (box) { box.style.height = height + "px"; }
    window.Plotly.relayout(graph, {height: height, "yaxis.autorange": false, "yaxis.range": [shown - 0.5, -0.5]});
  }

  function open(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    var box = graph && graph.closest(".dash-graph");
    var folded = holder.citySdgFolded;
    holder.citySdgOpened = true;
    holder.querySelectorAll(".ranking-fold-note").forEach(function (note) { note.hidden = true; });
    if (!folded || !graph) { return; }
    holder.citySdgFolded = null;
    if (box) { box.style.height = folded.box; }
    window.Plotly.relayout(graph, {height: folded.height, "yaxis.autorange": "reversed"});
  }

  // fold `holder`'s chart now and each time plotly draws it; a chart drawn anew (`Plotly.newPlot`,
  // which drops its listeners) is watched again
  function watch(holder) {
    var graph = holder.querySelector(".js-plotly-plot");
    if (!graph || typeof graph.on !== "function" || graph.citySdgFold === graph.on) { return; }
    graph.citySdgFold = graph.on;
    graph.on("plotly_afterplot", function () { fold(holder); });
    fold(holder);
  }

  // the holder a note's button folds and opens: the element its aria-controls names
  function holderOf(button) {
    return document.getElementById(button.getAttribute("aria-controls") || "");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ranking-fold-open");
    var holder = button && holderOf(button);
    if (holder) {
      open(holder);
      // the pressed button is gone: the focus goes to the chart it opened, not to the page's start
      var figure = holder.querySelector("[role='figure']") || holder.querySelector("[role='img']");
      if (figure) { figure.setAttribute("tabindex", "-1"); figure.focus({preventScroll: true}); }
    }
  });
  PHONE.addEventListener("change", function () {  // a phone turned, a window widened: every bar
    if (PHONE.matches) { return; }
    document.querySelectorAll(".ranking-fold-open").forEach(function (button) {
      var holder = holderOf(button);
      if (holder) { open(holder); }
    });
  });

  window.citySdg = window.citySdg || {};
  // a chart drawn with new data and a new note (a published page's state): folded afresh
  window.citySdg.foldRanking = function (holder) {
    holder.citySdgOpened = false;
    holder.citySdgFolded = null;
    watch(holder);
  };
  if (window.citySdg.whenAdded) {  // the live pages (assets/added.js, loaded before this file)
    window.citySdg.whenAdded(".ranking-fold", watch);
  }
}());
