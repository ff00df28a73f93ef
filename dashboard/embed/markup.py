"""Dash components as static HTML, so an embed reuses the pages' builders without the Dash renderer."""

from __future__ import annotations

from html import escape

from dash.development.base_component import Component

from layouts import bootstrap
from layouts.static_tree import StaticTree, style_text, tree_html

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "source", "wbr"}
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan",
           "rowSpan": "rowspan", "hrefLang": "hreflang", "target_": "target"}
SKIPPED = {"children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
           "setProps", "refresh", "target"}


def attributes(props: dict) -> str:
    parts = []
    if props.get("className"):
        parts.append(f'class="{escape(props["className"])}"')
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


def unbroken(text: str) -> str:
    """`text` as HTML, each year written as a period kept on one line (`bootstrap.unbroken`)."""
    return render(bootstrap.unbroken(text))


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
        tag = node._type.lower()
    elif namespace == "dash_core_components" and node._type == "Link":
        tag = "a"
    else:
        return children
    if tag == "a" and new_tab and not str(props.get("href", "#")).startswith("#"):
        props = {**props, "target_": "_blank", "rel": "noopener"}
    if tag in VOID:
        return f"<{tag}{attributes(props)}>"
    return f"<{tag}{attributes(props)}>{children}</{tag}>"


def tagged_html(text: str, languages: dict[str, str]) -> str:
    """`text` as HTML, the data's words in another language than the page's tagged with it
    and its periods kept on one line (`bootstrap.tagged`)."""
    return render(bootstrap.tagged(text, languages))
