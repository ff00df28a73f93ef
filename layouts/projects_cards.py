"""A project's card and the table of every matching project, sorted, searched and paged on the server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import numpy as np
import pandas as pd
from dash import dcc, html

from layouts import bootstrap, i18n, projects, ranking, texts
from layouts.i18n import N_, _
from layouts.projects_text import usd
from layouts.reference import goal_label, goals
from layouts.static_tree import StaticTree
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
    own = {"lang": code} if (code := texts.foreign(row.get("language"))) else {}
    return bootstrap.card([
        html.H3(words(row.get("title"), _("Untitled project")), className="h5",
                **(own if not missing(row.get("title")) else {})),
        html.Div(goal_badges(row.get("goals"))),
        html.P(words(row.get("summary"), ""), className="project-summary", style={"whiteSpace": "pre-line"},
               **own),
        html.Dl(body, className="row small mb-0"),
    ], className="mb-3 project-card")


def table_columns(own_currencies: bool = False) -> list[dict]:
    """The project table's columns (key, header in the reader's language, whether numeric); the
    published copy's list (`static_site/projects_pages.py`) has the same. With `own_currencies`
    (`in_own_currencies`: some budget has no dollar figure) the budget column is "Budget", each
    cell naming its currency."""
    return [
        {"name": _("Title"), "id": "title"}, {"name": _("Place"), "id": "place_name"},
        {"name": _("Theme"), "id": "theme"}, {"name": _("Status"), "id": "status"},
        {"name": _("Start"), "id": "start_year", "type": "numeric"},
        {"name": _("Budget") if own_currencies else _("Budget (USD)"), "id": "budget_usd", "type": "numeric"},
        {"name": _("Goals"), "id": "goal_list"},
        {"name": _("Jobs"), "id": "jobs_created", "type": "numeric"},
        {"name": _("Beneficiaries"), "id": "beneficiaries", "type": "numeric"},
    ]


COLUMN_FIELDS = {"theme": "theme", "status": "status", "start_year": "start", "budget_usd": "budget",
                 "jobs_created": "jobs", "beneficiaries": "beneficiaries"}
"""The columns of a field a project may leave out (`projects.FIELDS`); the others every project has."""


def shown_columns(cat: projects.Catalogue) -> list[dict]:
    """`table_columns` of a catalogue, without the columns of what none of its projects states:
    Berlin's table was five columns of "–" beside each of 420 titles."""
    said = projects.stated(cat)
    return [c for c in table_columns(in_own_currencies_of(cat))
            if c["id"] not in COLUMN_FIELDS or COLUMN_FIELDS[c["id"]] in said]


TABLE_FIELDS = ("title", "place_name", "theme", "status", "start_year", "budget_usd", "jobs_created",
                "beneficiaries")
"""The catalogue columns the project table shows (besides the goal list)."""


def table_records(projects: pd.DataFrame) -> list[dict]:
    """The table's rows with each project's id; the theme and status in the reader's words (the
    published copy's list, `static_site/projects_pages.py`, filters on what the reader sees)."""
    goal_list = projects["goals"].str.replace(LIST_SEPARATOR, ", ", regex=False)
    columns = {"id": projects["project_id"], "goal_list": goal_list,
               **{c: projects[c] for c in TABLE_FIELDS}}
    for kind in ("theme", "status"):
        columns[kind] = columns[kind].astype(object).map(lambda key, kind=kind: label(kind, key) or None)
    values = [column.astype(object).where(column.notna(), None).tolist() for column in columns.values()]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def in_own_currencies(frame: pd.DataFrame) -> bool:
    """Whether some project states a budget with no dollar figure (no rate for its currency): the
    table then writes every budget with its currency, under "Budget"."""
    if "budget" not in frame:
        return False
    return bool((frame["budget"].notna() & frame["budget_usd"].isna()).any())


