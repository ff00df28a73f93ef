"""The pages' own rows as resources, so a page's download equals what the API returns; and the versions."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard import data
from dashboard.api.columns import VERSIONS
from dashboard.api.errors import ApiError, bad
from dashboard.api.params import Args
from dashboard.api.spec import FORMATS, PREFIX
from layouts import projects
from layouts import years as written_years
from layouts.echo import said
from layouts.i18n import _
from loaders.report import LoadError
from loaders.store import Store
from views import projects as project_views
from views.explore import rows as explore_rows_of
from views.explore import state as explore_state
from views.params import blamed

COUNTED = ("places", "indicators", "observations", "projects")


def strict(parse: Callable, raw: dict[str, str], cat: object, names: list[str]) -> object:
    """The page's own parse, except that a value the page would replace by a default is a 400."""
    state, problems = parse(raw, cat)
    if not problems:
        return state
    culprit = blamed(lambda query: parse(query, cat)[1], raw, names)
    others = [key for key in raw if key not in (culprit, "lang", "format", "limit", "offset", "version")]
    message = (_("'{value}' is not accepted for '{parameter}' with the other parameters given.") if others
               else _("'{value}' is not a value of '{parameter}' here."))  # none was given to blame
    raise bad(culprit, message.format(value=said(raw[culprit]), parameter=culprit))


def names(args: Args) -> list[str]:
    """The resource's parameters in the order they are declared (the page's order of reading them)."""
    return [p.name for p in args.resource.params]


def year_range(args: Args, years: list[int], periods: dict[str, int] | None = None) -> None:
    """year, from and to within the years the view offers (or periods the data writes: `periods`),
    from no later than to."""
    low, high = (years[0], years[-1]) if years else (None, None)
    args.year("year", low, high, periods)
    start, end = args.year("from", low, high, periods), args.year("to", low, high, periods)
    if start is not None and end is not None and start > end:
        raise bad("from", _("from ({start}) is after to ({end}).").format(start=start, end=end))


def explore_rows(args: Args, root: str, version: str) -> tuple[pd.DataFrame, str]:
    """Exactly `explore.filtered_frame` for the explore page's parameters."""
    store = data.load_version(root, version)
    cat = explore_state.context(store)
    if not cat.years:
        return pd.DataFrame(), "city-sdg-explore"
    args.goals()
    year_range(args, cat.years, written_years.known_periods(store))
    state = strict(explore_state.parse, args.own(), cat, names(args))
    return explore_rows_of.filtered_frame(store, cat, state), f"city-sdg-{state.view}-{state.year}"


def project_rows(args: Args, root: str, version: str) -> tuple[pd.DataFrame, str]:
    """Exactly the rows the projects page's download links ask for: the projects matching its filters."""
    cat = project_views.context(data.load_version(root, version))
    args.goals()
    year_range(args, cat.years, cat.periods)
    low = args.integer("budget_min", 0, project_views.MAX_BUDGET)
    high = args.integer("budget_max", 0, project_views.MAX_BUDGET)
    if low is not None and high is not None and low > high:
        raise bad("budget_min", _("budget_min ({low}) is above budget_max ({high}).").format(
            low=low, high=high))
    filters = strict(project_views.parse, args.own(), cat, names(args))
    rows = projects.select(cat, filters).projects.drop(columns=list(projects.ORDERING_COLUMNS))
    return rows, "city-sdg-projects"


def version_rows(root: str) -> pd.DataFrame:
    rows = [{"version": m.get("version"), "created": m.get("created"), "parent": m.get("parent"),
             "current": bool(m.get("current")), "demo": bool(m.get("demo")), "note": m.get("note") or None,
             **{name: m.get("counts", {}).get(name) for name in COUNTED}} for m in Store(root).versions()]
    frame = pd.DataFrame(rows, columns=[c.name for c in VERSIONS])
    return frame.astype({name: "Int64" for name in COUNTED})


def split_suffix(version: str) -> tuple[str, str | None]:
    """'v1.json' -> ('v1', 'json'), unless a version is really called 'v1.json'."""
    stem, dot, suffix = version.rpartition(".")
    if not dot or suffix not in FORMATS:
        return version, None
    try:
        data.serving_store().version_dir(version)
    except LoadError:
        return stem, suffix
    return version, None


def version_meta(root: str, version: str) -> dict:
    found = next((m for m in Store(root).versions() if m.get("version") == version), None)
    if found is None:
        raise ApiError(404, _("'{value}' is not a stored data version; the list is at {url}.").format(
            value=said(version), url=f"{PREFIX}/versions"), "version")
    return found
