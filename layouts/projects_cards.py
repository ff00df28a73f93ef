"""A project's card and the sortable table of every matching project."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import pandas as pd
from dash import dash_table, dcc, html
from dash.dash_table.Format import Format, Group, Scheme

from layouts import bootstrap, i18n, projects
from layouts.i18n import _
from layouts.projects_text import usd
from layouts.reference import goal_label, goals
from layouts.vocabulary import label, labels
from loaders.schema import LIST_SEPARATOR


def goal_badges(listed: object) -> list:
    """Each goal in its official colour and with its name, so the colour is never the only signal."""
    ref = goals()
    numbers = [int(g) for g in str(listed or "").split(LIST_SEPARATOR) if g.strip().isdigit()]
    return [html.Span(goal_label(g), className=f"badge me-1 mb-1 text-wrap sdg-{g}")  # colours: site.css
            for g in numbers if g in ref.index]


def missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def words(value: object, empty: str | None = None) -> str:
    """A text field from the data, verbatim; `empty` (default: 'not stated') when there is none."""
    if missing(value):
        return _("not stated") if empty is None else empty
    return str(value)


def terms(kind: str, value: object, listed: bool = False) -> str:
    """A vocabulary field ('theme', or ';'-joined 'funding_sources') in the reader's words."""
    if missing(value):
        return _("not stated")
    keys = [k.strip() for k in str(value).split(LIST_SEPARATOR)] if listed else [str(value)]
    return i18n.join(labels(kind, [k for k in keys if k]))


def when(value: object) -> str:
    """A date held as '2021-03-05', '2021-03' or '2021', with the month named in the reader's language."""
    if missing(value):
        return "?"
    text = str(value)
    try:
        if len(text) == 7:
            return i18n.month_year(date(int(text[:4]), int(text[5:7]), 1))
        return i18n.day(text) if len(text) >= 10 else text
    except ValueError:
        return text


def budget_words(row: dict) -> str:
    budget, currency, budget_usd = row.get("budget"), row.get("currency") or "", row.get("budget_usd")
    if missing(budget):
        return _("not stated") if missing(budget_usd) else usd(budget_usd)
    text = i18n.money(budget, currency)
    if currency == "USD":
        return text
    return _("{budget} ({budget_usd})").format(budget=text, budget_usd=usd(budget_usd))


def safe_link(url: object):
    """Only web addresses become links; anything else (javascript:, data:) stays plain text."""
    text = words(url, _("none"))
    if urlparse(text).scheme in ("http", "https"):
        return html.A(text, href=text, rel="noopener noreferrer", className="text-break")
    return html.Span(text, className="text-break")


def project_card(row: dict) -> html.Div:
    """Title, summary and facts of one project. All text is passed as text: HTML in it is never rendered."""
    count = lambda value: words(value if missing(value) else i18n.integer(value))  # noqa: E731
    facts = [
        (_("Place"), dcc.Link(words(row.get("place_name")), href=i18n.href(f"/city/{row.get('place_id')}"))),
        (_("Theme"), terms("theme", row.get("theme"))), (_("Status"), terms("status", row.get("status"))),
        (_("Dates"), _("{start} to {end}").format(start=when(row.get("start_date")),
                                                   end=when(row.get("end_date")))),
        (_("Budget"), budget_words(row)),
        (_("Funding"), terms("funding_sources", row.get("funding_sources"), listed=True)),
        (_("Procurement"), terms("procurement_method", row.get("procurement_method"))),
        (_("Partners"), terms("partner_sectors", row.get("partner_sectors"), listed=True)),
        (_("Jobs created"), count(row.get("jobs_created"))),
        (_("Beneficiaries"), count(row.get("beneficiaries"))),
        (_("More"), safe_link(row.get("url"))),
    ]
    body = []
    for term, value in facts:
        body += [html.Dt(term, className="col-sm-4"), html.Dd(value, className="col-sm-8 mb-1")]
    return bootstrap.card([
        html.H3(words(row.get("title"), _("Untitled project")), className="h5"),
        html.Div(goal_badges(row.get("goals"))),
        html.P(words(row.get("summary"), ""), className="project-summary", style={"whiteSpace": "pre-line"}),
        html.Dl(body, className="row small mb-0"),
    ], className="mb-3 project-card")


