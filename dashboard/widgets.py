"""The dashboard's own input widgets, drawn by `assets/widgets.js` over native HTML elements: a select,
a range of years and a modal dialog. With Dash's html and core components and Bootstrap's classes
they are every control the pages use, so no widget library's script is sent to a phone."""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component

from layouts.static_tree import NAMESPACE


class Widget(Component):
    """A component of the `city_sdg` namespace (the same one as `layouts.static_tree.StaticTree`)."""

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    PROPS: tuple[str, ...] = ()

    def __init__(self, **props: Any) -> None:
        self._prop_names = list(self.PROPS)
        self._valid_wildcard_attributes = ["aria-", "data-"]
        self.available_properties = list(self.PROPS)
        self.available_wildcard_properties = ["aria-", "data-"]
        super().__init__(**{k: v for k, v in props.items() if v is not None})


class Select(Widget):
    """A native select: `options` as [{"label", "value"}] (and "lang" where a label is in another
    language than the page's), `value` a string; `placeholder` is an
    option with the value "" when the options have none (the "all" choice)."""

    _type = "Select"
    PROPS = ("id", "options", "value", "placeholder", "className", "style", "title", "disabled", "name")

    def __init__(self, id: str | dict | None = None, options: list[dict] | None = None, value: Any = None,
                 **props: Any) -> None:
        options = [{**o, "label": str(o["label"]), "value": str(o["value"])} for o in options or []]
        super().__init__(id=id, options=options, value=None if value is None else str(value), **props)


class Choices(Widget):
    """Radio buttons, or check boxes with `multi`, each with its label; `value` is the chosen option's
    value (a string), or with `multi` the list of those ticked, in the options' order. Put it in a
    fieldset whose legend names the group."""

    _type = "Choices"
    PROPS = ("id", "options", "value", "multi", "inline", "className", "style", "title")

    def __init__(self, id: str | None = None, options: list[dict] | None = None, value: Any = None,
                 multi: bool = False, inline: bool = False, **props: Any) -> None:
        options = [{**o, "label": str(o["label"]), "value": str(o["value"])} for o in options or []]
        if multi:
            value = [str(v) for v in value or []]
        elif value is not None:
            value = str(value)
        super().__init__(id=id, options=options, value=value, multi=multi, inline=inline, **props)


def checklist(**props: Any) -> Choices:
    """Check boxes (`Choices` with `multi`)."""
    return Choices(multi=True, **props)


class YearRange(Widget):
    """A native range of whole numbers from `min` to `max`, the chosen one written beside it and
    `marks` under it; its `value` changes when the reader lets the thumb go."""

    _type = "YearRange"
    PROPS = ("id", "min", "max", "step", "value", "marks", "className", "title", "disabled")

    def __init__(self, id: str | None = None, min: int = 0, max: int = 0, value: int | None = None,
                 marks: list[int] | None = None, **props: Any) -> None:
        super().__init__(id=id, min=int(min), max=int(max), value=None if value is None else int(value),
                         step=1, marks=[int(m) for m in marks or []], **props)


class Dialog(Widget):
    """A modal native dialog with a title and a close button named `close_label`; open while
    `is_open` (Escape, the button or the backdrop set it back to False)."""

    _children_props = ["children"]
    _type = "Dialog"
    PROPS = ("id", "children", "is_open", "title", "close_label", "className")

    def __init__(self, children: Any = None, id: str | None = None, title: str = "", close_label: str = "",
                 is_open: bool = False, **props: Any) -> None:
        super().__init__(children=children, id=id, title=title, close_label=close_label, is_open=is_open,
                         **props)
