"""The city profile's pieces: goal tiles, indicator rows with sparklines, trend chart, peers."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts import design, explain, i18n, names, place_facts, texts
from layouts import years as written_years
from layouts.i18n import _, ngettext
from layouts.reference import DASHBOARD_COLOURS, goal_label, goal_name, rating
from layouts.static_tree import StaticTree
from loaders.scoring.peers import peer_kind, peer_kinds
from loaders.store import StoreData

SPARK_BARS = "▁▂▃▄▅▆▇█"
SIGNIFICANT = 4
"""Measured values are shown with up to this many significant digits (never an exponent)."""


def value_text(value: object) -> str:
    """A measured value with up to 4 significant digits in the locale's signs; '–' when missing."""
    return value_text_in(value, i18n.language())


def value_texts(values: list) -> list[str]:
    """`value_text` of many values, the language looked up once (a city page of 100 indicators
    over 25 years spells out 2,500 values in its sparklines)."""
    code = i18n.language()
    return [value_text_in(value, code) for value in values]


def value_text_in(value: object, code: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    magnitude = math.floor(math.log10(abs(number))) + 1 if number else 1
    digits = max(0, SIGNIFICANT - magnitude)
    rounded = round(number, digits)
    while digits and round(rounded, digits - 1) == rounded:
        digits -= 1
    return i18n.formatted(rounded, math.copysign(1.0, rounded), digits, code)  # `i18n.number`'s text


def points_sparkline(points: list[tuple[object, float]],
                     told: dict[int, str] | None = None) -> tuple[str, str] | None:
    """A sparkline's blocks (one per year) and its values spelled out, from a history's known points;
    None without values. `told`: years the source wrote otherwise than as the number
    (`years.by_year`)."""
    if not points:
        return None
    values = [v for _y, v in points]
    low, high = min(values), max(values)
    span = (high - low) or 1
    blocks = "".join(SPARK_BARS[int((v - low) / span * (len(SPARK_BARS) - 1))] for v in values)
    return blocks, spoken_points([int(y) for y, _v in points], value_texts(values), told)


def spoken_points(years: list[int], texts: list[str], told: dict[int, str] | None = None) -> str:
    """Values spelled out by runs of consecutive years, each run a sentence that names its years
    once: "2015–2017: 6.6, 6.8, 7. 2019: 5.7." (a listener hears the years once, not once per value;
    a city page of 80 sparklines is 5 kB lighter), each year as its source wrote it (`told`):
    "2017-18 to 2020-21: 69.6, 65, 63.6, 62.9." Values are parted by semicolons where the
    language writes decimals with a comma."""
    runs: list[list] = []  # [first year, last year, values]
    for year, text in zip(years, texts, strict=True):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
            runs[-1][2].append(text)
        else:
            runs.append([year, year, [text]])
    decimal_comma = i18n.separators().startswith(",")
    parted = i18n.pgettext("numbers written with decimal commas", "; ") if decimal_comma else ", "
    one, several = _("{year}: {values}."), _("{first}–{last}: {values}.")  # translated once a sparkline
    told = told or {}
    said = []
    for first, last, spoken in runs:
        if first == last:
            said.append(one.format(year=told.get(first, first), values=spoken[0]))
        elif first in told or last in told:  # "2017-18–2020-21" is not read: "2017-18 to 2020-21"
            period = _("{first} to {last}").format(first=told.get(first, first), last=told.get(last, last))
            said.append(one.format(year=period, values=parted.join(spoken)))
        else:
            said.append(several.format(first=first, last=last, values=parted.join(spoken)))
    return " ".join(said)


def sparkline_tree(series: pd.Series) -> list | str:
    """A text sparkline (one block per year) with the values spelled out for screen readers."""
    return points_tree(explain.known_points(series))


def points_tree(points: list[tuple[object, float]], told: dict[int, str] | None = None) -> list | str:
    parts = points_sparkline(points, told)
    if parts is None:
        return "–"
    return ["span", {"role": "img", "aria-label": parts[1]}, parts[0]]  # site.css: `td > [role="img"]`


def rating_dot(colour: object) -> str:
    """The classes of a rating's colour dot: its fill comes from the style sheets (site.css,
    embed.css: `.rating-<key>`), not from a style on each of a city page's 80 dots."""
    return f"rating-dot rating-{design.rating_key(colour)}"


def goal_tile(goal: int, row: dict | pd.Series | None, projects: int, reason: str = "") -> list:
    """A tile in the goal's own colour showing score, rating (words + colour dot), the score's
    trend and, in short, why it has its rating (the goal's section says it in full). A static-tree
    element (`layouts.static_tree`), made as a list: as Dash components the 17 tiles were about 150
    components built and then taken apart again, a sixth of a city page's time."""
    score = row["score"] if row is not None else None
    colour = row["colour"] if row is not None else "grey"
    has_score = score is not None and not pd.isna(score)
    words = rating(colour) if colour != "grey" else _("not rated")
    # "no score", not "no data": a goal whose values have no score (one city alone in a store: no
    # spread to score against) said "no data" above its values
    shown = (_("{score} · {rating}").format(score=i18n.number(score, 0), rating=words)
             if has_score else _("no score"))
    # colours from site.css; a goal without a score has no indicator section to open (its link led
    # nowhere), so its tile is no link
    tile = (["a", {"className": f"goal-tile sdg-{goal}", "href": f"#goal-{goal}"}] if has_score
            else ["div", {"className": f"goal-tile sdg-{goal}"}])
    tile += [["div", {"className": "tile-number"}, _("Goal {number}").format(number=goal)],
             ["div", {"className": "tile-name"}, goal_name(goal)],
             ["div", {"className": "tile-rating"},
              ["span", {"className": rating_dot(colour)}], ["span", {}, shown]],
             ["div", {"className": "tile-trend"},
              explain.score_trend(row["arrow"] if row is not None else None)]]
    if reason:
        tile.append(["div", {"className": "tile-why"}, reason])
    if projects:
        tile.append(["div", {"className": "tile-projects"}, ngettext(
            "{count} project", "{count} projects", projects).format(count=i18n.integer(projects))])
    return tile


def goal_tiles(goal_rows: pd.DataFrame, project_counts: dict[int, int],
               reasons: dict[int, tuple[str, str]] | None = None) -> StaticTree:
    """The 17 goal tiles, as one StaticTree (read-only links to the goals' sections)."""
    columns = [c for c in ("goal", "score", "colour", "arrow") if c in goal_rows.columns]
    by_goal = {int(row["goal"]): row for row in records(goal_rows, columns)}  # last row of a goal wins
    reasons = reasons or {}
    tiles = [goal_tile(g, by_goal.get(g), project_counts.get(g, 0), reasons.get(g, ("", ""))[0])
             for g in range(1, 18)]
    return StaticTree(tree=["div", {"className": "goal-tiles"}, *tiles])


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The frame's rows as plain dicts of the given columns: read column by column (a row of a
    pandas frame costs a Series, and a city page reads about 80 of them)."""
    values = {column: frame[column].tolist() for column in columns}
    return [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]


ROWS_KEPT = 64
"""Places (year, language) whose indicator rows a worker keeps: a city page and the views it opens
ask for one place's rows several times. The bound keeps a worker that a crawler walks through
every city page from growing without end: 4,096 of them, the bound before, each with every
indicator's history then, grew such a worker by about 1 GB."""


