"""The map: every place coloured by the SDG Index or one goal, for a year; places or country means."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from layouts import as_published, facts, i18n, maps, names, ranking, scores, summaries, texts, year_spans
from layouts import years as written_years
from layouts.i18n import N_, _
from layouts.reference import arrow, goal_label, rating
from layouts.score_range import score_range
from loaders.store import StoreData
from views.base import NotAvailable, Table, View, prepared
from views.params import Declaration, Param, encode

GOALS = ("index", *(str(g) for g in range(1, 18)))
KINDS = ("places", "countries")
REGIONS = tuple(maps.REGIONS)
REGION_NAMES = {"africa": "Africa", "americas": "Americas", "asia": "Asia", "europe": "Europe",
                "oceania": "Oceania"}
"""Each zoom region and the UN region (M49) whose places it lists."""


@dataclass(frozen=True)
class Context:
    years: list[int]
    opening: int | None = None
    """The year a map opens on (`scores.opening_year`)."""
    goal: str = "index"
    """The goal a map opens on: the index, unless it ranks no place (`scores.opening_goal`)."""
    extent: tuple | None = None
    """The store's own (lon, lat) ranges for the world view (`scores.local_extent`); None: the world."""
    shapes: dict | None = None
    """The places' own areas drawn under their markers at that extent (`scores.local_shapes`)."""
    zooms: dict | None = None
    """Each region zoom's ranges, taken out to every place of the region (`scores.zoom_ranges`)."""
    regions: tuple[str, ...] = ()
    """The zooms that have places of the store (a city's wards: none but Europe's)."""
    scope: str = "world"
    """maps.USA for a store whose places all lie in the USA, some drawn as states (`us_scope`)."""
    periods: dict[str, int] = field(default_factory=dict)
    """The periods the data writes, with the year each stands for (`years.known_periods`): the
    address's `year` may name one, as the page writes it."""

    def ranges(self, region: str) -> tuple | None:
        """The (lon, lat) ranges a map of `region` draws; None: the world's."""
        return self.extent if region == "world" else (self.zooms or {}).get(region)


def context(store: StoreData) -> Context:
    return prepared(store, years_context)


def years_context(store: StoreData) -> Context:
    year = scores.opening_year(store)
    goal = scores.opening_goal(store, year)
    opening = "index" if goal is None else str(goal)
    places = scores.mapped_places(store)
    if us_scope(places):  # the map of the USA, which has no region to zoom to
        return Context(scores.years(store), year, opening, scope=maps.USA,
                       periods=written_years.known_periods(store))
    extent = scores.local_extent(store)
    found = set(places["un_region"].dropna().astype(str))
    return Context(scores.years(store), year, opening, extent,
                   scores.local_shapes(store, extent), scores.zoom_ranges(store, maps.REGIONS, REGION_NAMES),
                   tuple(key for key, name in REGION_NAMES.items() if name in found),
                   periods=written_years.known_periods(store))


def offers_countries(store: StoreData) -> bool:
    """Whether the map offers its countries' view: not where its places are countries (it would draw
    the same map again), nor where they all lie in one country (the map of the USA, Bolivia's
    municipalities, Bristol's wards: one country's mean, drawn alone, with no number said)."""
    return (scores.mapped_kinds(store) != ("country",) and context(store).scope == "world"
            and store.prepared(countries_mapped) > 1)


def countries_mapped(store: StoreData) -> int:
    """How many countries the map's places lie in (once per version)."""
    return int(scores.mapped_places(store)["country_iso3"].dropna().astype(str).str.upper().nunique())


def us_scope(places: pd.DataFrame) -> bool:
    """Whether a map of these places (`scores.mapped_places`) is the map of the USA: every one in the
    USA, and some drawn as a state's shape, which only that map's topology holds."""
    return (len(places) > 0 and bool(places["state"].notna().any())
            and bool((places["country_iso3"].astype("string").str.upper() == "USA").all()))


def opening_goal(ctx: Context, _values: dict) -> str:
    return ctx.goal


def year_bounds(ctx: Context, _values: dict) -> tuple[int, int]:
    return (ctx.years[0], ctx.years[-1]) if ctx.years else (0, 0)


def known_periods(ctx: Context, _values: dict) -> dict[str, int]:
    return ctx.periods


