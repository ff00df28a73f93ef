"""The projects page's filters: goal, theme, status, funding, procurement, budget and place, each
offered only where the list states it."""

from __future__ import annotations

from dash import dcc, html

from dashboard.widgets import Select, checklist
from layouts import bootstrap, i18n, names, projects, ranking
from layouts.i18n import _
from layouts.reference import goal_label
from layouts.vocabulary import labels
from loaders.schema import PROJECT_THEMES
from views import projects as project_views
from views.projects import PROCUREMENT, STATUSES


class Ids:
    GOAL = "projects-goal"
    THEME = "projects-theme"
    STATUS = "projects-status"
    FUNDING = "projects-funding"
    PROCUREMENT = "projects-procurement"
    REGION = "projects-region"
    PLACE = "projects-place"
    PLACE_FINDER = "projects-place-finder"
    PLACE_FIND = "projects-place-find"
    PLACE_FOUND = "projects-place-found"
    START = "projects-from"
    END = "projects-to"
    BUDGET_MIN = "projects-budget-min"
    BUDGET_MAX = "projects-budget-max"
    MESSAGES = "projects-messages"
    OVERVIEW = "projects-overview"
    MAP_AREA = "projects-map-area"
    MAP = "projects-map"
    MAP_TABLE = "projects-map-table"
    MAP_TABLE_OPEN = "projects-map-table-open"
    MAP_TABLE_DATA = "projects-map-table-data"
    MAP_TABLE_ASK = "projects-map-table-ask"
    CHARTS = "projects-charts"
    TABLE_AREA = "projects-table-area"
    TABLE = "projects-table"
    TABLE_STATUS = "projects-table-status"
    TABLE_PAGE = "projects-table-page"
    TABLE_SINK = "projects-table-sink"
    SORT = "projects-sort"
    SEARCH = "projects-search"
    FIRST = "projects-first"
    PREVIOUS = "projects-previous"
    NEXT = "projects-next"
    LAST = "projects-last"
    STATE = "projects-state"
    URL_SINK = "projects-url-sink"
    PICK_BOX = "projects-pick-box"
    PICK_LABEL = "projects-pick-label"
    PICK = "projects-pick"
    CARD = "projects-card"
    DETAILS = "projects-details"
    CARD_STATUS = "projects-card-status"
    CARD_SINK = "projects-card-sink"
    CSV = "projects-csv"
    JSON = "projects-json"
    FILTERS = "projects-filters"
    TOGGLE = "projects-filters-toggle"


CONTROLS = {"goal": Ids.GOAL, "theme": Ids.THEME, "status": Ids.STATUS, "funding": Ids.FUNDING,
            "procurement": Ids.PROCUREMENT, "region": Ids.REGION, "place": Ids.PLACE, "from": Ids.START,
            "to": Ids.END, "budget_min": Ids.BUDGET_MIN, "budget_max": Ids.BUDGET_MAX}
"""URL key -> control id."""


def labelled(key: str, label: str, options: list[dict], value: object, **width) -> html.Div:
    """A labelled native select; its first option, "", is "all"."""
    chosen = "" if value is None else str(value)
    return bootstrap.col([bootstrap.field_label(label, CONTROLS[key]),
                          Select(id=CONTROLS[key], options=options, value=chosen)], **width)


def number(key: str, label: str, value: int | None, **width) -> html.Div:
    return bootstrap.col([bootstrap.field_label(label, CONTROLS[key]),
                          dcc.Input(id=CONTROLS[key], type="number", min=0, step="any", value=value,
                                    debounce=True, inputMode="numeric")], **width)


def choices(everything: str | None, values, shown=None) -> list[dict]:
    """Options whose values are the URL's (English) values; `everything` heads them as the "" option."""
    shown = [str(v) for v in values] if shown is None else list(shown)
    options = [{"label": text, "value": str(v)} for text, v in zip(shown, values, strict=True)]
    return options if everything is None else [{"label": everything, "value": ""}, *options]


def place_options(cat: projects.Catalogue, ids: list[str]) -> list[dict]:
    """"All places", then the places `ids` (in their order) by label."""
    places = cat.places.set_index("place_id", drop=False).reindex([p for p in ids if isinstance(p, str)])
    places = places.dropna(subset=["place_id"])
    return choices(_("All places"), places["place_id"], places["label"])


