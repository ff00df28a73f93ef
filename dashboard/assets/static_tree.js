// The StaticTree component (layouts/static_tree.py): a read-only element tree sent as nested
// lists ["tag", {attributes}, child, ...] and drawn as plain React elements, so a ranked list or
// a table of a thousand rows is one component in Dash's renderer, not thousands.
(function () {
  const React = window.React;
  const TAGS = new Set((
    "a abbr article aside b blockquote br button caption cite code dd del details div dl dt em figcaption " +
    "figure footer h1 h2 h3 h4 h5 h6 header hr i ins kbd li mark nav ol p q s section small span " +
    "strong sub summary sup table tbody td tfoot th thead time tr u ul").split(" "));
  const ATTRIBUTES = new Set(["className", "id", "style", "title", "lang", "dir", "role", "tabIndex",
    "hidden", "href", "target", "rel", "hrefLang", "scope", "colSpan", "rowSpan", "headers", "abbr",
    "dateTime", "open", "download", "type"]);

  function safeHref(href) {
    const text = String(href).trim();
    const head = text.split("/", 1)[0];
    if (head.indexOf(":") < 0) { return text; }
    return /^(https?|mailto):/i.test(head) ? text : null;
  }

  function attributes(source, key) {
    const props = {key: key};
    Object.keys(source || {}).forEach(function (name) {
      const value = source[name];
      if (value === null || value === false || value === undefined) { return; }
      if (!(ATTRIBUTES.has(name) || name.startsWith("aria-") || name.startsWith("data-"))) { return; }
      if (name === "style" ? typeof value !== "object" : typeof value === "object") { return; }
      if (name === "href") {
        const href = safeHref(value);
        if (href !== null) { props.href = href; }
        return;
      }
      if (name === "open") { props.open = true; return; }
      props[name] = value;
    });
    return props;
  }

  function build(node, key) {
    if (typeof node === "string") { return node; }
    if (!Array.isArray(node) || !TAGS.has(node[0])) { return null; }
    const children = node.slice(2).map(build);
    return React.createElement(node[0], attributes(node[1], key), ...(children.length ? children : []));
  }

  // Addresses of this origin that are files or other documents, not pages of the app: the API's
  // tables, embeds, pictures, static files, and anything named like a file (places.csv).
  const NOT_PAGES = /^\/(api|embed|embed-static|h|assets|vendor|_dash-[\w-]+)(\/|$)|\.[a-z0-9]{2,5}$/i;

  function appPath(pathname) {
    let prefix = "/";
    try {
      prefix = JSON.parse(document.getElementById("_dash-config").textContent).requests_pathname_prefix;
    } catch (error) { /* no config: the app is at the root */ }
    return prefix && pathname.startsWith(prefix) ? "/" + pathname.slice(prefix.length) : pathname;
  }

  // Same-origin links to pages move inside the app as dcc.Link does: no page load, Back works.
  function followInside(event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    const anchor = event.target.closest ? event.target.closest("a[href]") : null;
    if (!anchor || (anchor.target && anchor.target !== "_self")) { return; }
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || anchor.hasAttribute("download") ||
        NOT_PAGES.test(appPath(url.pathname))) { return; }
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) {
      return;  // a jump within the page
    }
    event.preventDefault();
    window.history.pushState({}, "", url.pathname + url.search + url.hash);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  }

  const StaticTree = React.memo(function StaticTree(props) {
    const tree = props.tree;
    const root = Array.isArray(tree) && TAGS.has(tree[0]) ? tree : ["div", {}];
    const own = attributes(root[1], undefined);
    delete own.key;
    if (props.id) { own.id = props.id; }
    if (props.className) { own.className = [own.className, props.className].filter(Boolean).join(" "); }
    const setProps = props.setProps;
    own.onClick = function (event) {
      // a button naming a choice (a project's title in its table): the tree reports it as `chosen`
      const button = event.target.closest ? event.target.closest("button[data-choice]") : null;
      if (button && setProps) {
        const count = (props.chosen && props.chosen.count) || 0;
        setProps({chosen: {value: button.getAttribute("data-choice"), count: count + 1}});
        return;
      }
      followInside(event);
    };
    return React.createElement(root[0], own, ...root.slice(2).map(build));
  });

  window.city_sdg = Object.assign({}, window.city_sdg, {StaticTree: StaticTree});
})();
