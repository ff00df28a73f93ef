// An embedded chart: draw the figure from the page's JSON, open the data table from its link,
// and tell the page that frames us how tall we are, so its optional resize script can fit the
// frame. The message carries only a height; the framing page checks which frame sent it.
(function () {
  "use strict";
  var MESSAGE = "city-sdg-embed:height";
  // WordPress frames an oEmbed with `#?secret=...` and its wp-embed.js fits the frame to
  // {message: "height", value, secret} (it strips our resize script and the frame's style)
  var found = /[#&?]secret=([A-Za-z0-9]+)/.exec(window.location.hash);
  var secret = found ? found[1] : null;

  function postHeight() {
    if (window.parent === window) { return; }
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: MESSAGE, height: height }, "*");
    if (secret) { window.parent.postMessage({ message: "height", value: height, secret: secret }, "*"); }
  }

  var holder = document.getElementById("embed-chart");
  var source = document.getElementById("embed-figure");

  // The server's SVG picture stands over the chart while plotly draws, and goes only once plotly
  // has drawn: in a sandboxed frame on a plain static host plotly cannot fetch the map's topology
  // (no Access-Control-Allow-Origin), and the map was left blank.
  function draw() {
    var figure = JSON.parse(source.textContent);
    var standIn = document.createElement("div");
    standIn.className = "embed-stand-in";
    while (holder.firstChild) { standIn.appendChild(holder.firstChild); }
    holder.appendChild(standIn);
    holder.removeAttribute("data-plotly");  // the chart's own height (embed.css)
    function drawn() {
      standIn.remove();
      // a map as tall as the geography drawn, as on the dashboard's pages (map_fit.js)
      if (window.citySdg && window.citySdg.fitMap) { window.citySdg.fitMap(holder); }
      postHeight();
    }
    try {
      window.Plotly.newPlot(holder, figure.data, figure.layout, figure.config).then(drawn, function () {
        keepPicture(standIn);
      });
    } catch (error) {
      keepPicture(standIn);
    }
  }

  // Plotly could not draw: the picture (the same data) stays, with a word on why nothing moves.
  function keepPicture(standIn) {
    if (window.Plotly) { window.Plotly.purge(holder); }
    holder.textContent = "";
    while (standIn.firstChild) { holder.appendChild(standIn.firstChild); }
    holder.setAttribute("data-plotly", "");  // back to the picture's own height
    var note = document.createElement("p");
    note.className = "embed-note small";
    note.setAttribute("role", "status");
    note.textContent = holder.dataset.failed || "";
    holder.insertAdjacentElement("afterend", note);
    postHeight();
  }

  // A chart with a picture (data-plotly): plotly.js is fetched when the reader reaches for the
  // chart (points at it, touches it, or presses the button), so a page that embeds it does not
  // carry 400 kB for every visitor. Until then the picture's markers name themselves on hover.
  function onDemand(address) {
    var button = document.getElementById("embed-live");
    var started = false;
    function start() {
      if (started) { return; }
      started = true;
      var focused = button && document.activeElement === button;  // before disabling blurs it
      if (button) { button.disabled = true; }
      var script = document.createElement("script");
      script.src = address;
      script.onload = function () {
        if (button) {
          if (focused) {  // keep a keyboard reader at the chart
            holder.setAttribute("tabindex", "-1");
            holder.focus();
          }
          button.hidden = true;
        }
        draw();
      };
      script.onerror = function () { started = false; if (button) { button.disabled = false; } };
      document.head.appendChild(script);
    }
    holder.addEventListener("pointerenter", start);
    holder.addEventListener("touchstart", start, { passive: true });
    if (button) {
      button.hidden = false;
      button.addEventListener("click", start);
    }
  }

  if (holder && source) {
    if (window.Plotly) { draw(); } else if (holder.dataset.plotly) { onDemand(holder.dataset.plotly); }
  }

  // The static site's embed pages are also pages of that site: read on their own, not in a frame,
  // their links stay in the tab as the site's other links do (framed, they open outside it).
  if (document.body.dataset.unframed === "same-tab" && window.top === window.self) {
    document.querySelectorAll("a[target='_blank']").forEach(function (link) {
      link.removeAttribute("target");
    });
  }

  var table = document.getElementById("embed-data");
  document.querySelectorAll("a[href='#embed-data']").forEach(function (link) {
    link.addEventListener("click", function () { if (table) { table.open = true; } });
  });
  if (table) { table.addEventListener("toggle", postHeight); }
  window.addEventListener("load", postHeight);
  if (window.ResizeObserver) { new ResizeObserver(postHeight).observe(document.body); }
})();