def page_cells(rows: pd.DataFrame, own_currencies: bool = False) -> dict[str, list[str]]:
    """The texts of a page of the table, by column id: what `table_records` holds, written as the
    table shows it ("–" for a missing value). Value by value in Python: for 25 rows, pandas' steps
    per column (astype, where, map) cost more than the rows."""
    def shown(values: list, words=str) -> list[str]:
        return ["–" if value is None or value is pd.NA or value != value or value == "" else words(value)
                for value in values]

    untitled = _("Untitled project")
    cells = {"title": [str(title).strip() or untitled if isinstance(title, str) else untitled
                       for title in rows["title"].tolist()],
             "place_name": shown(rows["place_name"].tolist()),
             "start_year": shown(rows["start_year"].tolist(), lambda year: str(int(year))),
             "goal_list": shown(rows["goals"].tolist(), lambda goals: goals.replace(LIST_SEPARATOR, ", "))}
    for kind in ("theme", "status"):
        cells[kind] = shown([label(kind, key) if isinstance(key, str) else None
                             for key in rows[kind].tolist()])
    cells["budget_usd"] = budget_cells(rows, signed=own_currencies)
    for key in ("jobs_created", "beneficiaries"):
        cells[key] = i18n.numbers(rows[key], 0, "–")
    return cells


def budget_cells(rows: pd.DataFrame, missing_text: str = "–", signed: bool = False) -> list[str]:
    """The budget column's texts: the dollar figure where there is one (with its sign when `signed`,
    as under "Budget"), else the budget in its own currency with its code or sign ("BOB 389,000": a
    register in bolivianos, with no rate table to convert it, showed "–" on every row as if it
    stated none), else `missing_text`."""
    if signed:
        usd = rows["budget_usd"].astype("Float64")
        cells = [missing_text if text == "" else text for text in i18n.moneys(usd, "USD")]
    else:
        cells = i18n.numbers(rows["budget_usd"], 0, missing_text)
    if "budget" not in rows:
        return cells
    usd_known = rows["budget_usd"].notna().to_numpy(dtype=bool)
    own = (~usd_known & rows["budget"].notna().to_numpy(dtype=bool)).nonzero()[0]
    if len(own):
        budgets, currencies = rows["budget"].to_numpy(dtype=object), rows["currency"].to_numpy(dtype=object)
        unstated = _("{amount} (currency not stated)")
        for at in own.tolist():
            currency = currencies[at]
            cells[at] = (i18n.money(budgets[at], currency) if isinstance(currency, str) and currency
                         else unstated.format(amount=i18n.money(budgets[at], None)))
    return cells


PAGE_ROWS = 25
"""Projects on one page of the table: the server sorts, searches and pages every matching project
(20,000 in a national store), so an answer carries one page, not the list."""
PHONE_HIDDEN = ("theme", "start_year", "goal_list", "jobs_created", "beneficiaries")
"""Columns a phone leaves out (site.css `.phone-hide`): a card of nine lines per project was too long;
the project's own card and the downloads have them."""
def in_own_currencies_of(cat: projects.Catalogue) -> bool:
    """`in_own_currencies` of a catalogue's projects, once per catalogue (every page of the table
    says its budgets the same way)."""
    memo = projects.kept(cat)
    if "own_currencies" not in memo:
        memo["own_currencies"] = in_own_currencies(cat.projects)
    return memo["own_currencies"]


def phone_hidden(cat: projects.Catalogue) -> set[str]:
    """PHONE_HIDDEN, where the status or the budget says nothing of any project (Berlin's 420 have
    neither): that column gives its line of the card to the goals, which the phone card had dropped
    though they were the only thing the projects said."""
    hidden = set(PHONE_HIDDEN)
    if not {"status", "budget"} <= projects.stated(cat):  # a column left out (`shown_columns`)
        hidden.discard("goal_list")
    return hidden


PHONE_WORDS = {"title": N_("title"), "place_name": N_("place"), "theme": N_("theme"), "status": N_("status"),
               "start_year": N_("start"), "budget_usd": N_("budget"), "goal_list": N_("goals"),
               "jobs_created": N_("jobs"), "beneficiaries": N_("beneficiaries")}


def phone_hint(cat: projects.Catalogue) -> str:
    """What a narrow screen's table shows of each project, from the columns it keeps (`phone_hidden`):
    it said "title, place, status and budget" above Berlin's cards of title, place and goals."""
    hidden = phone_hidden(cat)
    shown = [_(PHONE_WORDS[c["id"]]) for c in shown_columns(cat) if c["id"] not in hidden]
    return _("On a narrow screen the table shows each project's {columns}: choose a title for all its "
             "details, or download the table.").format(columns=i18n.join(shown))


