"""Dash's own callback checks, kept light: the validation layout holds every page's components by id
and type only, so it adds a few kilobytes to a page, not every page's data."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

from dash import dcc, html
from dash.development.base_component import Component

from layouts.static_tree import StaticTree


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


STAND_INS = (html.Div, dcc.Store, dcc.Graph, dcc.Input, html.Button, dcc.Dropdown, html.A, dcc.Location,
             html.Details, StaticTree)
"""The component types a stand-in is chosen from: the first that has every property asked of it."""


def has(kind: type, props: set[str]) -> bool:
    """Whether a component type has every one of `props`: its constructor's named arguments (or the
    properties its class lists), and the wildcard ones (aria-*, data-*) its type allows."""
    named = (set(inspect.signature(kind.__init__).parameters) | set(getattr(kind, "_prop_names", ()))) - {
        "self", "kwargs"}
    wild = ("data-", "aria-") if kind.__module__.startswith("dash.html") else ()
    return all(prop in named or (wild and prop.startswith(wild)) for prop in props)


def addressed(callbacks: list[dict]) -> dict[str, set[str]]:
    """Each component id the callbacks (server and clientside, as Dash lists them) read or write,
    with the properties: 'a.children', '..a.figure...b.data..' and the inputs' and states' dicts.
    Pattern-matching ids (dicts) are left out: Dash checks them by their pattern."""
    found: dict[str, set[str]] = {}
    for entry in callbacks:
        output = "" if entry.get("no_output") else str(entry.get("output", ""))
        parts = [part for part in output.split("...") if part.strip(".")]
        pairs = [part.strip(".").rsplit(".", 1) for part in parts]
        items = [*entry.get("inputs", []), *entry.get("state", [])]
        pairs += [(item["id"], item["property"]) for item in items if isinstance(item.get("id"), str)]
        for pair in pairs:
            if len(pair) == 2 and not str(pair[0]).startswith("{"):  # 'href@<hash>': a duplicate output
                found.setdefault(str(pair[0]), set()).add(str(pair[1]).split("@")[0])
    return found


def stand_ins(callbacks: list[dict], present: set[str]) -> list[Component]:
    """A bare component for each id the callbacks address that no page's layout has for the store
    served: a store of projects only has no map and no Explore charts, a store of scores only no
    projects table, and Dash's check then logged "ID not found in layout" in the browser for each
    (80 errors per page). Its type is one that has every property the callbacks use."""
    out = []
    for key, props in addressed(callbacks).items():
        if key in present:
            continue
        kind = next((kind for kind in STAND_INS if has(kind, props)), None)
        if kind is not None:
            out.append(kind(id=key))
    return out
