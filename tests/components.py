"""Walk Dash component trees in tests: find by id, collect visible text.

A StaticTree (layouts/static_tree.py) is walked as the elements it draws, each an `Element` with
the component-like attributes the tests read (`children`, `className`, `id`, `href`, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from layouts.static_tree import StaticTree


class Element(SimpleNamespace):
    """One element of a StaticTree; `_type` is its tag as Dash names it (`Tbody`, `Li`)."""


def element(tree):
    if isinstance(tree, str):
        return tree
    tag, attributes, *children = tree
    return Element(_type=tag.capitalize(), tag=tag, children=[element(child) for child in children],
                   **{key.replace("-", "_"): value for key, value in attributes.items()})


def unfrozen(node):
    return element(node.tree) if isinstance(node, StaticTree) else node


def walk(node) -> Iterator:
    node = unfrozen(node)
    if node is None or isinstance(node, str | int | float):
        return
    if isinstance(node, list | tuple):
        for child in node:
            yield from walk(child)
        return
    yield node
    yield from walk(getattr(node, "children", None))


def find(tree, component_id: str):
    for node in walk(tree):
        if getattr(node, "id", None) == component_id:
            return node
    raise LookupError(component_id)


def text(tree) -> str:
    parts = []

    def collect(node):
        node = unfrozen(node)
        if isinstance(node, str | int | float):
            parts.append(str(node))
        elif isinstance(node, list | tuple):
            for child in node:
                collect(child)
        elif node is not None:
            collect(getattr(node, "children", None))

    collect(tree)
    return " ".join(parts)


def by_class(tree, class_name: str) -> list:
    return [n for n in walk(tree) if class_name in (getattr(n, "className", "") or "").split()]


def page_module(path: str):
    """A page's module as Dash registered it (imported otherwise, it registers twice)."""
    import importlib

    import dash

    found = next(p["module"] for p in dash.page_registry.values() if p["path"] == path)
    return importlib.import_module(found)