def indicator_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """One row per indicator with data: latest value up to `year`, unit, rating, arrow;
    name and unit in the reader's language where the source has them (`*_language` says which).
    Kept per loaded version, place, year and language for the last ROWS_KEPT places asked about;
    each caller gets its own copy."""
    return kept_rows(store, place_id, year).copy()


def indicator_ids(store: StoreData, place_id: str, year: int) -> list[str]:
    """The ids of `indicator_rows`, in its order, without copying the rows (a city page asks for
    them four times: its query, the trend's default, the parse; about 2 ms a copy)."""
    rows = kept_rows(store, place_id, year)
    return rows["indicator_id"].tolist() if len(rows) else []


def kept_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """`indicator_rows` as kept: shared by every caller, so read only."""
    return store.kept("indicator-rows", (place_id, year, i18n.language()),
                      lambda: build_indicator_rows(store, place_id, year), limit=ROWS_KEPT)


def histories(series: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's values by year (sorted), from one sort instead of one frame per indicator."""
    series = series.sort_values(["indicator_id", "year"], kind="stable")
    ids = series["indicator_id"].to_numpy(dtype=object)
    # plain numpy: each history is read value by value (sparkline, direction, trend), which on
    # arrow-backed arrays cost a Python object per access
    years = pd.to_numeric(series["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    years = years.astype("int64") if np.isfinite(years).all() else years
    values = pd.to_numeric(series["value"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(ids)]
    every = pd.Series(values, index=pd.Index(years, name="year"), name="value")
    # slices of one series (about 8 us each) rather than a series and an index built per indicator
    return {ids[a]: every.iloc[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True) if b > a}


PLACE_OBSERVATIONS = ["indicator_id", "year", "year_label", "value", "breakdown", "flag"]
"""The columns of a place's observations a city page reads: asked for as one slice, which the
server's memo of recent slices then answers for the trend and the goals' tables alike."""


def build_indicator_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """One place's slice of scores read once (by place from disk when served): each indicator's
    latest score up to `year`, with the indicator's texts. The values' histories are read only
    for a goal's table (`table_rows`), which the page sends when its reader opens the goal."""
    scores = store.select("indicator_scores", place_id=place_id)
    positions = latest_rows(scores, year)
    if not positions:
        return pd.DataFrame()
    latest = scores.iloc[positions]
    ids = latest["indicator_id"].astype(str).tolist()
    shown = indicator_details(store).reindex(ids)
    columns = {column: latest[column].array for column in latest.columns}
    columns.update({column: shown[column].array for column in shown.columns})
    return pd.DataFrame(columns, index=pd.RangeIndex(len(ids)))  # one frame, not a column at a time


def latest_rows(scores: pd.DataFrame, year: int) -> list[int]:
    """The positions of each indicator's latest row up to `year` (of two in one year, the later
    stored), ordered by goal (missing last), then indicator id as the column sorts (a categorical
    by its categories). A place has a few hundred rows: walked in Python, which cost a third of the
    two sorts and the drop of duplicates it replaces."""
    ids = scores["indicator_id"]
    keys = ids.cat.codes.tolist() if isinstance(ids.dtype, pd.CategoricalDtype) else ids.tolist()
    absent = ids.isna().to_numpy(dtype=bool)
    if absent.any():  # a row without an id: one key of its own, sorted last
        keys = [None if gone else key for key, gone in zip(keys, absent, strict=True)]
    years = pd.to_numeric(scores["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan).tolist()
    chosen: dict[object, int] = {}
    for position, (key, when) in enumerate(zip(keys, years, strict=True)):
        if when <= year and (key not in chosen or when >= years[chosen[key]]):
            chosen[key] = position
    goals = scores["goal"].tolist()
    def order(item: tuple[object, int]) -> tuple:  # missing goals, then missing ids, last
        goal, key = goals[item[1]], item[0]
        return ((1, 0) if i18n.missing(goal) else (0, goal)) + ((1, "") if key is None else (0, key))
    return [position for _key, position in sorted(chosen.items(), key=order)]


def table_rows(store: StoreData, place_id: str, year: int, goal: int | None = None) -> pd.DataFrame:
    """`indicator_rows` (of one goal, or all) with each indicator's values by year up to `year`
    in `history`: what a goal's indicator table shows, its sparkline and the value's direction."""
    rows = indicator_rows(store, place_id, year)
    if rows.empty:
        return rows
    if goal is not None:  # compared as numbers, as `goals_with_rows` lists them (OTHER: no goal)
        numbers = pd.to_numeric(rows["goal"], errors="coerce")
        rows = rows[numbers.isna() if goal == OTHER else numbers == goal].reset_index(drop=True)
    obs = store.select("observations", PLACE_OBSERVATIONS, place_id=place_id)
    series = obs[(obs["breakdown"] == "") & (obs["year"] <= year)]
    ids = rows["indicator_id"].astype(str).tolist()
    series = series[series["indicator_id"].isin(ids)] if goal is not None else series
    history = histories(series)
    rows["history"] = pd.array([history.get(i, np.nan) for i in ids], dtype=object)
    told = told_years(series)
    rows["year_texts"] = pd.array([told.get(i, {}) for i in ids], dtype=object)
    return rows


def told_years(series: pd.DataFrame) -> dict[str, dict[int, str]]:
    """Per indicator, the years of one place's values its source wrote otherwise than as the number
    (`years.by_year`): Bristol's 2018 is "2017-18". Only indicators with such a label are looked at."""
    labels = series["year_label"].astype(object)
    labelled = (labels.notna() & (labels != "") & (labels != series["year"].astype(str))).to_numpy(dtype=bool)
    if not labelled.any():
        return {}
    ids = series["indicator_id"].astype(str)
    found = {}
    for indicator in ids[labelled].unique():
        rows = (ids == indicator).to_numpy(dtype=bool)
        told = written_years.by_year(series["year"][rows].tolist(), labels[rows].tolist())
        if told:
            found[indicator] = told
    return found


OTHER = 0
"""The table of a place's indicators that belong to no goal (a source's own pillars or extra
indicators: 44 of Benin's départements' rated indicators), numbered after no goal and listed last."""


def goals_with_rows(rows: pd.DataFrame) -> list[int]:
    """The goals that have an indicator table (`indicator_tables`' keys), in order, OTHER last."""
    if rows.empty or "goal" not in rows.columns:
        return []
    numbers = pd.to_numeric(rows["goal"], errors="coerce")
    return sorted({int(g) for g in numbers.dropna()}) + ([OTHER] if numbers.isna().any() else [])


def section_label(goal: int) -> str:
    """A goal's heading over its indicators, or the heading of the indicators of no goal."""
    return _("Indicators of no SDG goal") if goal == OTHER else goal_label(goal)


def indicator_details(store: StoreData) -> pd.DataFrame:
    """Each indicator's name and unit in the reader's language (with the languages they are in) and
    its 2030 target, by indicator id: made once per version and language, not per city page."""
    kept = store.__dict__.setdefault("_indicator_details", {})
    sources = (store.indicators, store.tables.get(texts.TEXTS_TABLE))  # kept alive: their ids stay theirs
    key = (i18n.language(), *(id(frame) for frame in sources))
    if key not in kept:
        if len(kept) > 64:
            kept.clear()
        meta = store.indicators.set_index("indicator_id")[["target", "target_value", "target_year"]]
        shown = texts.indicator_texts(store).set_index("indicator_id")[
            ["name", "unit", "name_language", "unit_language"]]
        joined = shown.join(meta)
        joined.index = joined.index.astype(str)
        kept[key] = (sources, joined)
    return kept[key][1]


def place_projects(store: StoreData, place_id: str) -> pd.DataFrame:
    """The projects of one place, in stored order (a city page asks three times)."""
    positions = store.prepared(project_positions).get(str(place_id))
    return store.projects.iloc[positions if positions is not None else []]


def place_project_columns(store: StoreData, place_id: str, columns: tuple[str, ...]) -> dict[str, list]:
    """Some columns of the place's projects (`place_projects`) as lists: a frame of its projects
    with every column cost about 1 ms of each city page, which reads two to five of them."""
    positions = store.prepared(project_positions).get(str(place_id))
    positions = positions if positions is not None else np.array([], dtype=np.int64)
    projects = store.projects
    return {column: projects[column].iloc[positions].tolist() if column in projects
            else [None] * len(positions) for column in columns}


def project_positions(store: StoreData) -> dict[str, np.ndarray]:
    """Each place's rows in the projects table, once per version: a scan of every project per ask
    was about 1 ms of each city page with 2,000 projects, 10 with 20,000."""
    ids = store.projects["place_id"].astype(object).to_numpy()
    return {str(place): rows for place, rows in pd.Series(ids).groupby(ids, dropna=True).indices.items()}


def target_project_counts(projects: pd.DataFrame) -> dict[str, int]:
    """How many projects name each SDG target ('11.2' -> 3)."""
    counts: dict[str, int] = {}
    for listed in projects["targets"].dropna().astype(str):
        for target in listed.split(";"):
            target = target.strip()
            if target:
                counts[target] = counts.get(target, 0) + 1
    return counts


def projects_cell(place_id: str, goal: int, count: int) -> list | str:
    if not count:
        return "–"
    words = ngettext("{count} project", "{count} projects", count).format(count=i18n.integer(count))
    return ["a", {"href": i18n.href(f"/projects?place={place_id}&goal={goal}")}, words]


def indicator_headers() -> list[str]:
    return [_("Indicator"), _("Latest value"), _("Year"), _("Rating"), _("Trend"), _("History"),
            _("2030 target"), _("Projects on its target")]


def value_cell(value: object, unit: object, unit_language: object) -> list:
    """The value then its unit (tagged with the unit's language); '–' when there is no value."""
    if value is None or pd.isna(value):
        return ["–"]
    if not (isinstance(unit, str) and unit.strip()):
        return [value_text(value)]
    short = texts.short_unit(unit)  # "%" is no language's: not marked as another language's words
    return [value_text(value), " ", texts.marked_tree(short, unit_language if short == unit else None)]


INDICATOR_COLUMNS = ("name", "name_language", "value", "unit", "unit_language", "value_year", "colour",
                     "arrow", "history", "year_texts", "target", "target_value")
"""The columns of `indicator_rows` that a goal's indicator table shows."""


def indicator_table(rows: pd.DataFrame, goal: int, place_id: str = "",
                    target_counts: dict[str, int] | None = None) -> StaticTree:
    """The goal's indicators; `target_counts` adds how many projects address each target."""
    return indicator_tables(rows, place_id, target_counts, only=goal)[int(goal)]


def indicator_tables(rows: pd.DataFrame, place_id: str = "", target_counts: dict[str, int] | None = None,
                     only: int | None = None) -> dict[int, StaticTree]:
    """Each goal's indicator table (or the one goal `only`), from one read of `rows`. Written as
    static trees (`layouts.static_tree`), cell by cell as lists: a city page has about 60 rows in
    17 tables, which as Dash components cost more than the rest of the page."""
    target_counts = target_counts or {}
    headers = indicator_headers()
    shown = ["goal", *(c for c in INDICATOR_COLUMNS if c in rows.columns)]
    by_goal: dict[int, list[dict]] = {} if only is None else {int(only): []}
    numbers = pd.to_numeric(rows["goal"], errors="coerce").tolist() if len(rows) else []
    for number, row in zip(numbers, records(rows, shown), strict=True):
        goal = OTHER if pd.isna(number) else int(number)
        if only is None or goal == int(only):
            by_goal.setdefault(goal, []).append(row)
    labels = {"rating": {}, "trend": {}}
    return {goal: indicator_tree(goal, found, headers, place_id, target_counts, labels)
            for goal, found in by_goal.items()}


def indicator_tree(goal: int, rows: list[dict], headers: list[str], place_id: str,
                   target_counts: dict[str, int], labels: dict[str, dict]) -> StaticTree:
    """One goal's table; `labels` keeps rating and trend words across the page's tables."""
    body = []
    for row in rows:
        target = row.get("target")
        count = target_counts.get(str(target), 0) if isinstance(target, str) and goal != OTHER else 0
        history = row["history"]
        told = row.get("year_texts") if isinstance(row.get("year_texts"), dict) else {}
        points = explain.known_points(history) if isinstance(history, pd.Series) else None
        direction = explain.points_direction(points, told) if points else ""
        colour = str(row["colour"])
        if colour not in labels["rating"]:
            labels["rating"][colour] = rating(colour)
        trend = row["arrow"] if isinstance(row["arrow"], str) else None
        if trend not in labels["trend"]:
            labels["trend"][trend] = explain.score_trend(trend)
        year = row["value_year"]
        dot = ["span", {"className": rating_dot(colour)}]
        cells = [
            value_cell(row["value"], row.get("unit"), row.get("unit_language")),
            [year_cell(year, told)],
            [dot, labels["rating"][colour]],
            [labels["trend"][trend],
             # site.css: `.card-rows td > small`; "fell from 2017-18 to 2020-21" keeps its periods whole
             *([["small", {}, *written_years.kept_whole(direction)]] if direction else [])],
            [points_tree(points, told) if points is not None else "–"],
            [value_text(row.get("target_value"))],
            [projects_cell(place_id, goal, count)],
        ]
        name = texts.marked_tree(row["name"], row.get("name_language"))
        body.append(["tr", {}, ["th", {"scope": "row"}, name],
                     *(["td", {"data-label": label}, *cell] for cell, label in
                       zip(cells, headers[1:], strict=True))])
    header = ["thead", {}, ["tr", {}, *(["th", {"scope": "col"}, c] for c in headers)]]
    caption = ["caption", {}, _("Indicators of no SDG goal") if goal == OTHER
               else _("Indicators of goal {number}").format(number=goal)]
    return StaticTree(tree=["table", {"className": "table table-bordered table-sm caption-top card-rows"},
                            caption, header, ["tbody", {}, *body]])


def year_cell(year: object, told: dict[int, str]) -> list | str:
    """A value's year in a goal's table: as its source wrote it, a period kept on one line (the
    narrow column broke "2020-21" after its hyphen)."""
    if year is None or pd.isna(year):
        return "–"
    text = told.get(int(year), str(int(year)))
    return text if text.isdigit() else ["span", {"className": "text-nowrap"}, text]


UNIT_WIDTH = 32
"""Characters of a trend's unit on one line of its vertical axis title (the chart is 320 px tall)."""


def trend_figure(history: pd.Series, name: str, unit: str, target: float | None,
                 green: float | None, labels: list[str] | None = None) -> go.Figure:
    """One indicator over the years, with the 2030 target and the green threshold where known.
    `name` and `unit` are display text (already in the reader's language or marked); `labels`: each
    point's year as the source wrote it (`years.written_all`), on the axis where one differs from its
    year.
    Every chart here is built from plain dicts and made a figure once (`design.figure`)."""
    traces = [{"type": "scatter", "x": history.index, "y": history.values, "mode": "lines+markers",
               "name": name, "line": {"color": design.SERIES, "width": 3}}]
    years = [int(y) for y in history.index]
    told = labels is not None and any(label != str(year) for year, label in zip(years, labels, strict=True))
    if told:
        traces[0]["customdata"] = labels
        traces[0]["hovertemplate"] = "%{customdata}: %{y}<extra></extra>"
    has_target = target is not None and not pd.isna(target)
    if has_target:
        label = _("2030 target")
        traces.append({"type": "scatter", "x": [2030], "y": [target], "mode": "markers+text", "name": label,
                       "text": [label], "textposition": "top left",
                       "marker": {"symbol": "star", "size": 14, "color": "#333333"}})
    # a long unit on two lines or more: "per 100 Extremely Low Income Renter Households" was cut at
    # the chart's 320 px height
    unit_lines = "<br>".join(textwrap.wrap(unit, UNIT_WIDTH)) if unit else ""
    layout = {"yaxis": {"title": {"text": unit_lines}, "automargin": True}, "showlegend": False,
              "xaxis": {**design.year_axis([*history.index, *([2030] if has_target else [])]),
                        **({"tickvals": years, "ticktext": labels} if told else {}),
                        "title": {"text": _("Year")}},
              "separators": i18n.separators(), "margin": {"l": 10, "r": 10, "t": 20, "b": 10}, "height": 320}
    if green is not None and not pd.isna(green):
        line = {"xref": "x domain", "yref": "y", "y0": green, "y1": green, "x0": 0, "x1": 1}
        layout["shapes"] = [{"type": "line", **line,
                             "line": {"color": DASHBOARD_COLOURS["green"], "dash": "dash"}}]
        layout["annotations"] = [{"text": _("green threshold"), "showarrow": False, "xref": "x domain",
                                  "yref": "y", "x": 1, "xanchor": "right", "y": green, "yanchor": "top"}]
    return design.figure(traces, layout)


def places_by_id(store: StoreData) -> pd.DataFrame:
    """The places indexed by id, once per version."""
    return store.places.set_index("place_id")


def ranked_by_year(store: StoreData) -> dict[int, pd.DataFrame]:
    """Each year's index of the places the coverage rule ranks (score and rank by place id), once per
    version: peers are compared only where they are comparable."""
    index = store.tables["index"]
    if "ranked" in index:
        index = index[index["ranked"].astype("boolean").fillna(False).to_numpy(dtype=bool)]
    if "whole" not in index:  # scored before wholes were ranked apart: among their parts, as then
        index = index.assign(whole=False)
    index = index.assign(whole=index["whole"].astype("boolean").fillna(False).to_numpy(dtype=bool))
    return {int(year): rows[["score", "rank", "whole"]].set_axis(plain_ids(rows["place_id"]))
            for year, rows in index.groupby("year", sort=False)}


def ranked_whole(store: StoreData, place_id: str, year: int | None) -> bool:
    """Whether the place is ranked in `year` as the whole of places ranked then (the index's `whole`:
    València beside its districts), so that its peers are such wholes, as its rank is."""
    if year is None:
        return False
    index = store.prepared(ranked_by_year).get(int(year))
    return index is not None and bool(index["whole"].get(str(place_id), False))


def plain_ids(ids: pd.Series | pd.Index) -> pd.Index:
    """Place ids as an index of plain strings: looking categorical ids up costs a compatibility check
    of both categories on every call (most of a peer table's time at 10,000 places)."""
    return pd.Index(ids.astype(str).to_numpy(object))


def peer_table(store: StoreData, place_id: str, year: int | None) -> pd.DataFrame:
    """The other cities of the same UN subregion (the place itself left out) with their index score
    and rank in `year`, best first (cities without a score last)."""
    places = store.prepared(places_by_id)
    if place_id not in places.index or year is None:  # a store of projects alone has no year of scores
        return pd.DataFrame()
    place = places.loc[place_id]
    every = subregion_peers(store, place["un_subregion"], int(year), place["kind"],
                            ranked_whole(store, place_id, year))
    others = np.flatnonzero(every["place_id"].to_numpy(dtype=object) != place_id)
    return every.iloc[others].reset_index(drop=True)


def subregion_peers(store: StoreData, subregion: object, year: int, kind: object = "city",
                    whole: bool = False) -> pd.DataFrame:
    """Every city of a UN subregion with its index score and rank in `year`, best first, of the
    ranking of a place of `kind` (a `whole` among such wholes, its parts without it): made once
    per version for the subregions and years pages ask about, since every city page of the
    subregion lists the same peers but itself."""
    def build() -> pd.DataFrame:
        places = store.prepared(places_by_id)
        index = store.prepared(ranked_by_year).get(year, pd.DataFrame(columns=["score", "rank", "whole"]))
        index = index[index["whole"].to_numpy(dtype=bool) == whole]
        same = (places["un_subregion"] == subregion) & (peer_kinds(places["kind"]) == group)
        peers = places[same.astype("boolean").fillna(False).to_numpy(dtype=bool)]
        found = index.index.get_indexer(plain_ids(peers.index))
        peers, found = peers[found >= 0].copy(), found[found >= 0]
        peers["score"] = index["score"].array.take(found)
        peers["rank"] = index["rank"].array.take(found)
        peers = peers.sort_values(["score", "name"], ascending=[False, True], na_position="last")
        peers = peers.reset_index()[["place_id", "name", "country_iso3", "population", "score", "rank"]]
        return peers.assign(label=namesake_labels(store, peers, group),
                            digits=written_digits(store, peers, year, whole))
    group = peer_kind(kind)  # of the place's kind, as its ranks are
    return store.kept("subregion-peers", (str(subregion), year, group, bool(whole)), build)


def namesake_labels(store: StoreData, peers: pd.DataFrame, group: str) -> pd.Series:
    """The peers' names as the map's list names them (`names.place_labels`): with its department
    where another place of the peer group has its name, among every place of the store, not only
    the peers (Bolivia's San Pedro (Santa Cruz) and San Pedro (Pando))."""
    places = store.prepared(places_by_id)
    named = places[(peer_kinds(places["kind"]) == group).to_numpy(dtype=bool, na_value=False)]
    repeated = named["name"][named["name"].duplicated(keep=False).to_numpy(dtype=bool, na_value=False)]
    shared = peers["name"].isin(set(repeated.dropna())).to_numpy(dtype=bool)
    if not shared.any():
        return peers["name"]
    namesakes = named[named["name"].isin(set(peers["name"][shared]))].reset_index()
    labels = names.place_labels(namesakes).astype(str).set_axis(namesakes["place_id"].astype(str))
    return peers["name"].where(~shared, peers["place_id"].astype(str).map(labels))


def written_digits(store: StoreData, peers: pd.DataFrame, year: int, whole: bool) -> list[int]:
    """The decimals each peer's index is written with on its own page and in the map's list
    (`place_facts.written_digits` in its ranking), not those that part it from the peers listed beside
    it: Bolivia's peers read "53.502" and "51.6" where the map wrote 53.50 and 51.58."""
    table = store.tables.get("index")
    if table is None or table.empty or peers.empty:
        return [1] * len(peers)
    _rows, _at, groups = place_facts.year_rows(store, table, year)
    kinds, none = place_facts.kinds_of(store), (np.zeros(0), np.zeros(0, dtype=int))
    ids, scores = peers["place_id"].astype(str), peers["score"].astype("float64")
    return [place_facts.written_digits(*groups.get(place_facts.ranking_of(kinds.get(place), whole), none),
                                       score)
            if score == score else 1 for place, score in zip(ids, scores, strict=True)]


COMPARE_CHOICES = 12
"""Peers offered for a side-by-side comparison: a national store has thousands in one subregion."""


def nearest_peers(peers: pd.DataFrame, score: object, count: int | None = None) -> list[str]:
    """The `count` (COMPARE_CHOICES) peers of `peer_table` nearest to `score` in index score, best
    first; without a score, the best ones."""
    return peers["place_id"].iloc[nearest_positions(peers, score, count)].tolist()


def nearest_positions(peers: pd.DataFrame, score: object, count: int | None = None) -> np.ndarray:
    """Where `nearest_peers` are in `peers`, in its order."""
    count = COMPARE_CHOICES if count is None else count
    if len(peers) <= count:
        return np.arange(len(peers))
    if score is None or pd.isna(score):
        return np.arange(count)
    scores = pd.to_numeric(peers["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    distance = np.where(np.isnan(scores), np.inf, np.abs(scores - float(score)))
    return np.sort(np.argsort(distance, kind="stable")[:count])


def compare_frame(store: StoreData, place_ids: list[str], year: int) -> pd.DataFrame:
    """Goal scores of several places side by side: one row per goal (`goal`, its label in the
    reader's language), one column per place (named by the place)."""
    rows = store.select("goal_scores", ["goal", "place_id", "score"], year=year, place_id=list(place_ids))
    rows = rows.astype({"place_id": "string"})
    names = store.places.set_index("place_id")["name"]
    wide = rows.pivot_table(index="goal", columns="place_id", values="score")
    wide = wide.reindex(range(1, 18)).reindex(columns=place_ids)
    wide.columns = [names.get(p, p) for p in wide.columns]
    wide.insert(0, "goal", [_("{number}. {name}").format(number=g, name=goal_name(g))
                            for g in wide.index])
    return wide.reset_index(drop=True)


COMPARE_COLOURS = design.PALETTE[:4]
"""Places side by side: blues, purple and dark grey, none of them a rating's colour; each place
also has its own bar pattern."""
COMPARE_PATTERNS = ["", "/", ".", "x"]
GOAL_LABEL_WIDTH = 20
"""Goal names on the side-by-side chart's axis are wrapped at this many characters, so that on a
phone the bars keep most of the width (plotly never wraps, and cut "9. Industry, innovation and
infrastructure" at the screen's edge); each goal is given room for its longest name's lines."""


def compare_figure(frame: pd.DataFrame) -> go.Figure:
    """Goal scores of several places as grouped bars on a zero baseline, one colour and pattern per
    place, each bar labelled with its score (`compare_frame`'s shape). The pattern is drawn over the
    place's colour (`fillmode` "overlay"; plotly's default would draw white stripes on nothing, and
    three of the four places' bars were blank). Untitled: the card's heading names it."""
    wrapped = [textwrap.wrap(str(g), GOAL_LABEL_WIDTH) for g in frame["goal"]]
    goals = ["<br>".join(lines) for lines in wrapped]
    lines = max((len(w) for w in wrapped), default=1)  # French goal 13 takes five
    traces = [{"type": "bar", "y": goals, "x": frame[c], "name": c, "orientation": "h",
               "marker": {"color": COMPARE_COLOURS[i % 4],
                          "pattern": {"shape": COMPARE_PATTERNS[i % 4], "fgcolor": "#ffffff",
                                      "fillmode": "overlay"}},
               "text": [i18n.number(v, 0) for v in frame[c]], "textposition": "outside",
               "textfont": {"size": 12}, "cliponaxis": False}
              for i, c in enumerate(frame.columns[1:])]
    return design.figure(traces, {
        "barmode": "group", "height": 200 + len(frame) * max(48, 16 * lines, 17 * (len(frame.columns) - 1)),
        "margin": {"l": 10, "r": 30, "t": 40, "b": 10},
        "separators": i18n.separators(), "yaxis": {"autorange": "reversed"},
        "xaxis": {"range": [0, 105], "title": {"text": _("Score (0-100)")}},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}})


def goal_figure(rows: pd.DataFrame) -> go.Figure:
    """The goal tiles as a bar chart, for a static picture: one bar per goal with a score in its
    rating's colour, with the rating in words at the bar's end (colour is never the only signal); a
    goal without a score is not drawn (it was an empty bar labelled " · not rated")."""
    rows = rows[pd.to_numeric(rows["score"], errors="coerce").notna().to_numpy(dtype=bool)]
    labels = [goal_label(int(g)) for g in rows["goal"]]
    words = [f"{i18n.number(s, 0)} · {rating(c)}" for s, c in zip(rows["score"], rows["colour"], strict=True)]
    colours = [DASHBOARD_COLOURS.get(c if isinstance(c, str) else "grey", "#8A8A8A") for c in rows["colour"]]
    return design.figure(
        [{"type": "bar", "y": labels, "x": rows["score"], "orientation": "h", "text": words,
          "textposition": "outside", "marker": {"color": colours}}],
        {"height": 600, "separators": i18n.separators(),
         "xaxis": {"range": [0, 130], "title": {"text": _("Score (0-100)")}},
         "yaxis": {"autorange": "reversed"}, "margin": {"l": 10, "r": 10}})
