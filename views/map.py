"""The map: every place coloured by the SDG Index or one goal, for a year; places or country means."""

from __future__ import annotations

from dataclasses import dataclass

from layouts import maps, names, scores, summaries
from layouts.i18n import N_, _
from layouts.reference import arrow, goal_label, rating
from loaders.store import StoreData
from views.base import NotAvailable, Table, View, prepared
from views.params import Declaration, Param, encode

GOALS = ("index", *(str(g) for g in range(1, 18)))
KINDS = ("places", "countries")


@dataclass(frozen=True)
class Context:
    years: list[int]


def context(store: StoreData) -> Context:
    return prepared(store, years_context)


def years_context(store: StoreData) -> Context:
    return Context(scores.years(store))


def year_bounds(ctx: Context, _values: dict) -> tuple[int, int]:
    return (ctx.years[0], ctx.years[-1]) if ctx.years else (0, 0)


def last_year(ctx: Context, _values: dict) -> int | None:
    return ctx.years[-1] if ctx.years else None


DECLARATION = Declaration((
    Param("goal", "choice", N_("Colour by"), GOALS, "index",
          description="A goal number 1-17, or index for the SDG Index.", example="6"),
    Param("year", "integer", N_("Year"), default=last_year, bounds=year_bounds,
          description="Year of the scores; default the latest.", example="2020"),
    Param("view", "choice", N_("Show"), KINDS, "places",
          description="places, or countries (the mean of each country's places).", example="countries"),
))


@dataclass(frozen=True)
class State:
    goal: str = "index"
    year: int | None = None
    view: str = "places"

    @property
    def goal_number(self) -> int | None:
        return None if self.goal == "index" else int(self.goal)


def parse(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    values, problems = DECLARATION.read(raw, context(store))
    return State(**values), problems


def query(state: State, store: StoreData) -> dict[str, str]:
    return DECLARATION.write(vars(state), context(store))


def build(store: StoreData, state: State) -> View:
    """Title, figure, summary and table of one state of the map."""
    if state.year is None:
        raise NotAvailable(_("This data holds no scores yet."))
    goal, year = state.goal_number, state.year
    frame = scores.place_scores(store, goal, year)
    title = (_("SDG Index, {year}").format(year=year) if goal is None
             else _("{subject}, {year}").format(subject=goal_label(goal), year=year))
    subtitle = _("mean score of each country's places") if state.view == "countries" else ""
    if state.view == "countries":
        figure = maps.country_map(scores.country_means(frame), title)
    else:
        figure = maps.place_map(frame, title, by_rating=goal is not None)
    figure.update_layout(title=None, margin={"t": 30})
    canonical = query(state, store)
    api = "/api/v1/scores/" + ("index" if goal is None else "goals") + encode(
        {"goal": goal, "year": year})
    return View(title, summaries.map_summary(frame, goal, year), place_table(frame, goal, title),
                "/" + encode(canonical), figure=figure, subtitle=subtitle, api_path=api, query=canonical)


def place_table(frame, goal: int | None, title: str) -> Table:
    listing = frame.assign(link="/city/" + frame["place_id"],
                           country_iso3=once_each(frame["country_iso3"], names.country))
    columns = {"name": _("Place"), "country_iso3": _("Country"), "score": _("Score")}
    if goal is not None:
        columns.update({"rating": _("Rating"), "trend": _("Trend")})
        listing["rating"] = once_each(listing["colour"], rating)
        listing["trend"] = once_each(listing["arrow"], lambda a: " ".join(arrow(a)))
    else:
        columns["rank"] = _("Rank")
    listing = listing.rename(columns=columns)[[*columns.values(), "link"]]
    return Table(listing, _("Places by score: {title}").format(title=title), {_("Place"): "link"})


def once_each(column, words) -> list:
    """`words` of every value of a column, called once per distinct value (countries, ratings)."""
    found: dict = {}
    return [found[v] if v in found else found.setdefault(v, words(v)) for v in column.astype(object).tolist()]
