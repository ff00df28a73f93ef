// Draw a view's table from data (layouts/tables.table_data): the same captioned table with
// column and row headers that layouts/tables.data_table builds on the server, but sent as
// lists of text, so a 1,000-row table is a few kilobytes of JSON rather than a tree of
// thousands of components built and encoded on the server for every change, and is drawn as
// one StaticTree component rather than thousands in the renderer.
window.citySdg = window.citySdg || {};

// a year written as a period ("2020-21") in a text-nowrap span, as the server's tables keep one in
// a caption or a header (layouts/years.py, PERIOD and kept_whole; its "no digit before" checked by
// hand, as static_site.js does: a lookbehind stops a script parsing in Safari before 16.4)
const PERIOD = /\d{4}[-\/\u2013]\d{2}(?:\d{2})?(?!\d)/g;

function keptWhole(text) {
  const parts = [];
  let at = 0, found;
  PERIOD.lastIndex = 0;
  while ((found = PERIOD.exec(text)) !== null) {
    if (/\d/.test(text.charAt(found.index - 1))) { continue; }
    if (found.index > at) { parts.push(text.slice(at, found.index)); }
    parts.push(["span", {className: "text-nowrap"}, found[0]]);
    at = found.index + found[0].length;
  }
  return at < text.length ? parts.concat([text.slice(at)]) : parts;
}

// the caption's words in another language than the reader's (an indicator's name as its source wrote
// it) in a span tagged with it, the longest first where one holds another (layouts/tables.caption_parts)
function captionParts(text, languages) {
  const phrases = Object.keys(languages || {}).filter(function (words) {
    return words && text.indexOf(words) >= 0;
  }).sort(function (a, b) { return b.length - a.length; });
  if (!phrases.length) { return keptWhole(text); }
  const escaped = phrases.map(function (words) { return words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
  return text.split(new RegExp("(" + escaped.join("|") + ")")).reduce(function (parts, piece) {
    if (Object.prototype.hasOwnProperty.call(languages, piece)) {
      return parts.concat([["span", {lang: languages[piece]}, piece]]);
    }
    return piece ? parts.concat(keptWhole(piece)) : parts;
  }, []);
}

window.citySdg.table = function (data) {
  if (!data || !data.columns) { return null; }
  const links = data.links || {};
  // columns whose cells stay on one line (a period such as "2020-21": layouts/tables.table_data)
  const nowrap = data.nowrap || [];
  // a header in another language than the reader's (an indicator's name as its source wrote it)
  const tagged = data.header_languages || {};
  const header = ["thead", {}, ["tr", {}].concat(data.columns.map(function (name, c) {
    const attributes = tagged[String(c)] ? {scope: "col", lang: tagged[String(c)]} : {scope: "col"};
    return ["th", attributes].concat(keptWhole(String(name)));
  }))];
  // the row of the place the page is about (layouts/tables.with_current): its name cell says so too
  const current = typeof data.current === "number" ? data.current : -1;
  const rows = data.rows.map(function (row, r) {
    const marked = r === current ? {className: "current-row", "aria-current": "true"} : {};
    return ["tr", marked].concat(row.map(function (text, c) {
      const hrefs = links[String(c)];
      const linked = hrefs && hrefs[r] ? ["a", {href: hrefs[r]}, String(text)] : String(text);
      const content = nowrap.indexOf(c) >= 0 ? ["span", {className: "text-nowrap"}, linked] : linked;
      return c === 0 ? ["th", {scope: "row"}, content] : ["td", {"data-label": String(data.columns[c])}, content];
    }));
  });
  // card-rows: on a phone each row is a card and each cell names its column (site.css)
  // a table of short cells, laid out on a phone as the server says (layouts/tables.paired)
  const table = ["table", {className: "table table-sm table-striped table-bordered table-hover caption-top card-rows" +
                           (data.phone ? " " + data.phone : "")},
    ["caption", {}].concat(captionParts(String(data.caption), data.caption_languages)), header,
    ["tbody", {}].concat(rows)];
  const tree = ["div", {className: "table-responsive"}, table];
  if (data.note) { tree.push(["p", {className: "small text-muted"}, String(data.note)]); }
  // one StaticTree component (assets/static_tree.js), however many rows the table has
  return {namespace: "city_sdg", type: "StaticTree", props: {tree: tree}};
};

// A city's goal sections (dashboard/pages/city.py) come without their indicator tables. When a
// section opens, however it opens (its summary clicked or keyed, a goal tile's #goal-N link, a
// script), the page asks for every open section still "Loading": one ask names them all, as Dash
// keeps only the answer to its latest ask. `toggle` does not bubble, so it is heard on its way down.
// An answer that has not come after `data-wait` ms (a server error, a lost connection: Dash says
// nothing of either) turns each "Loading" line still there into a sentence and a "Try again"
// button, which asks again; the answer, when it comes, replaces the line whatever it says.
function askGoalTables(root) {
  const setProps = window.dash_clientside && window.dash_clientside.set_props;
  if (!setProps) { return; }
  // every line that said it failed is asked for again: it says "Loading" again until it comes
  Array.prototype.forEach.call(root.querySelectorAll(".goal-table-retry"), function (retry) {
    retry.restore();
  });
  const waiting = Array.prototype.filter.call(root.querySelectorAll("details.goal-section[open]"), function (open) {
    return open.querySelector(".goal-table-waiting");
  });
  if (!waiting.length) { return; }
  const at = Date.now();
  root.setAttribute("data-asked", String(at));
  setProps(root.getAttribute("data-ask"), {data: {
    goals: waiting.map(function (open) { return Number(open.getAttribute("data-goal")); }),
    place: root.getAttribute("data-place"), year: Number(root.getAttribute("data-year")),
    at: at}});  // a new ask even for the same goals (after a failed answer)
  window.setTimeout(function () {
    if (root.getAttribute("data-asked") !== String(at)) { return; }  // asked again since
    waiting.forEach(function (open) {
      const line = open.querySelector(".goal-table-waiting");
      if (line && !line.querySelector(".goal-table-retry")) { failed(root, line); }
    });
  }, Number(root.getAttribute("data-wait")) || 20000);
}

function failed(root, line) {
  // the line's own text node stays (the page's renderer owns it), emptied, and is given back on retry
  const own = line.firstChild;
  const loading = own ? own.nodeValue : "";
  if (own) { own.nodeValue = ""; }
  const section = line.closest("details.goal-section");
  const summary = section && section.querySelector("summary");
  const retry = document.createElement("span");
  retry.className = "goal-table-retry";
  retry.setAttribute("role", "alert");
  retry.appendChild(document.createTextNode(root.getAttribute("data-failed") + " "));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-outline-secondary btn-sm";
  button.textContent = root.getAttribute("data-retry");
  if (summary) {  // which goal's table, for a list of buttons read out of context
    button.setAttribute("aria-label", root.getAttribute("data-retry") + ": " + summary.textContent.trim());
  }
  retry.restore = function () {
    if (own) { own.nodeValue = loading; }
    if (retry.parentNode) { retry.parentNode.removeChild(retry); }
  };
  button.addEventListener("click", function () {
    if (summary) { summary.focus(); }  // the button goes; the focus stays on the goal, not the page
    askGoalTables(root);
  });
  retry.appendChild(button);
  line.appendChild(retry);
}

document.addEventListener("toggle", function (event) {
  const section = event.target;
  if (!section.open || !section.classList || !section.classList.contains("goal-section")) { return; }
  const root = section.closest("[data-ask]");
  if (root) { askGoalTables(root); }
}, true);
