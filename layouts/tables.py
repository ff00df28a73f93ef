"""Plain, accessible HTML tables: the text alternative beside every chart."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts import i18n
from layouts.i18n import _


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
) -> html.Div:
    """A captioned table with column headers; `links` maps a column to a href column."""
    links = links or {}
    shown = frame.head(max_rows) if max_rows else frame
    visible = [c for c in shown.columns if c not in links.values()]
    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in visible]))
    rows = []
    for record in shown.to_dict("records"):
        cells = []
        for position, column in enumerate(visible):
            href = record.get(links[column]) if column in links else None
            content = cell(record[column], href)
            cells.append(html.Th(content, scope="row") if position == 0 else html.Td(content))
        rows.append(html.Tr(cells))
    note = []
    if max_rows and len(frame) > max_rows:
        note = [html.P(_("First {shown} of {total} rows.").format(
            shown=i18n.integer(max_rows), total=i18n.integer(len(frame))), className="small text-muted")]
    table = dbc.Table(
        [html.Caption(caption), header, html.Tbody(rows)],
        striped=True, bordered=True, hover=True, size="sm", id=table_id or "",
        className="caption-top",
    )
    return html.Div([table, *note], className="table-responsive")