def table_columns() -> list[dict]:
    """The project table's columns, headers in the reader's language and numbers in its format."""
    signs = i18n.separators()
    number = Format(group=Group.yes, precision=0, scheme=Scheme.fixed, decimal_delimiter=signs[0],
                    group_delimiter=signs[1])
    return [
        {"name": _("Title"), "id": "title"}, {"name": _("Place"), "id": "place_name"},
        {"name": _("Theme"), "id": "theme"}, {"name": _("Status"), "id": "status"},
        {"name": _("Start"), "id": "start_year", "type": "numeric"},
        {"name": _("Budget (USD)"), "id": "budget_usd", "type": "numeric", "format": number},
        {"name": _("Goals"), "id": "goal_list"},
        {"name": _("Jobs"), "id": "jobs_created", "type": "numeric", "format": number},
        {"name": _("Beneficiaries"), "id": "beneficiaries", "type": "numeric", "format": number},
    ]


TABLE_FIELDS = ("title", "place_name", "theme", "status", "start_year", "budget_usd", "jobs_created",
                "beneficiaries")
"""The catalogue columns the project table shows (besides the goal list)."""


def table_records(projects: pd.DataFrame) -> list[dict]:
    """The rows of the sortable table, keyed by project id (the DataTable's row id); the theme and
    status in the reader's words, so the table's own filter finds what the reader sees."""
    goal_list = projects["goals"].str.replace(LIST_SEPARATOR, ", ", regex=False)
    columns = {"id": projects["project_id"], "goal_list": goal_list,
               **{c: projects[c] for c in TABLE_FIELDS}}
    for kind in ("theme", "status"):
        columns[kind] = columns[kind].astype(object).map(lambda key, kind=kind: label(kind, key) or None)
    values = [column.astype(object).where(column.notna(), None).tolist() for column in columns.values()]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


TABLE_ROWS = 1_000
"""At most this many matching projects are listed in the page's table (it sorts and filters in the
browser, so every row listed is sent with each change: 20,000 projects were about 5 MB); every
matching project is in the CSV and JSON the page links to, and narrower filters list others."""


def table_note(sel: projects.Selection) -> str | None:
    """What the table leaves out, when it leaves out any (None otherwise)."""
    count = len(sel.positions)
    if count <= TABLE_ROWS:
        return None
    return _("The table lists the first {shown} of the {count} matching projects: narrow the filters "
             "above to list others, or download them all.").format(
        shown=i18n.integer(TABLE_ROWS), count=i18n.integer(count))


def projects_table(cat: projects.Catalogue, sel: projects.Selection, table_id: str) -> dash_table.DataTable:
    """The matching projects (the first TABLE_ROWS of them) as a table readers sort and filter. Their
    rows are made for the listed projects only (5 ms for 1,000): every project's rows, kept per
    language, held 15 MB of each worker and took 0.4 s to make at 20,000 projects."""
    return dash_table.DataTable(
        id=table_id, data=table_records(cat.projects.iloc[sel.positions[:TABLE_ROWS]]),
        columns=table_columns(),
        sort_action="native", filter_action="native", page_action="native", page_size=15,
        filter_options={"placeholder_text": _("filter"), "case": "insensitive"},
        style_cell_conditional=[{"if": {"column_type": "numeric"}, "textAlign": "right"}],
        style_table={"overflowX": "auto"}, style_header={"fontWeight": "bold", "whiteSpace": "normal"},
        style_cell={"textAlign": "left", "whiteSpace": "normal", "height": "auto", "minWidth": "70px",
                    "maxWidth": "260px", "fontFamily": "var(--bs-body-font-family)", "fontSize": "0.9rem"},
    )
