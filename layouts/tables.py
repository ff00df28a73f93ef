"""Plain, accessible HTML tables: the text alternative beside every chart."""

from __future__ import annotations

import pandas as pd
from dash import dcc

from layouts import i18n, years
from layouts.i18n import _
from layouts.static_tree import StaticTree
from layouts.texts import foreign, tagged_phrases


def cell(value: object, link: str | None = None):
    if value is None or (not isinstance(value, str | list) and pd.isna(value)):
        text = "–"
    elif isinstance(value, float):
        text = i18n.number(value)
    else:
        text = str(value)
    return dcc.Link(text, href=i18n.href(link)) if link else text


def data_table(
    frame: pd.DataFrame,
    caption: str,
    links: dict[str, str] | None = None,
    table_id: str | None = None,
    max_rows: int | None = None,
    short_cells: bool = False,
    nowrap: tuple[str, ...] = (),
    languages: dict[str, str] | None = None,
    caption_languages: dict[str, str] | None = None,
) -> StaticTree:
    """A captioned table with column headers; `links` maps a column to a href column. One
    StaticTree, written from `table_data` column by column: a table is read, never changed in
    place, and a long one must weigh neither on the server nor on the renderer. `short_cells`:
    see `paired`; `nowrap`: columns whose cells stay on one line; `languages`: headers in another
    language than the reader's, with it (`header_languages`); `caption_languages`: words of the caption
    in another language, with it (`caption_tags`)."""
    payload = table_data(frame, caption, links, max_rows, nowrap, languages, caption_languages)
    return StaticTree(tree=table_tree(paired(payload) if short_cells else payload, table_id))


def paired(payload: dict) -> dict:
    """A table payload whose cells are short (numbers, names). On a phone, where each row of a table
    is a card, such a table of up to SHORT_COLUMNS columns stays a table in smaller type (site.css
    `short-cells`), and a wider one's cards put two cells on a line (`cells-paired`): a city page's
    50 peers, a card each and a line a cell, took 8,000 px of a phone's 14,500 px page."""
    return {**payload, "phone": "short-cells" if len(payload["columns"]) <= SHORT_COLUMNS else "cells-paired"}


SHORT_COLUMNS = 4
"""The most columns of short cells a phone's 375 px show as a table (a peer's place, population,
score and rank; with its country the rank column was cut off)."""


def table_tree(payload: dict, table_id: str | None = None, row_languages: list | None = None) -> list:
    """The element tree of a table payload (the same table `assets/tables.js` draws in the browser);
    `row_languages`: the language each row's heading cell is written in, tagged where that is not
    the reader's (Benin's French pillar names on an English page)."""
    links, names = payload["links"], [str(name) for name in payload["columns"]]
    nowrap = set(payload.get("nowrap", ()))
    rows, current = [], payload.get("current")
    for r, row in enumerate(payload["rows"]):
        cells = []
        for c, text in enumerate(row):
            href = links.get(str(c), [None] * (r + 1))[r]
            content = ["a", {"href": href}, text] if href else text
            if c in nowrap:
                content = ["span", {"className": "text-nowrap"}, content]
            cells.append(["th", row_heading(row_languages, r), content] if c == 0
                         else ["td", {"data-label": names[c]}, content])
        rows.append(["tr", CURRENT_ROW if r == current else {}, *cells])
    # card-rows: on a phone each row is a card and each cell names its column (site.css)
    attributes = {"className": "table table-striped table-bordered table-hover table-sm caption-top "
                               "card-rows" + (" " + payload["phone"] if payload.get("phone") else "")}
    if table_id:
        attributes["id"] = table_id
    # a period in a header (a breakdown's "2020-21") or the caption kept on one line, as in a cell
    tagged = {int(c): {"lang": code} for c, code in payload.get("header_languages", {}).items()}
    header = ["thead", {}, ["tr", {}, *(["th", {"scope": "col", **tagged.get(c, {})}, *years.kept_whole(name)]
                                         for c, name in enumerate(names))]]
    # a table that scrolls sideways is reached by keyboard to be scrolled, and named for it (the
    # embeds' tables, without the pages' script that does this, failed axe's scrollable-region-focusable)
    box = {"className": "table-responsive", "tabIndex": "0", "role": "region",
           "aria-label": payload["caption"]}
    tree = ["div", box,
            ["table", attributes, ["caption", {}, *caption_parts(payload)], header,
             ["tbody", {}, *rows]]]
    if payload["note"]:
        tree.append(["p", {"className": "small text-muted"}, payload["note"]])
    return tree


CURRENT_ROW = {"className": "current-row", "aria-current": "true"}
"""The row of the place a page is about, among those it is compared with (assets/tables.js marks it
alike): marked for a screen reader, and highlighted beside the words of its name cell (site.css)."""


