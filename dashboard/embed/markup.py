"""Dash components as static HTML, so an embed reuses the pages' builders without the Dash renderer."""

from __future__ import annotations

from html import escape

from dash.development.base_component import Component

from layouts.static_tree import StaticTree, bootstrap_tag, style_text, tree_html

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "source", "wbr"}
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan",
           "rowSpan": "rowspan", "hrefLang": "hreflang", "target_": "target"}
SKIPPED = {"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
           "setProps", "refresh", "target"}


def attributes(props: dict, extra_class: str = "") -> str:
    parts = []
    classes = " ".join(c for c in (extra_class, props.get("className") or "") if c)
    if classes:
        parts.append(f'class="{escape(classes)}"')
    for key, value in props.items():
        if key in SKIPPED or key == "className" or value is None or value is False:
            continue
        if key == "style" and isinstance(value, dict):
            parts.append(f'style="{escape(style_text(value))}"')
            continue
        if isinstance(value, dict | list):
            continue
        name = RENAMED.get(key, key)
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return (" " + " ".join(parts)) if parts else ""


def dbc_tag(component: Component) -> tuple[str, str]:
    """Tag and Bootstrap classes for the few dash-bootstrap-components the builders use."""
    return bootstrap_tag(component._type, component.to_plotly_json()["props"])


def render(node: object, new_tab: bool = False) -> str:
    """HTML for a component tree (strings escaped; unknown components keep only their children).
    `new_tab` opens links in a new tab: inside a framed embed a link must not replace the chart."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(render(child, new_tab) for child in node)
    if isinstance(node, StaticTree):
        return tree_html(node.tree, new_tab)
    if not isinstance(node, Component):
        return escape(str(node))
    props = dict(node.to_plotly_json()["props"])
    children = render(props.get("children"), new_tab)
    namespace = node._namespace
    if namespace == "dash_html_components":
        tag, extra = node._type.lower(), ""
    elif namespace == "dash_core_components" and node._type == "Link":
        tag, extra = "a", ""
    elif namespace == "dash_bootstrap_components":
        tag, extra = dbc_tag(node)
        props = {k: v for k, v in props.items() if k in ("className", "style", "lang", "title")}
    else:
        return children
    if tag == "a" and new_tab and not str(props.get("href", "#")).startswith("#"):
        props = {**props, "target_": "_blank", "rel": "noopener"}
    if tag in VOID:
        return f"<{tag}{attributes(props, extra)}>"
    return f"<{tag}{attributes(props, extra)}>{children}</{tag}>"
