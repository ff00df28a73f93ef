"""A place's indicators as one table per goal: value, unit, year, rating, trend and projects of each."""

from __future__ import annotations

import pandas as pd

from layouts import design, explain, i18n, texts
from layouts import years as written_years
from layouts.i18n import _, ngettext
from layouts.indicator_rows import OTHER, records
from layouts.reference import goal_label, rating
from layouts.sparklines import points_tree, value_text
from layouts.static_tree import StaticTree


def section_label(goal: int) -> str:
    """A goal's heading over its indicators, or the heading of the indicators of no goal."""
    return _("Indicators of no SDG goal") if goal == OTHER else goal_label(goal)


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


def rating_dot(colour: object) -> str:
    """The classes of a rating's colour dot: its fill comes from the style sheets (site.css,
    embed.css: `.rating-<key>`), not from a style on each of a city page's 80 dots."""
    return f"rating-dot rating-{design.rating_key(colour)}"