def with_current(payload: dict, row: int, heading: str) -> dict:
    """A table payload whose row at `row` is the one the page is about: its heading cell reads
    `heading` (its name and a word saying so: colour is never the only sign) and links nowhere, as
    a link to the page one is on leads nowhere. The payload's own rows are left as they were (a
    listing shared by many pages)."""
    rows = list(payload["rows"])
    rows[row] = [heading, *rows[row][1:]]
    links = {column: [None if r == row else href for r, href in enumerate(targets)]
             for column, targets in payload["links"].items()}
    return {**payload, "rows": rows, "links": links, "current": row}


def texts(column: pd.Series) -> list[str]:
    """What `cell` shows for every value of a column, formatted at once (numbers vectorised)."""
    if pd.api.types.is_float_dtype(column.dtype):
        shown = i18n.numbers(column)
        return ["–" if text == "" else text for text in shown]
    if pd.api.types.is_string_dtype(column.dtype) or isinstance(column.dtype, pd.CategoricalDtype):
        # a list pass: three pandas steps (astype, where, astype) cost more for a chart's 17 rows
        return ["–" if pd.isna(value) else str(value) for value in column.tolist()]
    return [cell(value) for value in column.astype(object).tolist()]


def row_heading(languages: list | None, row: int) -> dict:
    code = foreign(languages[row]) if languages is not None and row < len(languages) else None
    return {"scope": "row", "lang": code} if code else {"scope": "row"}


def table_data(frame: pd.DataFrame, caption: str, links: dict[str, str] | None = None,
               max_rows: int | None = None, nowrap: tuple[str, ...] = (),
               languages: dict[str, str] | None = None,
               caption_languages: dict[str, str] | None = None) -> dict:
    """A table as data for the browser to draw (`assets/tables.js` makes the same captioned,
    header-scoped HTML table as `data_table`): header names, rows of display text, and for each
    linked column the rows' in-app links; `nowrap`, the columns whose cells stay on one line. A few
    kilobytes of lists, not a tree of components."""
    links = links or {}
    shown = frame.head(max_rows) if max_rows else frame
    visible = [c for c in shown.columns if c not in links.values()]
    columns = [texts(shown[c]) for c in visible]
    linked = {}
    for name, source in links.items():
        if name in visible:
            targets = shown[source].astype(object).tolist()
            linked[str(visible.index(name))] = i18n.hrefs(targets)
    drawn = payload(visible, columns, caption, linked, rows_note(len(frame), max_rows))
    kept = [visible.index(name) for name in nowrap if name in visible]
    drawn = {**drawn, "nowrap": kept} if kept else drawn
    tagged = header_languages(visible, languages)
    drawn = {**drawn, "header_languages": tagged} if tagged else drawn
    told = caption_tags(caption, caption_languages)
    return {**drawn, "caption_languages": told} if told else drawn


def caption_tags(caption: str, languages: dict[str, str] | None) -> dict[str, str]:
    """{words: language} of the words of `caption` written in another language than the reader's (an
    indicator's name in a scatter's caption), tagged where the caption is drawn (`caption_parts`)."""
    return {words: str(code) for words, code in (languages or {}).items()
            if words and words in str(caption) and foreign(code)}


def caption_parts(payload: dict) -> list:
    """The caption's text as static-tree parts: its words of another language in a span tagged with
    it (`caption_tags`), a period kept on one line (`years.kept_whole`), as assets/tables.js
    draws it."""
    parts = []
    for part in tagged_phrases(str(payload["caption"]), payload.get("caption_languages", {})):
        parts += years.kept_whole(part) if isinstance(part, str) else [part]
    return parts


def header_languages(headers: list, languages: dict[str, str] | None) -> dict[str, str]:
    """{column position: language} of the headers written in another language than the reader's."""
    return {str(c): str(languages[name]) for c, name in enumerate(headers)
            if languages and name in languages and foreign(languages[name])}


def payload(headers: list, columns: list[list[str]], caption: str, links: dict[str, list] | None = None,
            note: str = "") -> dict:
    """A table as `table_data` gives it, from its headers and each column's display texts: also for
    a table made from a few rows in Python rather than from a frame."""
    return {"caption": caption, "columns": [str(c) for c in headers],
            "rows": [list(row) for row in zip(*columns, strict=True)] if columns else [],
            "links": links or {}, "note": note}


def rows_note(total: int, max_rows: int | None) -> str:
    if not max_rows or total <= max_rows:
        return ""
    return _("First {shown} of {total} rows.").format(shown=i18n.integer(max_rows), total=i18n.integer(total))


def payload_rows(payload: dict, positions: list[int], caption: str, max_rows: int | None = None) -> dict:
    """The rows at `positions` of a `table_data` payload, as a payload of their own: a table many
    pages show parts of is formatted once (a subregion's peers, listed on each of its city pages)."""
    shown = positions[:max_rows] if max_rows else positions
    return {"caption": caption, "columns": payload["columns"],
            "rows": [payload["rows"][i] for i in shown],
            "links": {column: [targets[i] for i in shown] for column, targets in payload["links"].items()},
            "note": rows_note(len(positions), max_rows),
            **({"nowrap": payload["nowrap"]} if payload.get("nowrap") else {})}
