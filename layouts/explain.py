"""Ratings and trends that explain themselves: why a goal has its colour, and which way an
indicator's score and its measured value go (they can differ: a rising value may be a falling score)."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, texts
from layouts.i18n import _, ngettext
from layouts.reference import arrow, rating

COLOUR_ORDER = {"red": 0, "orange": 1, "yellow": 2, "green": 3}
"""Worst first: the order in which indicators set a goal's colour."""


def weakest(goal_rows: list[dict], count: int = 2) -> list[dict]:
    """The goal's rated indicators, weakest first (worst rating, then lowest score)."""
    rated = [r for r in goal_rows if r["colour"] in COLOUR_ORDER]
    return sorted(rated, key=lambda r: (COLOUR_ORDER[r["colour"]], r["score"]))[:count]


def named(row: dict) -> str:
    return _("{indicator} ({rating})").format(indicator=indicator_name(row), rating=rating(row["colour"]))


def indicator_name(row: dict) -> str:
    """The name as the sentence can hold it: marked with its language where the source wrote it in
    another (a French page's "Plus faible : Mean years of schooling" read as if it were French)."""
    return texts.marked(row["name"], row.get("name_language"))


def why_rating(colour: object, goal_rows: list[dict], total: int, rule: str = "two_worst",
               totals: frozenset[str] = frozenset()) -> str:
    """Why a goal has its rating, in one sentence.

    `goal_rows`: the place's indicators of this goal (dicts of name, score, colour); `total`: how
    many indicators the goal has in this data; `rule`: the store's goal colour rule; `totals`: the
    indicators whose value here is the total of the place's parts' (`normalise.whole_totals`)."""
    available = sum(1 for r in goal_rows if not pd.isna(r["score"]))
    if not isinstance(colour, str) or colour not in COLOUR_ORDER:
        rated = len(weakest(goal_rows, len(goal_rows)))
        valued = sum(1 for r in goal_rows if not pd.isna(r.get("value", r["score"])))
        if valued == 0:
            return _("Not rated: no indicator of this goal has data here.")
        summed = sum(1 for r in goal_rows if str(r.get("indicator_id")) in totals
                     and not pd.isna(r.get("value", r["score"])))
        if available == 0 and summed == valued:  # València's 62,663 unemployed beside its districts'
            return ngettext(
                "Not scored: its indicator with data here is a count (the total of the values of the "
                "places within it), and a total is not scored against the range of its parts.",
                "Not scored: its {count} indicators with data here are counts (the totals of the values of "
                "the places within it), and a total is not scored against the range of its parts.",
                valued).format(count=i18n.integer(valued))
        if available == 0:  # values, but no bounds to score them against (one place, or all alike)
            return ngettext(
                "Not rated: {count} of its {total} indicators has data here, but no score: scoring needs a "
                "best and a worst value, which neither the source nor the spread of places' values gives.",
                "Not rated: {count} of its {total} indicators have data here, but no score: scoring needs a "
                "best and a worst value, which neither the source nor the spread of places' values gives.",
                valued).format(count=i18n.integer(valued), total=i18n.integer(total))
        outside = [r for r in goal_rows if not pd.isna(r["score"])
                   and r.get("in_index") is False and r.get("in_dashboard") is False]
        if rated == 0 and outside and len(outside) == available:  # Berlin's Goal 6: 99.6 and 100, no tile
            return ngettext(
                "Not rated: {count} of its {total} indicators has a score here, but it is not one the index "
                "and the ratings use (the source's own list, or too few places have it).",
                "Not rated: {count} of its {total} indicators have a score here, but none is one the index "
                "and the ratings use (the source's own list, or too few places have them).",
                available).format(count=i18n.integer(available), total=i18n.integer(total))
        if rated == 0:
            return ngettext(
                "Not rated: {count} of its {total} indicators has data here, but none has a rating.",
                "Not rated: {count} of its {total} indicators have data here, but none has a rating.",
                valued).format(count=i18n.integer(valued), total=i18n.integer(total))  # values, not scores
        # the counts that set it: rated indicators (a value with thresholds), not values alone
        return ngettext(
            "Too few indicators to rate: {count} of its {total} indicators has a rating here.",
            "Too few indicators to rate: {count} of its {total} indicators have a rating here.",
            rated).format(count=i18n.integer(rated), total=i18n.integer(total))
    worst = weakest(goal_rows)
    if rule == "mean_colour":
        return ngettext("Rated {rating}: the average of the colours of its {count} indicator with data.",
                        "Rated {rating}: the average of the colours of its {count} indicators with data.",
                        available).format(rating=rating(colour), count=i18n.integer(available))
    if len(worst) == 1:
        return _("Rated {rating}: set by its only rated indicator, {first}.").format(
            rating=rating(colour), first=named(worst[0]))
    return _("Rated {rating}: set by its two weakest indicators, {first} and {second}.").format(
        rating=rating(colour), first=named(worst[0]), second=named(worst[1]))