SHOWN_AS = {"start_day": "start_year", "budget_order": "budget_usd"}
"""An order's column as the table shows it: by start date, marked on the Start (year) column; by
budget (`projects.budget_order`), on the Budget column."""
SORTS = {
    "newest": (N_("Newest first"), (("start_day", True), ("title", False))),
    "oldest": (N_("Oldest first"), (("start_day", False), ("title", False))),
    "title": (N_("Title, A to Z"), (("title", False),)),
    "place": (N_("Place, A to Z"), (("place_name", False), ("title", False))),
    "budget": (N_("Largest budget first"), (("budget_order", True), ("title", False))),
    "budget-small": (N_("Smallest budget first"), (("budget_order", False), ("title", False))),
    "jobs": (N_("Most jobs created first"), (("jobs_created", True), ("title", False))),
    "beneficiaries": (N_("Most people reached first"), (("beneficiaries", True), ("title", False))),
}
"""The table's orders: key -> (label, columns with descending or not). A project missing the value
sorted on comes after those that have it, whichever the direction."""
DEFAULT_SORT = "newest"


def offered_sorts(cat: projects.Catalogue) -> list[str]:
    """The orders worth offering: those by title or place, and those by a column some project has a
    value in (Berlin's 420 projects have no start date, budget or jobs: "Newest first" was the
    table's order, and it was in fact by title)."""
    memo = projects.kept(cat)
    if "sorts" not in memo:
        p = cat.projects
        def known(column: str) -> bool:
            return column in ("title", "place_name") or (
                column in p and bool(pd.to_numeric(p[column], errors="coerce").notna().any()))

        memo["sorts"] = [key for key, (_words, columns) in SORTS.items() if known(columns[0][0])]
    return memo["sorts"]


def default_sort(cat: projects.Catalogue) -> str:
    """The table's first order: newest first, where any project has a start year; else by title."""
    return DEFAULT_SORT if DEFAULT_SORT in offered_sorts(cat) else "title"
SEARCH_LENGTH = 200
"""Longer search text is cut (a hostile URL or paste costs no more than this)."""


@dataclass(frozen=True)
class TablePage:
    """One page of the table: the projects' rows in the catalogue, which page, and of how many."""

    positions: np.ndarray
    page: int
    pages: int
    total: int
    first: int
    """The page's first project's number among the `total` (1-based; 0 when there is none)."""
    matching: int
    """How many projects the filters match, before the search."""


