// Draw a view's table from data (layouts/tables.table_data): the same captioned table with
// column and row headers that layouts/tables.data_table builds on the server, but sent as
// lists of text, so a 1,000-row table is a few kilobytes of JSON rather than a tree of
// thousands of components built and encoded on the server for every change, and is drawn as
// one StaticTree component rather than thousands in the renderer.
window.citySdg = window.citySdg || {};

window.citySdg.table = function (data) {
  if (!data || !data.columns) { return null; }
  const links = data.links || {};
  const header = ["thead", {}, ["tr", {}].concat(data.columns.map(function (name) {
    return ["th", {scope: "col"}, String(name)];
  }))];
  const rows = data.rows.map(function (row, r) {
    return ["tr", {}].concat(row.map(function (text, c) {
      const hrefs = links[String(c)];
      const content = hrefs && hrefs[r] ? ["a", {href: hrefs[r]}, String(text)] : String(text);
      return c === 0 ? ["th", {scope: "row"}, content] : ["td", {"data-label": String(data.columns[c])}, content];
    }));
  });
  // card-rows: on a phone each row is a card and each cell names its column (site.css)
  const table = ["table", {className: "table table-sm table-striped table-bordered table-hover caption-top card-rows"},
    ["caption", {}, String(data.caption)], header, ["tbody", {}].concat(rows)];
  const tree = ["div", {className: "table-responsive"}, table];
  if (data.note) { tree.push(["p", {className: "small text-muted"}, String(data.note)]); }
  // one StaticTree component (assets/static_tree.js), however many rows the table has
  return {namespace: "city_sdg", type: "StaticTree", props: {tree: tree}};
};

// A city's goal sections (dashboard/pages/city.py) come without their indicator tables. When a
// section opens, however it opens (its summary clicked or keyed, a goal tile's #goal-N link, a
// script), the page asks for every open section still "Loading": one ask names them all, as Dash
// keeps only the answer to its latest ask. `toggle` does not bubble, so it is heard on its way down.
document.addEventListener("toggle", function (event) {
  const section = event.target;
  if (!section.open || !section.classList || !section.classList.contains("goal-section")) { return; }
  const root = section.closest("[data-ask]");
  const setProps = window.dash_clientside && window.dash_clientside.set_props;
  if (!root || !setProps) { return; }
  const goals = Array.prototype.filter.call(root.querySelectorAll("details.goal-section[open]"), function (open) {
    return open.querySelector(".goal-table-waiting");
  }).map(function (open) { return Number(open.getAttribute("data-goal")); });
  if (goals.length) {
    setProps(root.getAttribute("data-ask"), {data: {
      goals: goals, place: root.getAttribute("data-place"), year: Number(root.getAttribute("data-year")),
      at: Date.now()}});  // a new ask even for the same goals (after a failed answer)
  }
}, true);
