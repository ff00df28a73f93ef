// Draw a view's table from data (layouts/tables.table_data): the same captioned table with
// column and row headers that layouts/tables.data_table builds on the server, but sent as
// lists of text, so a 1,000-row table is a few kilobytes of JSON rather than a tree of
// thousands of components built and encoded on the server for every change.
window.citySdg = window.citySdg || {};

window.citySdg.table = function (data) {
  if (!data || !data.columns) { return null; }
  const html = function (type, props) {
    return {namespace: "dash_html_components", type: type, props: props};
  };
  const link = function (text, href) {
    return {namespace: "dash_core_components", type: "Link", props: {href: href, children: text}};
  };
  const links = data.links || {};
  const header = html("Thead", {children: html("Tr", {
    children: data.columns.map(function (name) { return html("Th", {scope: "col", children: name}); })
  })});
  const rows = data.rows.map(function (row, r) {
    return html("Tr", {children: row.map(function (text, c) {
      const hrefs = links[String(c)];
      const content = hrefs && hrefs[r] ? link(text, hrefs[r]) : text;
      return c === 0 ? html("Th", {scope: "row", children: content}) : html("Td", {children: content});
    })});
  });
  const table = html("Table", {
    className: "table table-sm table-striped table-bordered table-hover caption-top",
    children: [html("Caption", {children: data.caption}), header, html("Tbody", {children: rows})]
  });
  const parts = [table];
  if (data.note) { parts.push(html("P", {className: "small text-muted", children: data.note})); }
  return html("Div", {className: "table-responsive", children: parts});
};
