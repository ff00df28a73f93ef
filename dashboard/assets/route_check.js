// Dash's layout_post hook (dashboard/routing.py): the server built the page for the URL it
// read from the Referer; if that is not the browser's URL, drop it and let Dash's router
// callback render the page for the real one.
window.citySdg = window.citySdg || {};

window.citySdg.checkRoute = function (layout) {
  var found = {};
  (function walk(node) {
    if (!node || typeof node !== "object") { return; }
    if (Array.isArray(node)) { node.forEach(walk); return; }
    var props = node.props || {};
    if (props.id === "_pages_location" || props.id === "_pages_content") { found[props.id] = props; }
    walk(props.children);
  })(layout);
  var location = found._pages_location;
  if (!location || location.pathname === undefined) { return; }
  if (location.pathname !== window.location.pathname || location.search !== window.location.search) {
    delete location.pathname;
    delete location.search;
    if (found._pages_content) { found._pages_content.children = null; }
  }
};