def sort_rank(cat: projects.Catalogue, sort: str) -> np.ndarray:
    """Each project's place in the catalogue under `sort`, made once per catalogue and order: a page
    then sorts its selection by these numbers (20,000 projects: about 2 ms)."""
    memo = projects.kept(cat)
    key = ("rank", sort)
    if key not in memo:
        p = cat.projects
        keys = []
        for column, descending in SORTS[sort][1]:
            if column in ("title", "place_name"):
                codes = text_order(cat, column)
                keys.append(-codes if descending else codes)
            else:
                values = pd.to_numeric(p[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
                values = -values if descending else values
                keys.append(np.where(np.isnan(values), np.inf, values))
        order = np.lexsort([np.arange(len(p)), *reversed(keys)])  # the first key sorts first
        rank = np.empty(len(p), dtype=np.int64)
        rank[order] = np.arange(len(p))
        memo[key] = rank
    return memo[key]


def text_order(cat: projects.Catalogue, column: str) -> np.ndarray:
    """Each project's place in the alphabetical order of a text column (accents and case aside, an
    empty text last), once per catalogue: every order sorts by title last."""
    memo = projects.kept(cat)
    key = ("text", column)
    if key not in memo:
        text = pd.Series([ranking.folded(v) if isinstance(v, str) and v.strip() else "\U0010ffff"
                          for v in cat.projects[column].astype(object)], dtype=object)
        # factorized as objects: a fixed-width array is as wide as the longest title in every row
        memo[key] = pd.factorize(text, sort=True)[0].astype("float64")
    return memo[key]


def search_texts(cat: projects.Catalogue) -> np.ndarray:
    """What a search looks in, per project: its title and place, without accents or case."""
    memo = projects.kept(cat)
    if "search" not in memo:
        p = cat.projects
        memo["search"] = np.array([f"{ranking.folded(t)} {ranking.folded(n)}" for t, n in zip(
            p["title"].astype(object), p["place_name"].astype(object), strict=True)], dtype=object)
    return memo["search"]


def searched(cat: projects.Catalogue, sel: projects.Selection, search: str = "") -> np.ndarray:
    """The positions of the matching projects whose title or place holds every word of `search`."""
    positions = sel.positions
    words = ranking.folded(search[:SEARCH_LENGTH]).split()
    if words and len(positions):
        texts = pd.Series(search_texts(cat)[positions])
        found = np.ones(len(positions), dtype=bool)
        for word in dict.fromkeys(words):
            found &= texts.str.contains(word, regex=False).to_numpy(dtype=bool)
        positions = positions[found]
    return positions


def page_count(rows: int) -> int:
    """Pages of the table for `rows` projects (one, when there are none)."""
    return max(1, -(-rows // PAGE_ROWS))


def table_page(cat: projects.Catalogue, sel: projects.Selection, sort: str = DEFAULT_SORT,
               search: str = "", page: int = 1) -> TablePage:
    """The matching projects whose title or place holds every word of `search`, in the order `sort`,
    page `page` of them (a page beyond the last shows the last)."""
    matching = sel.positions
    positions = searched(cat, sel, search)
    rank = sort_rank(cat, sort if sort in SORTS else DEFAULT_SORT)
    positions = positions[np.argsort(rank[positions], kind="stable")]
    pages = page_count(len(positions))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_ROWS
    shown = positions[start:start + PAGE_ROWS]
    return TablePage(shown, page, pages, len(positions), start + 1 if len(shown) else 0, len(matching))


def table_status(shown: TablePage, search: str = "") -> str:
    """Which projects the page of the table shows, or that none matches (read out when it changes)."""
    if not shown.total:
        search = search[:SEARCH_LENGTH].strip()
        return (_("No matching project has \u201c{search}\u201d in its title or place.").format(search=search)
                if search and shown.matching else _("No project matches the filters."))
    last = shown.first + len(shown.positions) - 1
    return _("Projects {first}–{last} of {count} (page {page} of {pages})").format(
        first=i18n.integer(shown.first), last=i18n.integer(last), count=i18n.integer(shown.total),
        page=i18n.integer(shown.page), pages=i18n.integer(shown.pages))


def projects_table(cat: projects.Catalogue, shown: TablePage, table_id: str | None = None,
                   sort: str = DEFAULT_SORT) -> list:
    """A page of the table as one StaticTree: each title is a button naming its project, which the
    tree reports as its `chosen` property (the page opens the project's card); on a phone each row is
    a card of title, place, status and budget (`.card-rows`, PHONE_HIDDEN). When no project is shown
    (`table_status` says so), an empty tree: the page listens to its `chosen`."""
    if not len(shown.positions):
        return [StaticTree(tree=["div", {}], id=table_id)]
    own_currencies = in_own_currencies_of(cat)
    columns = shown_columns(cat)
    rows = cat.projects.iloc[shown.positions]
    cells = page_cells(rows, own_currencies)
    hidden = phone_hidden(cat)
    classes = {c["id"]: " ".join([*(["text-sm-end"] if c.get("type") else []),
                                  *(["phone-hide"] if c["id"] in hidden else [])]) or None
               for c in columns}
    body = []
    languages = rows["language"].tolist() if "language" in rows else [None] * len(rows)
    titled = [isinstance(t, str) and bool(t.strip()) for t in rows["title"].tolist()]
    for r, (project, heading) in enumerate(zip(rows["project_id"].tolist(), cells["title"], strict=True)):
        code = texts.foreign(languages[r]) if titled[r] else None
        title = ["button", {"type": "button", "data-choice": project, "lang": code,
                            "className": "btn btn-link p-0 text-start align-baseline project-title"}, heading]
        row = ["tr", {}, ["th", {"scope": "row"}, title]]
        for column in columns[1:]:
            key = column["id"]
            row.append(["td", {"data-label": column["name"], "className": classes[key]}, cells[key][r]])
        body.append(row)
    column, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])[1][0]
    column = SHOWN_AS.get(column, column)  # the column the reader sees the order in
    header = ["thead", {}, ["tr", {}, *(["th", {
        "scope": "col", "className": "phone-hide" if c["id"] in hidden else None,
        "aria-sort": ("descending" if descending else "ascending") if c["id"] == column else None}, c["name"]]
        for c in columns)]]
    table = ["table", {"className": "table table-sm table-striped table-bordered caption-top card-rows mb-2"},
             ["caption", {}, _("Matching projects")], header, ["tbody", {}, *body]]
    return [StaticTree(tree=["div", {"className": "table-responsive"}, table], id=table_id)]


