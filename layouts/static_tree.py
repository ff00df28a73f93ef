"""Read-only parts of a page as one component: the renderer's cost follows components, not elements.

Dash's renderer keeps every component of a layout in its store and re-checks each of them on every
update, so a ranked list or table of 150 places (about 1,000 `html.*` components) made the map page
spend over ten seconds of script time before the map appeared on a 2-core machine, and a 1,000-place
store would make it unusable. Text, tables and links that no callback reads or writes are therefore
sent as one `StaticTree`: a compact nested list (`["tag", {attributes}, child, ...]`) that
`dashboard/assets/static_tree.js` draws as plain React elements, with the same headers, captions,
ARIA attributes and links (same-origin links navigate inside the app like `dcc.Link`).

`compact` turns the builders' `html.*`, `dcc.Link` and presentational dash-bootstrap-components
into that form; `markup` serialises it as HTML for first paints, embeds and the static site, so
all of them show the same elements.
"""

from __future__ import annotations

import sys
import types
from html import escape
from typing import Any

from dash.development.base_component import Component

Tree = list | str
"""An element `[tag, attributes, *children]`, or a text."""

NAMESPACE = "city_sdg"
"""The namespace of the dashboard's own components (`StaticTree` here, `dashboard.widgets`), under
which assets/static_tree.js and assets/widgets.js draw them in the browser."""
# Dash's Component.__init__ imports a component's namespace for each property it is given (to name
# the package's version in error messages). A namespace that is no module makes each of those a
# failed search of the whole import path: about 30 per city page, a tenth of its time. An empty
# module of that name answers them from the module cache.
sys.modules.setdefault(NAMESPACE, types.ModuleType(NAMESPACE))

TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code", "dd",
    "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "i", "ins", "kbd", "li", "mark", "nav", "ol", "p", "q", "s", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
})
"""Elements a static tree may hold (the same list is in static_tree.js): text and structure, and
buttons that name a choice (`data-choice`), which the tree reports as its `chosen` property."""

VOID = frozenset({"br", "hr"})
ATTRIBUTES = frozenset({
    "className", "id", "style", "title", "lang", "dir", "role", "tabIndex", "hidden", "href", "target",
    "rel", "hrefLang", "scope", "colSpan", "rowSpan", "headers", "abbr", "dateTime", "open", "download",
    "type",
})
HTML_NAMES = {"className": "class", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan",
              "hrefLang": "hreflang", "dateTime": "datetime"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def kept(props: dict) -> dict:
    """The attributes an element keeps: presentational, ARIA and data ones; never handlers."""
    return {key: value for key, value in props.items()
            if value is not None and value is not False and key != "children"
            and not (key == "id" and value == "")
            and (key in ATTRIBUTES or key.startswith(("aria-", "data-")))
            and (key == "style" or not isinstance(value, dict | list))}


def compact(node: Any) -> list[Tree]:
    """A component tree as static-tree nodes (a list: a component's children may be several).
    Components other than html, dcc.Link and presentational Bootstrap ones keep only their children."""
    if node is None or node is False:
        return []
    if isinstance(node, str | int | float):
        return [str(node)]
    if isinstance(node, list | tuple):
        return [part for child in node for part in compact(child)]
    if isinstance(node, StaticTree):
        return [node.tree]
    if not isinstance(node, Component):
        return [str(node)]
    props = node.to_plotly_json()["props"]
    children = compact(props.get("children"))
    namespace, name = node._namespace, node._type
    if namespace == "dash_html_components" and name.lower() in TAGS and name != "Button":
        # an html.Button keeps its words only: a button drawn by a tree does nothing but name a choice
        tag = name.lower()
    elif namespace == "dash_core_components" and name == "Link":
        tag = "a"
    else:
        return children
    return [[tag, kept(props), *children]]


class StaticTree(Component):
    """One component holding a read-only element tree (see the module's docstring). A button in it
    with a `data-choice` sets the tree's `chosen` to {"value": that choice, "count": presses so far},
    which a callback may read: one component for a table of rows to choose from, not a button
    component per row."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = NAMESPACE
    _type = "StaticTree"
    _prop_names: list[str] = ["id", "tree", "className", "chosen"]
    """Its properties, on the class too: `dashboard.validation` picks stand-ins by them."""

    def __init__(self, tree: Tree | None = None, id: str | None = None, className: str | None = None,
                 **kwargs: Any) -> None:
        self._prop_names = list(StaticTree._prop_names)
        self._valid_wildcard_attributes: list[str] = []
        self.available_properties = list(StaticTree._prop_names)
        self.available_wildcard_properties: list[str] = []
        args = {"tree": tree if tree is not None else ["div", {}]}
        if id is not None:
            args["id"] = id
        if className is not None:
            args["className"] = className
        super().__init__(**args, **kwargs)


def freeze(component: Any) -> StaticTree:
    """A builder's read-only output as one StaticTree (several roots are wrapped in a div)."""
    nodes = compact(component)
    tree = nodes[0] if len(nodes) == 1 and isinstance(nodes[0], list) else ["div", {}, *nodes]
    return StaticTree(tree=tree)


def safe_href(href: object) -> str | None:
    """Relative, http(s) and mailto links pass; `javascript:` and other schemes are dropped."""
    text = str(href).strip()
    scheme = text.split("/", 1)[0].lower() if ":" in text.split("/", 1)[0] else ""
    return text if not scheme or scheme.startswith(SAFE_SCHEMES) else None


def style_text(style: dict) -> str:
    def css_name(key: str) -> str:
        return "".join("-" + c.lower() if c.isupper() else c for c in key)

    return "; ".join(f"{css_name(k)}: {v}" for k, v in style.items() if v is not None)


def attribute_html(attributes: dict) -> str:
    parts = []
    ordered = attributes.items() if len(attributes) < 2 else sorted(
        attributes.items(), key=lambda item: item[0] != "className")  # class first
    for key, value in ordered:
        if key == "style":
            text = style_text(value) if isinstance(value, dict) else ""
            if text:
                parts.append(f'style="{escape(text)}"')
            continue
        if key == "href":
            value = safe_href(value)
            if value is None:
                continue
        name = HTML_NAMES.get(key, key)
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return (" " + " ".join(parts)) if parts else ""


def tree_html(tree: Tree, new_tab: bool = False) -> str:
    """A static tree as HTML, texts and attributes escaped. `new_tab` opens links in a new tab:
    inside a framed embed a link must not replace the chart."""
    if isinstance(tree, str):
        return escape(tree)
    if not isinstance(tree, list) or not tree or tree[0] not in TAGS:
        return ""
    tag, attributes, *children = tree
    attributes = kept(attributes) if attributes and isinstance(attributes, dict) else {}
    if tag == "a" and new_tab and not str(attributes.get("href", "#")).startswith("#"):
        attributes = {**attributes, "target": "_blank", "rel": "noopener"}
    opening = f"<{tag}{attribute_html(attributes)}>" if attributes else f"<{tag}>"
    if tag in VOID:
        return opening
    # text children escaped here rather than by a call each: a city page has about 8,000 of them
    inner = "".join(escape(child) if isinstance(child, str) else tree_html(child, new_tab)
                    for child in children)
    return f"{opening}{inner}</{tag}>"
