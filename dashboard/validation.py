"""Dash's own callback checks, kept light: the validation layout holds every page's components by id
and type only, so it adds a few kilobytes to a page, not every page's data."""

from __future__ import annotations

from collections.abc import Iterator

from dash.development.base_component import Component


def components(node) -> Iterator[Component]:
    """Every component of a tree, children first-class (lists, single children and nested trees)."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from components(child)
        return
    if not isinstance(node, Component):
        return
    yield node
    yield from components(getattr(node, "children", None))


def bare(node: Component) -> Component:
    """The component with its id and nothing else it can do without (a link keeps its href)."""
    try:
        return type(node)(id=node.id)
    except TypeError:
        return type(node)(id=node.id, href=getattr(node, "href", ""))


def skeleton(tree) -> list[Component]:
    """Every component of `tree` that has an id, bare: what Dash needs to check callbacks against."""
    return [bare(node) for node in components(tree) if getattr(node, "id", None) not in (None, "")]
