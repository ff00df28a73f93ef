"""Walk Dash component trees in tests: find by id, collect visible text."""

from __future__ import annotations

from collections.abc import Iterator


def walk(node) -> Iterator:
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
