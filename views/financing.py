"""Financing and procurement for analysts: how a region's projects are paid for and contracted, and which
goals rated red get the least; declared once for the financing page and its three embeds."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from layouts import design, names, projects, projects_text
from layouts import projects_figures as figures
from layouts.i18n import N_, _
from layouts.reference import goal_label
from layouts.scores import years as scored_years
from loaders.store import StoreData
from views.base import Table, View
from views.params import Declaration, Param, download_url, encode
from views.projects import context, regions

CHARTS = ("financing-gaps", "financing-sources", "financing-methods")
"""The page's charts as embeds, in the order `charts` gives them."""
NO_SCORES = pd.DataFrame({"place_id": pd.Series(dtype="string"), "goal": pd.Series(dtype="int64"),
                          "year": pd.Series(dtype="int64"), "colour": pd.Series(dtype="string")})

DECLARATION = Declaration((
    Param("region", "choice", N_("UN region"), regions, description="UN region.", example="Africa"),
))


@dataclass(frozen=True)
class State:
    region: str | None = None


def parse(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    values, problems = DECLARATION.read(raw, context(store))
    return State(**values), problems


def query(state: State, store: StoreData) -> dict[str, str]:
    return DECLARATION.write(vars(state), context(store))


def mix_table(frame: pd.DataFrame, column: str, header: str, caption: str) -> Table:
    shown = pd.DataFrame({header: figures.shown(frame, column), _("Projects"): frame["projects"].to_numpy(),
                          _("Budget"): frame["budget_usd"].map(projects_text.usd).to_numpy(),
                          _("% of budget"): [projects_text.share(s, 1) for s in frame["budget_share"]]})
    return Table(shown, caption)


def gap_table(gaps: pd.DataFrame, year: int | None) -> Table:
    shown = pd.DataFrame({
        _("Goal"): gaps["goal"].map(goal_label), _("Projects"): gaps["projects"],
        _("Budget"): gaps["budget_usd"].map(projects_text.usd),
        _("% of budget"): gaps["budget_share"].map(lambda s: projects_text.share(s, 1)),
        _("Places rated"): gaps["places_rated"], _("Places red"): gaps["places_red"],
        _("% red"): gaps["red_share"].map(projects_text.share),
        _("Flag"): gaps["flagged"].map({True: _("red, few projects"), False: ""})})
    if year is None:
        caption = _("Goals by funding gap (no ratings): share of places rated red against share of budget")
    else:
        caption = _("Goals by funding gap ({year}): share of places rated red against share of "
                    "budget").format(year=year)
    return Table(shown, caption)


def charts(store: StoreData, state: State) -> tuple[list[View], str]:
    """The three charts for a UN region (None = every place), and the page's summary sentence."""
    cat = context(store)
    region = state.region
    sel = projects.select(cat, projects.Filters(region=region))
    region_name = names.region(region) if region else None
    places = cat.places if region is None else cat.places[cat.places["un_region"] == region]
    years = scored_years(store)
    scores = store.select("goal_scores", year=years[-1]) if years and "goal_scores" in store.tables else None
    gaps, year = projects.goal_gaps(sel, NO_SCORES if scores is None else scores, places["place_id"])
    funding, methods = projects.by_funding(sel), projects.by_procurement(sel)
    stated = bool(projects_text.stated_budgets(sel.projects).any())
    query = DECLARATION.write(vars(state), cat)
    path, api = "/projects/financing" + encode(query), download_url("projects", query, "csv")
    where = region_name or _("all places")
    parts = [
        (_("Which goals get funded least, relative to their rating"),
         figures.gap_scatter(gaps) if gaps["red_share"].notna().any() else None,
         projects_text.gap_summary(gaps, year, region_name), gap_table(gaps, year),
         _("Below the dotted line a goal's share of the budget is smaller than its share of places "
           "rated red. A cross marks a goal where a quarter or more of places are red and projects "
           "number under half the mean per goal.")),
        (_("Share of budget by funding source"), budget_bars(funding, "source"),
         projects_text.budget_summary(funding, "source", stated),
         mix_table(funding, "source", _("Source"), _("Budget by funding source")),
         _("A project with several sources has its budget shared equally among them.")),
        (_("Share of budget by procurement method"), budget_bars(methods, "method"),
         projects_text.budget_summary(methods, "method", stated),
         mix_table(methods, "method", _("Method"), _("Budget by procurement method")), ""),
    ]
    # a chart with nothing to draw is its sentence alone, as on the projects page: Berlin's 420 projects
    # without budgets or ratings drew an empty plane with its diagonal and a "0.0% not stated" bar
    views = [View(title, summary, table, path, figure=None if figure is None else design.chart(figure),
                  subtitle=where, api_path=api, query=query, hint=hint if figure is not None else "")
             for title, figure, summary, table, hint in parts]
    return views, projects_text.overview(sel, len(cat.projects), region_name)


def budget_bars(frame: pd.DataFrame, column: str) -> dict | None:
    """Shares of the budget, or None where no matching project reports one."""
    shares = pd.to_numeric(frame["budget_share"], errors="coerce") if len(frame) else pd.Series(dtype=float)
    return figures.budget_share_bars(frame, column) if shares.fillna(0).gt(0).any() else None


def chart(name: str):
    """The builder of one chart embed, by its name in CHARTS."""
    def build(store: StoreData, state: State) -> View:
        return charts(store, state)[0][CHARTS.index(name)]
    return build
