"""What the API offers: each resource, its parameters and columns, declared once for routes, OpenAPI, docs."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.api import columns as cols
from dashboard.api.columns import Column
from loaders.schema import PLACE_KINDS
from views import projects as project_views
from views.explore import state as explore_state
from views.params import API_FORMATS, API_PREFIX, Declaration

PREFIX = API_PREFIX
FORMATS = API_FORMATS
DEFAULT_LIMIT = 1000
MAX_LIMIT = 50_000


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    """integer, string, or year: a whole number or a period the data writes (`layouts.years.asked`),
    which the OpenAPI description gives as either (a list parameter takes comma-separated values of
    that type)."""
    description: str
    example: str = ""
    many: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    name: str
    """Its path under PREFIX; also the key of RESOURCES."""
    title: str
    description: str
    kind: str
    """table (a store table, filtered and paged), view (a page's rows), versions or version."""
    columns: tuple[Column, ...]
    params: tuple[Param, ...] = ()
    table: str = ""
    order: tuple[str, ...] = ()
    paged: bool = True
    """False: every row unless `limit` is given (a page's download is never cut short)."""
    example: dict[str, str] = field(default_factory=dict)
    formats: tuple[str, ...] = FORMATS


def many(name: str, type_: str, description: str, example: str, enum: tuple[str, ...] = ()) -> Param:
    return Param(name, type_, description + " One value or a comma-separated list.", example, True, enum)


GOAL = many("goal", "integer", "SDG goal number, 1-17.", "11")
TARGET = many("target", "string", "SDG target.", "11.6")
INDICATOR = many("indicator", "string", "indicator_id (see /api/v1/indicators).", "pm25-concentration")
PLACE = many("place", "string", "place_id (see /api/v1/places).", "ken-nairobi")
REGION = many("region", "string", "UN region of the place.", "Africa")
SUBREGION = many("subregion", "string", "UN subregion of the place.", "Eastern Africa")
COUNTRY = many("country", "string", "ISO 3166-1 alpha-3 code of the place's country.", "KEN")
KIND = many("kind", "string", "Kind of place.", "city", PLACE_KINDS)
PERIODS = " A period the data writes (2020-21) stands for the year it ends, as on the pages."
YEAR = Param("year", "year", "One year." + PERIODS, "2020")
FROM = Param("from", "year", "First year, inclusive." + PERIODS, "2018")
TO = Param("to", "year", "Last year, inclusive." + PERIODS, "2020")
WHERE = (PLACE, REGION, SUBREGION, COUNTRY)
WHEN = (YEAR, FROM, TO)

COMMON = (
    Param("format", "string", "Response format; a .json or .csv suffix on the path does the same.", "csv",
          enum=FORMATS),
    Param("version", "string", "A stored data version (see /api/v1/versions); default: the current one. "
          "Give it to keep numbers frozen after later imports.", "demo-1"),
    Param("limit", "integer", f"Rows per page, 0 to {MAX_LIMIT:,}; default {DEFAULT_LIMIT:,} "
          "(explore and projects: every row).", "100"),
    Param("offset", "integer", "Rows to skip before the page starts; default 0.", "0"),
    Param("lang", "string", "Language of error messages (else the Accept-Language header).", "fr"),
)



def from_view(declaration: Declaration) -> tuple[Param, ...]:
    """A view's own parameters as the API describes them (the view declares them once)."""
    return tuple(Param(p.name, p.kind if p.kind in ("integer", "year") else p.value_type,
                       p.description + (" One value or a comma-separated list." if p.kind == "many" else ""),
                       p.example, p.kind == "many",
                       (p.on,) if p.kind == "flag" else ()
                       if callable(p.choices) or p.value_type == "integer" else tuple(p.choices))
                 for p in declaration)


EXPLORE_PARAMS = from_view(explore_state.DECLARATION)
PROJECT_PARAMS = from_view(project_views.DECLARATION)

SCORES = "Derived at import by the SDSN method (docs/methodology.md)."
RESOURCES: dict[str, Resource] = {r.name: r for r in (
    Resource("places", "Places", "Cities, districts, regions and countries.", "table", cols.PLACES,
             (*WHERE, KIND), "places", ("place_id",), example={"country": "KEN"}),
    Resource("indicators", "Indicators", "Indicator metadata: goal, target, unit, bounds, thresholds.",
             "table", cols.INDICATORS, (GOAL, TARGET, INDICATOR), "indicators", ("goal", "indicator_id"),
             example={"goal": "11"}),
    Resource("observations", "Observations", "Every value as imported, one row per place, indicator, year "
             "and breakdown.", "table", cols.OBSERVATIONS, (GOAL, TARGET, INDICATOR, *WHERE, *WHEN),
             "observations", ("place_id", "indicator_id", "year", "breakdown"),
             example={"indicator": "pm25-concentration", "region": "Africa", "from": "2018", "to": "2020"}),
    Resource("scores/indicators", "Indicator scores", "Score 0-100, rating and trend per place, indicator "
             f"and year. {SCORES}", "table", cols.INDICATOR_SCORES, (GOAL, TARGET, INDICATOR, *WHERE, *WHEN),
             "indicator_scores", ("place_id", "indicator_id", "year"),
             example={"indicator": "pm25-concentration", "country": "KEN"}),
    Resource("scores/goals", "Goal scores", f"Score, rating and trend per place, goal and year. {SCORES}",
             "table", cols.GOAL_SCORES, (GOAL, *WHERE, *WHEN), "goal_scores", ("place_id", "goal", "year"),
             example={"goal": "6", "year": "2020"}),
    Resource("scores/index", "SDG Index", f"Index score, rank and data coverage per place and year. {SCORES}",
             "table", cols.INDEX, (*WHERE, *WHEN), "index", ("place_id", "year"),
             example={"region": "Europe", "year": "2020"}),
    Resource("explore", "Explore view", "Exactly the rows the explore page shows and downloads for the same "
             "query. Columns depend on the view: ranking, table and distribution have place columns, "
             "position, year and the measure (value and unit for an indicator; rating and trend for a goal "
             "or indicator; rank for the index); trend has place_id, name, country_iso3, year and the "
             "measure; scatter has place columns, one column per indicator, named by its id, and then the "
             "years their values come from (x_value_year, y_value_year).",
             "view", cols.EXPLORE, EXPLORE_PARAMS, paged=False, example={"view": "ranking", "goal": "3"}),
    Resource("projects", "Projects", "Exactly the rows the projects page downloads for the same filters.",
             "view", cols.PROJECTS, PROJECT_PARAMS, paged=False, example={"goal": "11", "status": "active"}),
    Resource("versions", "Data versions", "Every stored data version, oldest first.", "versions",
             cols.VERSIONS, paged=False),
    Resource("versions/{version}", "One data version", "Metadata of one version: sources, options, row "
             "counts and its import summary (JSON only).", "version", (), formats=("json",)),
)}


def accepted(resource: Resource) -> dict[str, Param]:
    """Every query parameter the resource takes, by name."""
    own = {p.name: p for p in resource.params}
    return {**own, **{p.name: p for p in COMMON}}
