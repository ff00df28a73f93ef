"""Fixed vocabulary the pages show: goal names and colours, dashboard colours, trend arrows."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from layouts.i18n import N_, _, pgettext
from loaders.paths import SDG_GOALS_FILE
from loaders.scoring.settings import ARROW_SYMBOLS, LANDLOCKED, SEA_GOAL

DASHBOARD_COLOURS = {
    "green": "#1E7B34",
    "yellow": "#E8B900",
    "orange": "#E06C00",
    "red": "#C0262D",
    "grey": "#8A8A8A",
}
"""Fill colours for the four dashboard ratings; every use also shows the rating in words."""

RATING_WORDS = {
    "green": N_("SDG achieved"),
    "yellow": N_("challenges remain"),
    "orange": N_("significant challenges"),
    "red": N_("major challenges"),
    "grey": N_("not rated"),
}
"""In English; `rating()` gives them in the language in force."""

ARROW_WORDS = {
    "on_track": N_("on track"),
    "maintaining": N_("on track (maintaining achievement)"),
    "improving": N_("moderately improving"),
    "stagnating": N_("stagnating"),
    "decreasing": N_("decreasing"),
    "no_data": N_("no trend assessed"),
}

@lru_cache(maxsize=1)
def goals() -> pd.DataFrame:
    """The 17 goals: goal, name, colour, text_colour, summary."""
    data = json.loads(SDG_GOALS_FILE.read_text(encoding="utf-8"))
    return pd.DataFrame(data["goals"]).set_index("goal", drop=False)


@lru_cache(maxsize=1)
def goal_records() -> dict[int, dict]:
    """The 17 goals by number as plain records: pages look goals up dozens of times per answer."""
    table = goals()
    return {int(goal): record for goal, record in zip(table["goal"], table.to_dict("records"), strict=True)}


def goal_name(goal: int) -> str:
    """The goal's short name in the language in force ('No poverty', 'Fin de la pobreza')."""
    return pgettext("SDG goal", str(goal_records()[int(goal)]["name"]))



def not_applicable(kind: object, iso3: object) -> frozenset[int]:
    """The goals that do not apply to a place: Goal 14 to a landlocked country and to its provinces
    and cities (said only where the place has no Goal 14 score: Nepal's page said so, Bagmati
    province's said "no score")."""
    if isinstance(iso3, str) and iso3.upper() in LANDLOCKED:
        return frozenset({SEA_GOAL})
    return frozenset()


def goal_label(goal: int) -> str:
    """The goal as a label: options, headings, titles ('Goal 3: Good health and well-being')."""
    return _("Goal {number}: {name}").format(number=goal, name=goal_name(goal))


def goal_phrase(goal: int) -> str:
    """The goal inside a sentence, where other languages need an article ('l'objectif 3 (…)')."""
    return pgettext("in a sentence", "Goal {number}: {name}").format(number=goal, name=goal_name(goal))


def arrow(trend: object) -> tuple[str, str]:
    """Symbol and words for a trend value (unknown or missing = no trend data)."""
    key = trend if isinstance(trend, str) and trend in ARROW_WORDS else "no_data"
    return ARROW_SYMBOLS[key], _(ARROW_WORDS[key])


def rating(colour: object) -> str:
    return _(RATING_WORDS.get(colour if isinstance(colour, str) else "grey", RATING_WORDS["grey"]))


def text(value: object) -> str:
    """A possibly missing table value as display text ('' for None, NaN and pd.NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
