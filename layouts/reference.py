"""Fixed vocabulary the pages show: goal names and colours, dashboard colours, trend arrows."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from loaders.paths import SDG_GOALS_FILE
from loaders.scoring.settings import ARROW_SYMBOLS

DASHBOARD_COLOURS = {
    "green": "#1E7B34",
    "yellow": "#E8B900",
    "orange": "#E06C00",
    "red": "#C0262D",
    "grey": "#8A8A8A",
}
"""Fill colours for the four dashboard ratings; every use also shows the rating in words."""

RATING_WORDS = {
    "green": "SDG achieved",
    "yellow": "challenges remain",
    "orange": "significant challenges",
    "red": "major challenges",
    "grey": "no data",
}

ARROW_WORDS = {
    "on_track": "on track",
    "maintaining": "on track (maintaining achievement)",
    "improving": "moderately improving",
    "stagnating": "stagnating",
    "decreasing": "decreasing",
    "no_data": "no trend data",
}

SCORE_SCALE = "cividis"
"""A colour-blind-safe sequential scale for 0-100 scores."""


@lru_cache(maxsize=1)
def goals() -> pd.DataFrame:
    """The 17 goals: goal, name, colour, text_colour, summary."""
    data = json.loads(SDG_GOALS_FILE.read_text(encoding="utf-8"))
    return pd.DataFrame(data["goals"]).set_index("goal", drop=False)


def goal_label(goal: int) -> str:
    return f"Goal {goal}: {goals().loc[goal, 'name']}"


def arrow(trend: object) -> tuple[str, str]:
    """Symbol and words for a trend value (unknown or missing = no trend data)."""
    key = trend if isinstance(trend, str) and trend in ARROW_WORDS else "no_data"
    return ARROW_SYMBOLS[key], ARROW_WORDS[key]


def rating(colour: object) -> str:
    return RATING_WORDS.get(colour if isinstance(colour, str) else "grey", "no data")


def text(value: object) -> str:
    """A possibly missing table value as display text ('' for None, NaN and pd.NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