def opening_year(ctx: Context, _values: dict) -> int | None:
    return ctx.opening if ctx.opening is not None else (ctx.years[-1] if ctx.years else None)


DECLARATION = Declaration((
    Param("goal", "choice", N_("Colour by"), GOALS, opening_goal,
          description="A goal number 1-17, or index for the SDG Index; default the index, or where it "
          "ranks no place the goal most places have a score for.", example="6", numbered=True),
    Param("year", "year", N_("Year"), default=opening_year, bounds=year_bounds, periods=known_periods,
          description="Year of the scores, or a period the data writes (2020-21: its end year); "
          "default the latest in which the SDG Index ranks a place.",
          example="2020"),
    Param("view", "choice", N_("Show"), KINDS, "places",
          description="places, or countries (the mean of each country's places).", example="countries"),
    Param("region", "choice", N_("Zoom to"), REGIONS, "world",
          description="world, or one UN region (africa, americas, asia, europe, oceania): the map "
          "zooms to it and the ranking lists its places only.", example="africa"),
))


@dataclass(frozen=True)
class State:
    goal: str = "index"
    year: int | None = None
    view: str = "places"
    region: str = "world"

    @property
    def goal_number(self) -> int | None:
        return None if self.goal == "index" else int(self.goal)


def parse(raw: dict, store: StoreData) -> tuple[State, list[str]]:
    values, problems = DECLARATION.read(raw, context(store))
    return State(**values), problems


def query(state: State, store: StoreData) -> dict[str, str]:
    return DECLARATION.write(vars(state), context(store))


def shown_places(store: StoreData, state: State) -> pd.DataFrame:
    """The places of one state with their scores, best first (the index only where ranked)."""
    return places_and_wholes(store, state)[0]


