"""The API's column names, types and meanings: canonical schema and scoring tables, documented once."""

from __future__ import annotations

from dataclasses import dataclass

from loaders import schema
from loaders.scoring import COLUMNS as SCORE_COLUMNS


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """A JSON Schema type: string, number, integer or boolean (every column may also be null)."""
    description: str


TYPES = {schema.STRING: "string", schema.FLOAT: "number", schema.INT: "integer"}

MEANINGS = {
    "place_id": "Stable place identifier (a slug such as ken-nairobi).",
    "indicator_id": "Stable indicator identifier (a slug or an SDG code such as 11-6-2).",
    "project_id": "Stable project identifier.",
    "name": "Name of the place.",
    "kind": "city, district, region or country.",
    "parent_id": "place_id of the place this one belongs to (a city's country).",
    "code": "A code the source gave the place (for countries their ISO 3166 alpha-3 code).",
    "country_iso3": "ISO 3166-1 alpha-3 code of the country.",
    "area": "The department, state or province the place lies in, where the source names it.",
    "un_region": "UN M49 region (Africa, Americas, Asia, Europe, Oceania).",
    "un_subregion": "UN M49 subregion.",
    "lat": "Latitude, WGS 84 degrees.",
    "lon": "Longitude, WGS 84 degrees.",
    "population": "Population.",
    "source": "Where the row comes from.",
    "goal": "SDG goal number, 1 to 17.",
    "target": "SDG target, such as 11.6.",
    "un_code": "UN SDG indicator code, such as 11.6.2.",
    "unit": "Unit of the indicator's values.",
    "direction": "higher or lower: which direction is better.",
    "best": "Best bound: a value at or beyond it scores 100.",
    "worst": "Worst bound: a value at or beyond it scores 0.",
    "green_threshold": "Value at or better than which the indicator is rated green.",
    "yellow_threshold": "Value at or better than which it is rated yellow.",
    "orange_threshold": "Value at or better than which it is rated orange.",
    "red_threshold": "Worse than this value it is rated red.",
    "target_value": "The value the indicator should reach by target_year.",
    "target_year": "Year by which target_value should be reached.",
    "description": "What the indicator measures.",
    "year": "Year (for values of a period, its end year).",
    "year_label": "The period as the source wrote it (2017-18), when it was not a single year.",
    "value": "Value in the indicator's unit.",
    "flag": "Censoring or status flag from the source (<, >, missing), empty when none.",
    "breakdown": "Disaggregation such as Sex=Female; empty for the headline value.",
    "note": "Note from the source.",
    "value_year": "Year the value comes from (the latest at or before year).",
    "score": "Score from 0 (worst bound) to 100 (best bound).",
    "trend_base_year": "Base year of the trend arrow.",
    "in_index": "Whether the indicator counts towards goal scores and the index.",
    "in_dashboard": "Whether its colour counts towards the goal colour.",
    "in_trend": "Whether its arrow counts towards the goal trend.",
    "colour": "Dashboard rating: green, yellow, orange, red or grey (no data).",
    "arrow": "Trend: on_track, maintaining, improving, stagnating, decreasing or no_data.",
    "n_indicators": "Indicators in the set.",
    "n_available": "Indicators of the set with data.",
    "n_dashboard": "Indicators rated for the goal colour.",
    "n_trend": "Indicators with a trend arrow.",
    "rank": ("Rank by index score among ranked places, 1 = highest; empty when not ranked. A place whose "
             "parts are ranked too (a city and its districts) is ranked among such places only (whole)."),
    "coverage": "Share (0-1) of the index indicators the place has data for.",
    "ranked": "Whether coverage is high enough for a rank.",
    "n_goals": "Goals with a score.",
    "n_goals_imputed": "Missing goals filled in by the missing-goal rule.",
    "whole": ("Whether the place is the whole of places ranked in the year (a city beside its districts): "
              "it is ranked among such places, not among its parts."),
    "title": "Project title.", "summary": "What the project does.",
    "goals": "SDG goals it serves, ';'-separated.", "targets": "SDG targets, ';'-separated.",
    "theme": "livelihoods, financing, data and visualisation, procurement or other.",
    "status": "idea, planned, active, completed, scaled or stopped ('not stated' when unknown).",
    "start_date": "Start date, ISO 8601.", "end_date": "End date, ISO 8601.",
    "budget": "Budget in currency.", "currency": "ISO 4217 currency code of budget.",
    "budget_usd": "Budget in US dollars.",
    "funding_sources": "Funding sources, ';'-separated.", "procurement_method": "How it was contracted.",
    "partner_sectors": "Partner sectors, ';'-separated.", "jobs_created": "Jobs created.",
    "beneficiaries": "People reached.", "url": "Web page of the project.",
    "last_updated": "Date the project record was last updated.",
    "place_name": "Name of the project's place (with its country when the name repeats).",
    "position": "Position in the ranking by the measure shown, from 1 (kept in the table's other orders).",
    "rating": "Dashboard rating in words, in the language asked for (`colour` is its code).",
    "trend": "Trend arrow and its words, in the language asked for (`arrow` is its code).",
    "version": "Data version identifier.", "created": "When the version was written (UTC).",
    "parent": "The version it was imported on top of.", "current": "Whether it is the current version.",
    "demo": "Whether it is demonstration data.",
    "places": "Places in the version.", "indicators": "Indicators in the version.",
    "observations": "Observations in the version.", "projects": "Projects in the version.",
}
SPECIFIC = {
    ("indicators", "name"): "Name of the indicator.",
    ("projects", "lat"): "Latitude of the project site, WGS 84 degrees.",
    ("projects", "lon"): "Longitude of the project site, WGS 84 degrees.",
    ("goal_scores", "score"): "Goal score: mean of the goal's indicator scores, 0-100.",
    ("goal_scores", "colour"): "Goal rating: green, yellow, orange, red or grey (no data).",
    ("index", "score"): "SDG Index score: mean of the goal scores, 0-100.",
    ("index", "n_indicators"): "Indicators in the index set.",
    ("versions", "note"): "The note given at import.",
    ("explore", "rank"): ("Rank in this dashboard's SDG Index, recomputed from the source's values "
                          "(index only); empty where the place is alone in its ranking that year (a "
                          "city beside its ranked districts: whole)."),
    ("explore", "x_value_year"): ("Scatter: year the across (x) indicator's value comes from (the latest "
                                  "at or before year)."),
    ("explore", "y_value_year"): ("Scatter: year the up (y) indicator's value comes from (the latest at "
                                  "or before year)."),
    ("projects", "language"): "Language the project's title and summary are written in (a code such as de).",
    ("indicators", "language"): ("Language the indicator's name and description are written in (a code "
                                 "such as fr)."),
}
SCORE_TYPES = {
    "year": "integer", "goal": "integer", "rank": "integer", "in_index": "boolean", "in_dashboard": "boolean",
    "in_trend": "boolean", "ranked": "boolean", "colour": "string", "arrow": "string", "place_id": "string",
    "indicator_id": "string", "n_goals": "integer", "n_goals_imputed": "integer", "n_indicators": "integer",
    "n_available": "integer", "n_dashboard": "integer", "n_trend": "integer", "whole": "boolean",
}
VERSION_COLUMNS = {"version": "string", "created": "string", "parent": "string", "current": "boolean",
                   "demo": "boolean", "note": "string", "places": "integer", "indicators": "integer",
                   "observations": "integer", "projects": "integer"}
