"""Bootstrap's grid, cards, alerts, badges and labels as plain html components with Bootstrap's
classes (the CSS comes from Bootstrap-Flask): what a widget library's wrappers did, without a
script in the browser."""

from __future__ import annotations

from typing import Any

from dash import html

from layouts import texts, years

SIZES = ("xs", "sm", "md", "lg", "xl")


def classes(*names: str | None) -> str:
    return " ".join(n for n in names if n)


def row(children: Any, className: str = "", **props: Any) -> html.Div:
    return html.Div(children, className=classes("row", className), **props)


def col(children: Any, className: str = "", **sizes: int) -> html.Div:
    """A grid column; `xs=12, md=4` become col-12 col-md-4 (no size: an equal share, `col`)."""
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"col() has no size {sorted(unknown)}")
    widths = [f"col-{n}" if size == "xs" else f"col-{size}-{n}" for size, n in sizes.items()]
    return html.Div(children, className=classes(*(widths or ["col"]), className))


def card(children: Any, className: str = "", **props: Any) -> html.Div:
    return html.Div(html.Div(children, className="card-body"), className=classes("card", className), **props)


def alert(children: Any, colour: str = "info", className: str = "", **props: Any) -> html.Div:
    """A message box; role="alert" makes a screen reader read it when it appears."""
    return html.Div(children, role="alert", className=classes("alert", f"alert-{colour}", className), **props)


def badge(children: Any, colour: str = "secondary", className: str = "") -> html.Span:
    return html.Span(children, className=classes("badge", f"text-bg-{colour}", className))


def label(children: Any, html_for: str | None = None, className: str = "form-label",
          **props: Any) -> html.Label:
    if html_for is not None:
        props["htmlFor"] = html_for
    return html.Label(children, className=className, **props)


def field_label(children: Any, html_for: str, **props: Any) -> html.Label:
    """A control's label with the small gap the filter panels use."""
    return label(children, html_for, className="form-label mb-1", **props)


def unbroken(text: str) -> list:
    """`text` as a component's children, each year written as a period in a text-nowrap span
    (`years.runs`). A span rather than a non-breaking hyphen (U+2011): the text stays the source's,
    so find in page, copy and paste and screen readers meet "2020-21" as written (Chromium's find
    does not match "2020-21" to "2020\u201121")."""
    if not isinstance(text, str):
        return [text]
    return [html.Span(run, className="text-nowrap") if period else run for run, period in years.runs(text)]


def tagged(text: str, languages: dict[str, str]) -> str | list:
    """`text` with the data's words in another language than the page's tagged with it (`lang`,
    `texts.tagged_phrases`) and its periods kept on one line (`unbroken`): the text itself where it
    holds neither. The pages use it as children; embeds and the static site render it as HTML."""
    found: list = []
    for part in texts.tagged_phrases(text, languages):
        if isinstance(part, list):
            found.append(html.Span(part[2], lang=part[1]["lang"]))
        else:
            found.extend(unbroken(part))
    return found[0] if len(found) == 1 and isinstance(found[0], str) else found