def places_and_wholes(store: StoreData, state: State) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`shown_places`, and the places left out as the whole of others shown (`scores.split_wholes`)."""
    if state.year is None:
        raise NotAvailable(_("This data holds no scores yet."))
    goal, year = state.goal_number, state.year
    frame = withhold_unranked(scores.place_scores(store, goal, year)) if goal is None \
        else scores.place_scores(store, goal, year)
    if state.region in REGION_NAMES:
        frame = frame[frame["un_region"] == REGION_NAMES[state.region]].reset_index(drop=True)
    return scores.split_wholes(frame, scores.wholes(store))


def title_of(state: State) -> str:
    goal, year = state.goal_number, state.year
    return (_("SDG Index, {year}").format(year=year) if goal is None
            else _("{subject}, {year}").format(subject=goal_label(goal), year=year))


def table(store: StoreData, state: State) -> Table:
    """The table of one state alone (what a page sends when its reader opens the table)."""
    frame = shown_places(store, state)
    if state.view == "countries":
        return country_table(scores.country_means(frame), title_of(state))
    return place_table(frame, state.goal_number, title_of(state))


def build(store: StoreData, state: State, with_table: bool = True) -> View:
    """Title, figure, summary and table of one state of the map; without its table (None) with
    `with_table=False`, for a page that sends the table only when it is opened (`table`)."""
    frame, left_out = places_and_wholes(store, state)
    goal, year = state.goal_number, state.year
    title = title_of(state)
    notes = [names.region(REGION_NAMES[state.region])] if state.region in REGION_NAMES else []
    if state.view == "countries":
        notes.append(_("mean score of each country's places"))
    subtitle = "; ".join(notes)
    notes, goalless = [], []
    caveat = ""
    if state.view == "countries":
        means = scores.country_means(frame)
        figure = maps.country_map(means, "", state.region, context(store).ranges(state.region),
                                  score_range(means["score"]))
        summary = summaries.country_summary(country_facts(means, goal, year))
    else:
        values = value_span(store, frame, goal, year)
        known = facts.map_facts(frame, goal, year, values)
        if known.scored_unrated and not scores.rated_goal(store, goal):
            known = replace(known, no_thresholds=True)
        by_rating = goal is not None and known.rated  # a goal no place is rated for: drawn by score
        ctx = context(store)
        figure = maps.place_map(frame, "", by_rating, state.region, ctx.ranges(state.region),
                                ctx.shapes if state.region == "world" else None, ctx.scope,
                                score_range(frame["score"]))
        summary = " ".join(part for part in (summaries.map_summary(known), summaries.wholes_sentence(
            [(str(row.name), float(row.score)) for row in left_out.itertuples()])) if part)
        if known.scored == 0 and len(frame) == 1:  # one city alone: nothing to score it against
            place = frame.iloc[0]
            summary = " ".join((summary, summaries.alone_sentence(str(place["name"]))))
            notes.append((_("See the values of {place}").format(place=place["name"]),
                          f"/city/{place['place_id']}"))
        if known.scored == 0 and goal is not None:  # why, where the reason is the data's for every year
            why = summaries.unbounded_sentence(unbounded(store, goal))
            summary = " ".join(p for p in (summary, why) if p)
        goalless = goalless_indicators(store) if known.scored == 0 else []
        if goalless:
            summary = " ".join((summary, summaries.goalless_sentence([name for _i, name in goalless])))
            notes.append((_("Explore {indicator}").format(indicator=goalless[0][1]),
                          "/explore" + encode({"indicator": goalless[0][0]})))
        if known.no_coordinates:
            caveat = summaries.undrawn_sentence(known, listed=False)  # said on a picture
            notes.append((_("How places without coordinates get on the map"), "/about#not-drawn"))
        if known.scored:  # scores resting on a guessed direction say so where they are drawn
            warned = summaries.assumed_sentence(*facts.assumed_directions(store, goal), goal)
            summary = " ".join(p for p in (summary, warned) if p)
        if goal is None:  # the source's own index beside the recomputation the map draws
            first = as_published.published_first(store, frame, year, known.top)
            summary = " ".join(p for p in (summary, summaries.published_first_sentence(first, year)) if p)
            if first is not None:
                notes.append((_("How this dashboard computes the index"), "/about#methodology"))
        published = store.tables.get("published_goal_scores")
        if goal is not None and published is not None:
            published = published[(published["goal"] == goal) & (published["year"] == year)]
            found = as_published.agreement(published, frame.assign(goal=goal, year=year),
                                    ["place_id", "goal", "year"])
            summary = " ".join(p for p in (summary, summaries.agreement_sentence(found, "places")) if p)
    canonical = query(state, store)
    api = "/api/v1/scores/" + ("index" if goal is None else "goals") + encode(
        {"goal": goal, "year": year})
    shown = (country_table(means, title) if state.view == "countries" else place_table(frame, goal, title)) \
        if with_table else None
    return View(title, summary, shown,
                "/" + encode(canonical), figure=figure, subtitle=subtitle, api_path=api, query=canonical,
                body=ranking.ranked_list(frame, goal), notes=notes, caveat=caveat,
                languages=foreign_names(store) if goalless else {})


def unbounded(store: StoreData, goal: int) -> int:
    """How many indicators a goal has, when none of them has bounds to be scored by (0 otherwise):
    Bristol's Goal 4 is one indicator with values for the city alone, whose spread gives no best and
    worst, and its map said "No place has a score" without saying why."""
    bounds = store.tables.get("bounds")
    if bounds is None or not {"goal", "bounds_source"} <= set(bounds.columns):
        return 0
    of_goal = pd.to_numeric(bounds["goal"], errors="coerce").eq(goal).to_numpy(dtype=bool, na_value=False)
    mine = bounds[of_goal]
    return len(mine) if len(mine) and bool((mine["bounds_source"].astype("string") == "none").all()) else 0


def goalless_indicators(store: StoreData) -> list[tuple[str, str]]:
    """(id, name) of the store's indicators when none of them belongs to a goal, else []."""
    indicators = store.indicators
    if not len(indicators) or indicators["goal"].notna().any():
        return []
    named = texts.indicator_texts(store).set_index("indicator_id")["name"]
    return [(str(i), str(named.get(i, i))) for i in indicators["indicator_id"].astype(str)]


def foreign_names(store: StoreData) -> dict[str, str]:
    """The indicator names in another language than the reader's, with it (Benin's French names
    in the English map's sentence on indicators of no goal), for the view's `languages`."""
    shown = texts.indicator_texts(store)
    return texts.foreign_words(shown["name"], shown["name_language"])