EXPLORE_COLUMNS = {"place_id": "string", "position": "integer", "name": "string", "country_iso3": "string",
                   "area": "string", "un_region": "string", "un_subregion": "string", "population": "number",
                   "year": "integer", "value": "number", "unit": "string", "value_year": "integer",
                   "x_value_year": "integer", "y_value_year": "integer", "score": "number",
                   "rating": "string", "trend": "string", "rank": "integer", "colour": "string",
                   "arrow": "string"}
PROJECT_EXTRA = {"place_name": "string", "un_region": "string", "country_iso3": "string"}


def described(table: str, types: dict[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, kind, SPECIFIC.get((table, name), MEANINGS.get(name, "")))
                 for name, kind in types.items())


def canonical(table: str) -> tuple[Column, ...]:
    return described(table, {name: TYPES[dtype] for name, dtype in schema.TABLES[table].items()})


def scores(table: str) -> tuple[Column, ...]:
    return described(table, {name: SCORE_TYPES.get(name, "number") for name in SCORE_COLUMNS[table]})


PLACES = canonical("places")
INDICATORS = canonical("indicators")
OBSERVATIONS = canonical("observations")
PROJECTS = described("projects", {**{n: TYPES[t] for n, t in schema.PROJECTS.items()}, **PROJECT_EXTRA})
INDICATOR_SCORES = scores("indicator_scores")
GOAL_SCORES = scores("goal_scores")
INDEX = scores("index")
VERSIONS = described("versions", VERSION_COLUMNS)
EXPLORE = described("explore", EXPLORE_COLUMNS)