def tile_reason(colour: object, rated: int, total: int, worst: str = "", scored: bool = True) -> str:
    """The short 'why' a goal tile has room for; the goal's section says it in full. `rated`: how
    many of its indicators have a rating here (a goal's rating is set by those, not by values).
    Nothing where the tile already says "no score" and no indicator is rated (Bristol's Goal 4 said
    "no score" and "No rated indicator", the same twice)."""
    if not isinstance(colour, str) or colour not in COLOUR_ORDER:
        if rated == 0:
            return _("No rated indicator") if scored else ""
        return _("Too few indicators to rate ({count} of {total} rated)").format(
            count=i18n.integer(rated), total=i18n.integer(total))
    return _("Weakest: {indicator}").format(indicator=worst) if worst else ""


def score_trend(trend: object) -> str:
    """The trend arrow as what it is: the direction of the SCORE ('score ↓ decreasing')."""
    symbol, words = arrow(trend)
    if words == arrow(None)[1]:  # no trend: nothing to say of the score
        return f"{symbol} {words}"
    return _("score {symbol} {trend}").format(symbol=symbol, trend=words)


def value_direction(history: object) -> str:
    """Which way the measured value itself went, first to last year ('value ↗ rose 2015-2024'),
    said apart from the score's trend; '' with fewer than two values."""
    if not isinstance(history, pd.Series):
        return ""
    return points_direction(known_points(history))


def known_points(series: pd.Series) -> list[tuple[object, float]]:
    """(year, value) of a history's known values, in order: plain lists, as a city page has about
    60 histories per language and pandas' dropna and min on each cost more than the page's text."""
    return [(y, v) for y, v in zip(series.index.tolist(), series.tolist(), strict=True)
            if v is not None and not pd.isna(v)]


def points_direction(points: list[tuple[object, float]], told: dict[int, str] | None = None) -> str:
    """`value_direction` of a history's known points; `told`: years the source wrote otherwise
    than as the number ("2017-18"), which a hyphen between two years would blur."""
    if len(points) < 2:
        return ""
    first, last = float(points[0][1]), float(points[-1][1])
    start, end = int(points[0][0]), int(points[-1][0])
    scale = max(abs(first), abs(last), 1e-9)
    change = "same" if abs(last - first) / scale < 0.01 else "rose" if last > first else "fell"
    if told and (start in told or end in told):
        words = {"same": _("value → about the same from {start} to {end}"),
                 "rose": _("value ↗ rose from {start} to {end}"),
                 "fell": _("value ↘ fell from {start} to {end}")}[change]
        return words.format(start=told.get(start, start), end=told.get(end, end))
    words = {"same": _("value → about the same {start}-{end}"), "rose": _("value ↗ rose {start}-{end}"),
             "fell": _("value ↘ fell {start}-{end}")}[change]
    return words.format(start=start, end=end)


def goal_totals(indicators: pd.DataFrame) -> dict[int, int]:
    """How many indicators each goal has in this data."""
    counts = indicators.dropna(subset=["goal"]).groupby("goal").size()
    return {int(g): int(n) for g, n in counts.items()}


def goal_reasons(indicator_rows: pd.DataFrame, goal_rows: pd.DataFrame, totals: dict[int, int],
                 rule: str = "two_worst", absent: frozenset[int] = frozenset(),
                 summed: frozenset[str] = frozenset()) -> dict[int, tuple[str, str]]:
    """For each goal: (the tile's short reason, the section's full sentence). `absent`: goals that do
    not apply to the place (`reference.not_applicable`), said so where they have no score; `summed`:
    the indicators whose value here is the total of the place's parts' (`why_rating`)."""
    colours = (dict(zip(goal_rows["goal"].astype(int), goal_rows["colour"], strict=True))
               if len(goal_rows) else {})
    by_goal: dict[int, list[dict]] = {}
    if len(indicator_rows):
        # read as lists: a frame's records cost 3 ms a page
        wanted = ("goal", "indicator_id", "name", "name_language", "score", "colour", "value", "in_index",
                  "in_dashboard")
        columns = tuple(c for c in wanted if c in indicator_rows.columns)
        for row in zip(*(indicator_rows[column].tolist() for column in columns), strict=True):
            if pd.isna(row[0]):  # an indicator of no goal sets no goal's rating
                continue
            by_goal.setdefault(int(row[0]), []).append(dict(zip(columns, row, strict=True)))
    scored = (dict(zip(goal_rows["goal"].astype(int), goal_rows["score"], strict=True))
              if len(goal_rows) and "score" in goal_rows else {})
    reasons = {}
    for goal in range(1, 18):
        mine = by_goal.get(goal, [])
        total = max(totals.get(goal, 0), len(mine))
        if total == 0:
            continue
        rated = weakest(mine, len(mine))
        colour = colours.get(goal)
        reasons[goal] = (tile_reason(colour, len(rated), total, indicator_name(rated[0]) if rated else "",
                                     not pd.isna(scored.get(goal))),
                         why_rating(colour, mine, total, rule, summed))
    for goal in absent:
        if pd.isna(scored.get(goal)):  # a Caspian country SDSN scores on Goal 14 keeps its score
            reasons[goal] = (_("Not applicable: no sea coast"),
                             _("Goal 14 does not apply: a landlocked country has no sea."))
    return reasons
