"""A city profile's views: its 17 goals, one indicator over time, goal scores beside other places,
and its districts; declared once for the city page and its four embeds."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from layouts import (
    as_published,
    city,
    explain,
    facts,
    i18n,
    indicator_tables,
    place_facts,
    scores,
    sparklines,
    summaries,
    texts,
    year_spans,
)
from layouts import indicator_rows as place_rows
from layouts import years as written_years
from layouts.districts import city_districts, outlined_districts
from layouts.echo import MOST, said
from layouts.i18n import N_, _, ngettext
from layouts.reference import arrow, goal_label, not_applicable, rating
from layouts.static_tree import StaticTree
from loaders.store import StoreData
from views import districts as district_views
from views.base import NotAvailable, Table, View, prepared
from views.params import Declaration, Known, Param, encode

MAX_COMPARE = 3


@dataclass(frozen=True)
class Context:
    places: pd.DataFrame
    """Every place, indexed by place_id."""
    mapped: list[str]
    """Places that can carry scores (cities and districts), the ones a comparison may name."""
    years: list[int]
    place_ids: Known
    """Every place id, to check a URL's place against."""
    comparable: Known
    """`mapped`, to check a URL's comparison against."""
    opening: dict[str, int] = field(default_factory=dict)
    """The year each place's page opens on (`scores.place_opening_years`)."""
    kinds: tuple[str, ...] = scores.LOCAL_KINDS
    """The kinds of `comparable` places (`scores.mapped_kinds`)."""
    periods: dict[str, int] = field(default_factory=dict)
    """The periods the data writes, with the year each stands for (`years.known_periods`): the
    address's `year` may name one, as the page writes it."""


def city_context(store: StoreData) -> Context:
    places = store.places.set_index("place_id", drop=False)
    mapped = list(scores.mapped_places(store)["place_id"])
    return Context(places, mapped, scores.years(store), Known.of(places.index), Known.of(mapped),
                   scores.place_opening_years(store), scores.mapped_kinds(store),
                   written_years.known_periods(store))


def context(store: StoreData) -> Context:
    return prepared(store, city_context)


def place_choices(ctx: Context, _values: dict) -> Known:
    return ctx.place_ids


def year_bounds(ctx: Context, _values: dict) -> tuple[int, int]:
    return (ctx.years[0], ctx.years[-1]) if ctx.years else (0, 0)


def known_periods(ctx: Context, _values: dict) -> dict[str, int]:
    return ctx.periods


def place_year(ctx: Context, values: dict) -> int | None:
    """The year the place's page opens on, else the latest year of the store."""
    found = ctx.opening.get(values.get("place"))  # type: ignore[arg-type]
    return found if found is not None else (ctx.years[-1] if ctx.years else None)


def compare_choices(ctx: Context, values: dict) -> Known:
    return ctx.comparable.without(values.get("place"))


DECLARATION = Declaration((
    Param("place", "choice", N_("Place"), place_choices, description="place_id of the city.",
          example="ken-nairobi", keep_unknown=True, max_length=200),
    Param("year", "year", N_("Year"), default=place_year, bounds=year_bounds, periods=known_periods,
          description="Year of the scores, or a period the data writes (2020-21: its end year); "
          "default the latest in which the place's SDG Index is ranked, else the latest with a goal score.",
          example="2020"),
    Param("indicator", "text", N_("Indicator"), description="indicator_id of the trend chart "
          "(default the city's first indicator with data), or of the district map (default the "
          "indicator with values for most districts; one without district values answers 404).",
          example="pm25-concentration", max_length=200),
    Param("compare", "many", N_("Compare side by side with (up to 3)"), compare_choices,
          description="Up to three place_ids to set beside the city.", example="uga-kampala"),
))


@dataclass(frozen=True)
class State:
    place: str | None = None
    year: int | None = None
    indicator: str = ""
    compare: tuple[str, ...] = ()


