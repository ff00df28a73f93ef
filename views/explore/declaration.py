"""The explore view's parameters, declared once: name, kind, label, allowed values and default."""

from __future__ import annotations

from layouts.i18n import N_
from views.explore import options as explore_options
from views.explore.allowed import (
    all_indicators,
    first_measured,
    first_year,
    geography,
    goals,
    indicators,
    known_periods,
    last_year,
    offered_views,
    opening_goal,
    opening_measure,
    opening_view,
    opening_year,
    other_indicators,
    place_ids,
    scatter_default,
    targets,
    year_bounds,
)
from views.explore.model import BANDS, MEASURES, SORTS
from views.params import Declaration, Param

DECLARATION = Declaration(
    (
        Param(
            "view",
            "choice",
            N_("Chart"),
            offered_views,
            opening_view,
            description="Which view's rows (default: ranking; for data of one place, trend).",
            example="ranking",
        ),
        Param(
            "goal",
            "choice",
            N_("Goal"),
            goals,
            opening_goal,
            description="SDG goal: its goal score (default: the SDG Index, or where it ranks no place "
            "the goal most places have a score for).",
            example="3",
            value_type="integer",
        ),
        Param(
            "target",
            "choice",
            N_("Target"),
            targets,
            description="SDG target, narrowing the indicator choice.",
            example="3.9",
        ),
        Param(
            "indicator",
            "choice",
            N_("Indicator"),
            indicators,
            first_measured,
            description="An indicator: its scores or values (default: none, so the goal's or the index's "
            "scores; for data of one place, the indicator with the most years of values).",
            example="pm25-concentration",
        ),
        Param(
            "measure",
            "choice",
            N_("Show"),
            tuple(MEASURES),
            opening_measure,
            description="score, or value (an indicator's own unit; the default for data of one place, and "
            "for an indicator of no stated direction where no goal is scored).",
            example="value",
        ),
        Param(
            "region",
            "choice",
            N_("UN region"),
            geography(lambda places, _s: explore_options.region_options(places)),
            description="UN region.",
            example="Africa",
        ),
        Param(
            "year",
            "year",
            N_("Year"),
            default=opening_year,
            bounds=year_bounds,
            periods=known_periods,
            description="Year of ranking, table, distribution and scatter, or a period the data "
            "writes (2020-21: its end year); default the latest in which the SDG Index ranks a place.",
            example="2020",
        ),
        Param(
            "from",
            "year",
            N_("From"),
            default=first_year,
            bounds=year_bounds,
            periods=known_periods,
            attr="start",
            description="First year of the time series, or a period the data writes (2018-19).",
            example="2018",
        ),
        Param(
            "to",
            "year",
            N_("To"),
            default=last_year,
            bounds=year_bounds,
            periods=known_periods,
            attr="end",
            description="Last year of the time series, or a period the data writes (2020-21).",
            example="2020",
        ),
        Param(
            "size",
            "flag",
            N_("Point size"),
            on="population",
            description="Scatter: population to size points.",
            example="population",
        ),
        Param(
            "sort",
            "choice",
            N_("Order"),
            tuple(SORTS),
            "score-desc",
            description="Table order.",
            example="name-asc",
        ),
        Param(
            "q",
            "text",
            N_("Find a place by name"),
            attr="find",
            description="Table: places whose name contains this text.",
            example="san",
        ),
        Param(
            "subregion",
            "choice",
            N_("UN subregion"),
            geography(explore_options.subregion_options),
            description="UN subregion.",
            example="Eastern Africa",
        ),
        Param(
            "country",
            "choice",
            N_("Country"),
            geography(explore_options.country_options),
            description="ISO3 country code.",
            example="KEN",
        ),
        Param(
            "band", "choice", N_("Population"), tuple(BANDS), description="Population band.", example="large"
        ),
        Param(
            "places",
            "many",
            N_("Places (leave empty for all)"),
            place_ids,
            description="place_ids, comma-separated (default: every place that passes).",
            example="ken-nairobi",
        ),
        Param(
            "x",
            "choice",
            N_("Across (x)"),
            all_indicators,
            scatter_default(0),
            description="Scatter: indicator across.",
            example="pm25-concentration",
        ),
        Param(
            "y",
            "choice",
            N_("Up (y)"),
            other_indicators,
            scatter_default(1),
            description="Scatter: indicator up.",
            example="water-access",
        ),
    )
)