def value_span(store: StoreData, frame: pd.DataFrame, goal: int | None, year: int) -> year_spans.Years:
    """The span of years of the values behind the scored places' scores: from the version's grid
    (the goal's year as arrays), else the spans written for serving (one small row group), else
    from the indicator_scores rows themselves."""
    grid = store.map_grid()
    if grid is not None:
        cells = grid.cells(goal or 0, year)
        at = grid.where(frame.loc[frame["score"].notna(), "place_id"])
        at = at[at >= 0]
        if cells is None or not len(at):
            return year_spans.Years()
        span = year_spans.Years.of(pd.Series(np.concatenate([cells["first"][at], cells["last"][at]])))
    elif (spans := store.value_spans(goal, year)) is None:
        return year_spans.value_years(value_rows(store, frame, goal, year), store)
    else:
        scored = spans[spans["place_id"].isin(frame.loc[frame["score"].notna(), "place_id"].astype("string"))]
        span = year_spans.Years.of(pd.concat([scored["first"], scored["last"]]))
    # the spans keep no indicator: each end as every indicator of the goal writes that year
    indicators = store.indicators
    # (an indicator of no goal, such as Benin's pillars, is of none)
    in_goal = pd.to_numeric(indicators["goal"], errors="coerce").eq(goal).to_numpy(dtype=bool, na_value=False)
    of_goal = None if goal is None else indicators.loc[in_goal, "indicator_id"]
    return span.written(store, lambda _year: of_goal)


def value_rows(store: StoreData, frame: pd.DataFrame, goal: int | None, year: int) -> pd.DataFrame:
    """The value years behind the scored places' scores: one slice of indicator_scores."""
    where = {"year": year} if goal is None else {"year": year, "goal": goal}
    rows = store.select("indicator_scores", columns=["place_id", "indicator_id", "value_year", "in_index"],
                        **where)
    scored = set(frame.loc[frame["score"].notna(), "place_id"].astype("string"))
    in_index = rows["in_index"].astype("boolean").fillna(False)
    return rows[rows["place_id"].astype("string").isin(scored) & in_index]


def withhold_unranked(frame: pd.DataFrame) -> pd.DataFrame:
    """The index only where the method's coverage rule is met: other places keep no score or rank,
    and `too_little_data` says why."""
    if "ranked" not in frame:
        return frame.assign(too_little_data=False)
    little = frame["score"].notna() & ~scores.flags(frame, "ranked")
    frame = frame.assign(too_little_data=little, score=frame["score"].where(~little))
    frame["rank"] = frame["rank"].where(~little)
    return scores.best_first(frame).reset_index(drop=True)


def country_facts(means: pd.DataFrame, goal: int | None, year: int) -> facts.CountryFacts:
    ordered = means.dropna(subset=["score"]).sort_values("score", ascending=False)
    if ordered.empty:
        return facts.CountryFacts(year, goal, 0, 0, None, None)
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    return facts.CountryFacts(
        year, goal, len(ordered), int(ordered["places"].sum()),
        facts.Extreme(names.country(top["country_iso3"]), float(top["score"])),
        facts.Extreme(names.country(bottom["country_iso3"]), float(bottom["score"])))


def country_table(means: pd.DataFrame, title: str) -> Table:
    """The countries the map shades, best mean first: the table of what the countries view draws
    (it listed the places, so the shading had no text alternative)."""
    ordered = means.sort_values(["score", "country_iso3"], ascending=[False, True], kind="stable")
    listing = pd.DataFrame({_("Country"): i18n.once_each(ordered["country_iso3"], names.country),
                            _("Mean score"): ordered["score"].round(1).to_numpy(),
                            _("Places with a score"): ordered["places"].to_numpy()})
    return Table(listing.reset_index(drop=True), _("Countries by mean score: {title}").format(title=title))


def place_table(frame, goal: int | None, title: str) -> Table:
    listing = frame.assign(link="/city/" + frame["place_id"],
                           country_iso3=i18n.once_each(frame["country_iso3"], names.country))
    columns = {"name": _("Place"), "country_iso3": _("Country"), "score": _("Score")}
    if goal is not None:
        columns.update({"rating": _("Rating"), "trend": _("Trend")})
        listing["rating"] = i18n.once_each(listing["colour"], rating)
        listing["trend"] = i18n.once_each(listing["arrow"], lambda a: " ".join(arrow(a)))
    else:
        columns["rank"] = _("Rank")
    listing = listing.rename(columns=columns)[[*columns.values(), "link"]]
    return Table(listing, _("Places by score: {title}").format(title=title), {_("Place"): "link"})