def place_control(f: projects.Filters, cat: projects.Catalogue) -> html.Div:
    """The place filter: a select of every place with projects, or, beyond `ranking.PLACE_LIST` of
    them, of the chosen one, with a search box above it that lists the places found (`find_places`;
    hidden otherwise)."""
    places = cat.places
    every = len(places) <= ranking.PLACE_LIST
    options = (choices(_("All places"), places["place_id"], places["label"]) if every
               else place_options(cat, [f.place] if f.place else []))
    finder = html.Div([
        bootstrap.field_label(_("Find a place by name"), Ids.PLACE_FIND),
        dcc.Input(id=Ids.PLACE_FIND, type="search", debounce=0.4, autoComplete="off", className="mb-1"),
        html.P(_("Type a name: the places found are listed in the choice below."), id=Ids.PLACE_FOUND,
               className="small text-muted mb-1", **{"aria-live": "polite"})],
        id=Ids.PLACE_FINDER, hidden=every)
    return bootstrap.col([finder, bootstrap.field_label(_("Place"), CONTROLS["place"]),
                          Select(id=CONTROLS["place"], options=options, value=f.place or "")], md=4)


def in_use(values, present: set[str], chosen: object) -> list[str]:
    """The vocabulary's values some project has (and the one chosen, so an address keeps its state)."""
    return [str(v) for v in values if str(v) in present or str(v) == str(chosen)]


def shown_if(column: html.Div, values: list[str]) -> html.Div:
    """A filter hidden where it can only choose "not stated" (or nothing): Berlin's 420 projects name no
    theme or procurement method, and the filters offered twelve of each. Hidden, not left out: the
    page's callback reads every filter."""
    if not [v for v in values if v != projects.NOT_STATED]:
        column.className = f"{column.className or ''} d-none".strip()
    return column


def asked(said: frozenset[str], field: str, *chosen: object) -> list[str]:
    """What `shown_if` needs to show the filter of `field`: something when a project states it, or
    when the address chose a value for it (the reader can then see and undo it)."""
    return [field] if field in said or any(value is not None for value in chosen) else []


def controls(f: projects.Filters, cat: projects.Catalogue) -> html.Div:
    """The filters, every option's value the English key the URL holds, its label in the reader's words;
    a vocabulary's values only where some project has them."""
    known_regions = project_views.regions(cat)
    themes = in_use(PROJECT_THEMES, set(cat.projects["theme"].dropna().astype(str)), f.theme)
    funded = {name for name, used in zip(cat.funding_names, cat.funding.any(axis=0), strict=True) if used}
    funding = in_use(cat.funding_names, funded, f.funding)
    methods = in_use(PROCUREMENT, set(cat.projects["procurement_method"].dropna().astype(str)), f.procurement)
    said = projects.stated(cat)
    return html.Div([
        html.H2(_("Filters"), className="h5"),
        bootstrap.row([
            labelled("goal", _("Goal"), choices(_("All goals"), projects.GOALS,
                                                map(goal_label, projects.GOALS)), f.goal, md=4),
            shown_if(labelled("theme", _("Theme"), choices(_("All themes"), themes, labels("theme", themes)),
                              f.theme, md=4), themes),
            shown_if(labelled("funding", _("Funding source"),
                              choices(_("All funding sources"), funding, labels("funding_sources", funding)),
                              f.funding, md=4), funding),
            shown_if(labelled("procurement", _("Procurement method"),
                              choices(_("All methods"), methods, labels("procurement_method", methods)),
                              f.procurement, md=4), methods),
            labelled("region", _("UN region"), choices(_("All regions"), known_regions,
                                                              map(names.region, known_regions)),
                     f.region, md=4),
            place_control(f, cat),
            *(shown_if(field, asked(said, "start", f.start, f.end)) for field in (
                labelled("from", _("Started from"), choices(_("Any year"), cat.years), f.start, xs=6, md=3),
                labelled("to", _("Started up to"), choices(_("Any year"), cat.years), f.end, xs=6, md=3))),
            *(shown_if(field, asked(said, "budget", f.budget_min, f.budget_max)) for field in (
                number("budget_min", _("Budget at least (USD)"), f.budget_min, xs=6, md=3),
                number("budget_max", _("Budget at most (USD)"), f.budget_max, xs=6, md=3))),
            shown_if(bootstrap.col(html.Fieldset([
                html.Legend(_("Status (none ticked: all)"), className="form-label fs-6 mb-1"),
                checklist(id=Ids.STATUS, options=choices(None, STATUSES, labels("status", STATUSES)),
                              value=list(f.status), inline=True)]), md=12),
                asked(said, "status", *f.status)),
        ], className="g-2"),
        html.P([dcc.Link(_("Clear all filters"), href=i18n.href("/projects")), " · ",
                dcc.Link(_("Financing and procurement by region"), href=i18n.href("/projects/financing"))],
               className="small mt-2"),
    ], className="mb-3")