def parse(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    """The page's state: its indicator (the trend's) one of the city's own, else the default, said."""
    state, problems = read(raw, store)
    if state.place and state.year is not None:
        available = indicator_ids(store, state)
        if state.indicator and state.indicator not in available:
            problems.append(_("The address asks for {key} '{value}', which is not known here; "
                              "the default is shown instead.").format(
                key="indicator", value=said(state.indicator)))
            state = State(state.place, state.year, "", state.compare)
    return state, problems


def parse_districts(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    """The district map's state: its indicator is checked against its districts' values when it is
    built (`districts`), not against the city's own: Bristol's ward map drew its default indicator
    whatever the address asked."""
    return read(raw, store)


def read(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    """The address's values, with what was wrong with them; the indicator is not checked here."""
    raw, said = checked_compare(raw, context(store))
    values, problems = DECLARATION.read(raw, context(store))
    problems = [*said, *problems]
    if len(values["compare"]) > MAX_COMPARE:
        others = [str(context(store).places["name"].get(p, p)) for p in values["compare"][MAX_COMPARE:]]
        problems.append(_("Up to {count} places are compared side by side; the others ({places}) are "
                          "left out.").format(count=MAX_COMPARE, places=i18n.join(others)))
    values["compare"] = values["compare"][:MAX_COMPARE]
    return State(**values), problems


def left_out(kind: str, places: str, count: int) -> str:
    """Why places of another kind than the comparable ones (of `kind`, `scores.mapped_kinds`) are
    left out of a comparison: a store of regions and their country compares its regions."""
    if kind == "country":
        return ngettext("Only countries are compared side by side here, so {places} is left out.",
                        "Only countries are compared side by side here, so {places} are left out.",
                        count).format(places=places)
    if kind == "region":
        return ngettext("Only regions are compared side by side here, so {places} is left out.",
                        "Only regions are compared side by side here, so {places} are left out.",
                        count).format(places=places)
    return ngettext("Only cities and districts are compared side by side, so {places} is left out.",
                    "Only cities and districts are compared side by side, so {places} are left out.",
                    count).format(places=places)


def checked_compare(raw: dict, ctx: Context) -> tuple[dict, list[str]]:
    """The address's comparison without the places it cannot have, and why each is left out: the
    city itself, a place that is not a city or district (a country), or one this data does not have
    (they were all "unknown compare" before)."""
    value = raw.get("compare")
    value = value[-1] if isinstance(value, list) and value else value
    if not value or not isinstance(value, str):
        return raw, []
    place = raw.get("place")
    asked = list(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    names = ctx.places["name"]
    itself = [part for part in asked if part == place]
    other_kinds = [part for part in asked
                   if part != place and part in ctx.place_ids and part not in ctx.comparable]
    unknown = [part for part in asked if part not in ctx.place_ids]
    told = []
    if itself and place in ctx.place_ids:
        told.append(_("{place} is not compared with itself.").format(place=names.get(place, place)))
    if other_kinds:
        told.append(left_out(ctx.kinds[0], i18n.join([str(names.get(part, part)) for part in other_kinds]),
                             len(other_kinds)))
    if unknown:
        told.append(ngettext(
            "The address asks to compare with {places}, which is not in this data; it is left out.",
            "The address asks to compare with {places}, which are not in this data; they are left out.",
            len(unknown)).format(places=said(i18n.join(unknown), 2 * MOST)))
    kept = [part for part in asked if part not in itself and part not in other_kinds and part not in unknown]
    return {**raw, "compare": ",".join(kept)}, told


def query(state: State, store: StoreData) -> dict[str, str]:
    """The page's query: the place is in the path, the indicator only when not the first."""
    values = vars(state).copy()
    if state.indicator and state.indicator == (indicator_ids(store, state) or [""])[0]:
        values["indicator"] = ""
    return {k: v for k, v in DECLARATION.write(values, context(store)).items() if k != "place"}


def place_row(store: StoreData, state: State) -> pd.Series:
    if not state.place:
        raise NotAvailable(_("Name a place: add ?place=<place id> to the address."))
    places = context(store).places
    if state.place not in places.index:
        raise NotAvailable(_("There is no place '{place}' in this data.").format(place=said(state.place)))
    if state.year is None:
        raise NotAvailable(_("This data holds no scores yet."))
    return places.loc[state.place]


def indicator_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """`layouts.indicator_rows.indicator_rows`: read once per place, year and language (a page asks 5 times).
    A cache without the language once gave a Spanish page the English names of an earlier visit."""
    return place_rows.indicator_rows(store, place_id, year)


def indicator_ids(store: StoreData, state: State) -> list[str]:
    return place_rows.indicator_ids(store, state.place, state.year) if state.year is not None else []


def full_path(state: State, store: StoreData) -> str:
    return f"/city/{state.place}" + encode(query(state, store))


def goal_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    if "goal_scores" not in store.tables:
        return pd.DataFrame(columns=["place_id", "goal", "year", "score", "colour", "arrow"])
    rows = store.select("goal_scores", place_id=place_id, year=year)
    return rows if rows["goal"].is_monotonic_increasing else rows.sort_values("goal")


def published_goals(store: StoreData, place_id: str, year: int) -> pd.DataFrame | None:
    """The goal ratings the source itself published for the place and year, when it did."""
    table = store.tables.get("published_goal_scores")
    if table is None:
        return None
    rows = table[(table["place_id"].astype("string") == place_id) & (table["year"] == year)]
    return rows.drop_duplicates("goal", keep="last")  # a store that kept one index read twice


def index_row(store: StoreData, place_id: str, year: int) -> pd.Series | None:
    table = store.tables.get("index")
    if table is None:
        return None
    rows = table[(table["place_id"] == place_id) & (table["year"] == year)]
    return rows.iloc[0] if len(rows) else None


def project_goal_counts(store: StoreData, place_id: str) -> dict[int, int]:
    """How many of the place's projects name each goal (a city has a few: counted in Python, not by
    a frame split and exploded, about 1 ms a page)."""
    counts: dict[int, int] = {}
    for listed in place_rows.place_project_columns(store, place_id, ("goals",))["goals"]:
        if i18n.missing(listed):
            continue
        for part in str(listed).split(";"):
            try:
                number = float(part)
            except ValueError:
                continue
            if math.isfinite(number):
                counts[int(number)] = counts.get(int(number), 0) + 1
    return counts


def goals(store: StoreData, state: State, known: place_facts.CityFacts | None = None,
          why: dict[int, tuple[str, str]] | None = None, counts: dict[int, int] | None = None,
          rows: pd.DataFrame | None = None, tiles_only: bool = False) -> View:
    """The 17 goal tiles (a picture draws them as bars), the city's summary and a goal table. A page
    that has the city's facts, reasons, project counts and goal rows already passes them (each took
    a few milliseconds, twice per city page). `tiles_only`: the city page, which shows the tiles and
    the summary, gets neither the table nor the picture (2 ms of every page)."""
    place = place_row(store, state)
    rows = goal_rows(store, state.place, state.year) if rows is None else rows
    path = full_path(State(state.place, state.year), store)
    counts = project_goal_counts(store, state.place) if counts is None else counts
    tiles = city.goal_tiles(rows, counts, reasons(store, state, rows) if why is None else why,
                            rated=not rates_nothing(store))
    known = city_facts(store, state, rows) if known is None else known
    title = summaries.goals_title(place["name"], state.year, known.values)
    published = published_goals(store, state.place, state.year)
    # Los Angeles' site alone: why it has no score
    alone = summaries.alone_sentence(str(place["name"]), on_its_page=True) if (
        known.goals_scored == 0 and known.values.known and len(scores.mapped_places(store)) == 1) else ""
    # a largest challenge or strongest result resting on a guessed direction says so, as the map does:
    # a València district's "largest challenge" was its 0 deaths of children under 5, scored as higher
    # is better because the source named no direction
    named = sorted({goal for goal, _score in (known.worst, known.best) if goal is not None}) \
        if known.worst and known.best else []
    guessed = summaries.assumed_goals_sentence(
        [(goal, *facts.assumed_directions(store, goal)) for goal in named])
    found = as_published.agreement(published, rows, ["place_id", "goal", "year"])
    agreed = summaries.agreement_sentence(found, "goals")
    unrated = summaries.unrated_sentence() if known.goals_scored and rates_nothing(store) else ""
    summary = " ".join(part for part in (summaries.city_summary(known), unrated, guessed, alone, agreed)
                       if part)
    if tiles_only:
        return View(title, summary, None, path, body=tiles)
    listing = pd.DataFrame({_("Goal"): [goal_label(int(g)) for g in rows["goal"]],
                            _("Score"): rows["score"].to_numpy(),
                            _("Rating"): [rating(c) for c in rows["colour"]],
                            _("Trend"): [" ".join(arrow(a)) for a in rows["arrow"]]})
    if published is not None and len(published):
        listing[_("Rating published by the source")] = [
            rating(c) for c in rows[["goal"]].merge(published, on="goal", how="left")["colour"]]
    scored = int(pd.to_numeric(rows["score"], errors="coerce").notna().sum()) if len(rows) else 0
    caveat = ngettext("Only {count} of the 17 goals has a score here; the others are not drawn.",
                      "Only {count} of the 17 goals have a score here; the others are not drawn.",
                      scored).format(count=i18n.integer(scored)) if 0 < scored < 17 else ""
    return View(title, summary, Table(listing, title), path, body=tiles, picture=city.goal_figure(rows),
                api_path="/api/v1/scores/goals" + encode({"place": state.place, "year": state.year}),
                query=query(State(state.place, state.year), store), caveat=caveat)


def goal_table(store: StoreData, state: State, goal: int) -> StaticTree | None:
    """The indicator table of one of the city's goals for the state's year (None: the goal has no
    indicator there), which the page sends when its reader opens the goal's section."""
    place_row(store, state)
    rows = place_rows.table_rows(store, state.place, state.year, goal)
    if rows.empty:
        return None
    counts = place_rows.target_project_counts(place_rows.place_projects(store, state.place))
    return indicator_tables.indicator_table(rows, goal, state.place, counts)


def goals_shown(known: place_facts.CityFacts, indicators: pd.DataFrame) -> bool:
    """Whether the city page shows the 17 goal tiles: where a goal has a score or an indicator of a
    goal has a value. A place none of whose indicators belongs to a goal (Benin's départements: the
    source's pillars instead) had 17 tiles saying "no score" under a heading claiming values."""
    return known.goals_scored or bool("goal" in indicators and indicators["goal"].notna().any())


def city_facts(store: StoreData, state: State, rows: pd.DataFrame | None = None) -> place_facts.CityFacts:
    """What the city's goal tiles, title, header and summary may say for the state's year (`rows`:
    the place's goal rows of that year, when read already)."""
    place = place_row(store, state)
    values = store.select("indicator_scores", place_id=state.place)  # the slice the page has read
    this_year = (values["year"] == state.year).to_numpy(dtype=bool, na_value=False)
    chosen = this_year & values["in_index"].astype("boolean").to_numpy(dtype=bool, na_value=False)
    other = this_year & values["score"].notna().to_numpy(dtype=bool)  # of no goal, with a score
    if "goal" in values:
        other &= pd.to_numeric(values["goal"], errors="coerce").isna().to_numpy(dtype=bool)
    else:
        other[:] = False
    rows = goal_rows(store, state.place, state.year) if rows is None else rows
    return place_facts.city_facts(place["name"], rows,
                            place_facts.index_facts(store, state.place, state.year), state.year,
                            year_spans.value_years(values.iloc[np.flatnonzero(chosen)], store),
                            context(store).opening.get(state.place),
                            int(values.loc[other, "indicator_id"].nunique()) if other.any() else 0)


def reasons(store: StoreData, state: State, rows: pd.DataFrame | None = None,
            indicators: pd.DataFrame | None = None) -> dict[int, tuple[str, str]]:
    """Why each goal of the city has its rating: (the tile's short words, the full sentence)."""
    rows = goal_rows(store, state.place, state.year) if rows is None else rows
    if indicators is None:
        indicators = place_rows.indicator_rows(store, state.place, state.year)
    rule = store.meta.get("options", {}).get("goal_colour_rule", "two_worst")
    place = place_row(store, state)
    summed = store.prepared(whole_totals).get(str(state.place), frozenset())
    found = explain.goal_reasons(indicators, rows, store.prepared(indicator_totals), rule,
                                 not_applicable(place.get("kind"), place.get("country_iso3")), summed)
    if rates_nothing(store):  # said once in the summary (`unrated_sentence`), not on each of 17 tiles
        unrated = _("No rated indicator")
        found = {goal: ("" if short == unrated else short, full) for goal, (short, full) in found.items()}
    return found


def rates_nothing(store: StoreData) -> bool:
    """Whether no indicator of any goal has thresholds to rate it by: Bolivia's atlas states none, and
    each of a municipality's 17 tiles said "not rated" and "No rated indicator"."""
    return not scores.rated_goal(store, None)  # the map's rule, made once per version


def whole_totals(store: StoreData) -> dict[str, frozenset[str]]:
    """Per whole, the indicators on which its value is its parts' total, so not scored
    (`normalise.whole_totals`), once per version."""
    bounds = store.tables.get("bounds")
    if bounds is None or "whole_totals" not in bounds:
        return {}
    found: dict[str, set[str]] = {}
    for indicator, wholes in zip(bounds["indicator_id"].astype(str), bounds["whole_totals"].fillna(""),
                                 strict=True):
        for whole in filter(None, str(wholes).split(";")):
            found.setdefault(whole, set()).add(indicator)
    return {whole: frozenset(ids) for whole, ids in found.items()}


def green_thresholds(store: StoreData) -> dict[str, float]:
    """Each indicator's green threshold by id, once per version (the trend chart draws it)."""
    bounds = store.tables.get("bounds")
    if bounds is None or "green_threshold" not in bounds:
        return {}
    return dict(zip(bounds["indicator_id"].astype(str), bounds["green_threshold"], strict=True))


def indicator_totals(store: StoreData) -> dict[int, int]:
    """`explain.goal_totals` of the version's indicators, counted once (1 ms a page otherwise)."""
    return explain.goal_totals(store.indicators)


def trend(store: StoreData, state: State) -> View:
    """One indicator of the city over the years, up to the state's year."""
    place = place_row(store, state)
    available = indicator_ids(store, state)
    if not available:
        raise NotAvailable(_("{place} has no indicator data.").format(place=place["name"]))
    indicator = state.indicator or available[0]
    obs = store.select("observations", place_rows.PLACE_OBSERVATIONS, place_id=state.place)
    keep = ((obs["indicator_id"] == indicator).to_numpy(dtype=bool, na_value=False)
            & (obs["breakdown"] == "").to_numpy(dtype=bool, na_value=False)
            & (obs["year"] <= state.year).to_numpy(dtype=bool, na_value=False))
    series = obs.iloc[np.flatnonzero(keep)]
    if not series["year"].is_monotonic_increasing:
        series = series.sort_values("year", kind="stable")
    shown = place_rows.indicator_details(store).loc[indicator]  # name and unit in the reader's language
    # a name in another language says so once, in the title (which an embed shows too), not again
    # in the axis, the sentence and the table's caption below it
    name, unit = shown["name"], ("" if pd.isna(shown["unit"]) else shown["unit"])
    green = store.prepared(green_thresholds).get(indicator)
    years = series["year"].to_numpy(dtype="int64")
    values = pd.to_numeric(series["value"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    history = pd.Series(values, index=pd.Index(years, name="year"), name="value")
    told = written_years.written_all(years.tolist(), series["year_label"].astype(object).tolist())
    figure = sparklines.trend_figure(history, name, unit, shown["target_value"], green, told)
    spelled = sparklines.value_texts(values.tolist())
    table = Table(pd.DataFrame({_("Year"): told, _("Value"): spelled, _("Flag"): series["flag"].array}),
                  _("{indicator} by year").format(indicator=name),
                  nowrap=written_years.periods(_("Year"), told))
    language = shown["name_language"]
    drawn = np.flatnonzero(~np.isnan(values))
    span = year_spans.Years.of_rows(pd.Series(years[drawn]), series["year_label"].iloc[drawn])
    title = trend_title(place["name"], texts.marked(name, language), span)
    chosen = State(state.place, state.year, indicator)
    points = list(zip(told, spelled, strict=True))
    return View(title, summaries.series_sentence(name, unit, points), table, full_path(chosen, store),
                figure=figure, languages=texts.foreign_words(pd.Series([name]), pd.Series([language])),
                api_path="/api/v1/observations" + encode({"place": state.place, "indicator": indicator}),
                query=query(chosen, store))


def trend_title(place: str, indicator: str, drawn: year_spans.Years) -> str:
    """The trend's title with the span of years it draws, as the years rule writes them ("Bristol:
    ..., 2018-19 to 2020-21"): an embed's heading, and so its frame's title, said no year."""
    if not drawn.known:
        return _("{place}: {indicator}").format(place=place, indicator=indicator)
    return _("{place}: {indicator}, {years}").format(place=place, indicator=indicator, years=drawn.text())


def compare(store: StoreData, state: State) -> View:
    """Goal scores of the city and up to three other places, side by side."""
    place = place_row(store, state)
    ids = [state.place, *state.compare]
    frame = city.compare_frame(store, ids, state.year)
    names = list(frame.columns[1:])
    title = _("Goal scores, {year}").format(year=state.year)
    figure = city.compare_figure(frame)
    summary = _("Goal scores of {places} in {year}, side by side.").format(
        places=i18n.join(names), year=state.year)
    table = Table(frame.rename(columns={"goal": _("Goal")}), title)
    return View(_("{place}: {title}").format(place=place["name"], title=title), summary, table,
                full_path(state, store), figure=figure, query=query(state, store),
                api_path="/api/v1/scores/goals" + encode({"place": ids, "year": state.year}))


def districts(store: StoreData, state: State) -> View:
    """The city's districts on a map, for the state's indicator, else the one with most district
    data; an indicator the districts have no value of is refused (NotAvailable), not replaced."""
    place = place_row(store, state)
    view = district_views.district_view(store, state.place, state.year, state.indicator)
    if view is None:
        if not outlined_districts(store, state.place).empty:  # Bristol's wards before their first year
            raise NotAvailable(_("The districts of {place} have no values up to {year}.").format(
                place=place["name"], year=state.year))
        if not city_districts(store.places, state.place).empty:  # Baltimore's 96: no outline to draw
            raise NotAvailable(_("The districts of {place} have no outlines to draw on a map; the city's "
                                 "page links each of them.").format(place=place["name"]))
        raise NotAvailable(_("{place} has no district data.").format(place=place["name"]))
    # the full page draws its district map for its default indicator (its own `indicator` is the
    # trend's), so the link leaves it out; the embed's canonical query keeps the one asked
    view.full_path = full_path(State(state.place, state.year), store)
    page = query(State(state.place, state.year), store)
    view.query = {**page, "indicator": state.indicator} if state.indicator else page
    return view
