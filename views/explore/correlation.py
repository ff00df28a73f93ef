"""How strongly a scatter's two indicators go together: words on a stated scale, with n, never a cause."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

from layouts import i18n
from layouts.i18n import _, ngettext

SCALE = ((Decimal("0.80"), "very strong"), (Decimal("0.60"), "strong"), (Decimal("0.40"), "moderate"),
         (Decimal("0.20"), "weak"), (Decimal("0.01"), "very weak"))
"""The lowest |r|, written with two decimals, of each strength: Evans' scale (Straightforward
Statistics for the Behavioral Sciences, 1996): 0.00-0.19 very weak, 0.20-0.39 weak, 0.40-0.59
moderate, 0.60-0.79 strong, 0.80-1.00 very strong; r written 0.00 is no linear relationship.
docs/methodology.md states it. A scale whose 0.50 was 'strong' (Cohen's effect sizes) told a
reader that two indicators of which one explains a quarter of the other's spread go strongly together."""
MIN_PLACES = 3
"""Fewer places than this give no correlation worth a word (two points always lie on a line)."""


def rounded(r: float) -> Decimal:
    """r to the two decimals the sentence writes (half-even, as `i18n.number` writes it), so the
    word and the number beside it agree at a boundary (0.595 is written 0.60: strong)."""
    return Decimal(str(float(r))).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def strength_key(r: float) -> str:
    """'none', or a strength of SCALE and the sign: 'moderate positive'."""
    shown = rounded(r)
    size = abs(shown)
    for lowest, name in SCALE:
        if size >= lowest:
            return f"{name} {'positive' if shown > 0 else 'negative'}"
    return "none"


def sentences(count: int) -> dict[str, str]:
    """One whole sentence per strength and sign, so each language words it its own way."""
    return {
        "none": ngettext("The two show no linear relationship over {count} place (correlation {r}).",
                         "The two show no linear relationship over {count} places (correlation {r}).", count),
        "very weak positive": ngettext(
            "The two show a very weak positive relationship over {count} place (correlation {r}).",
            "The two show a very weak positive relationship over {count} places (correlation {r}).", count),
        "very weak negative": ngettext(
            "The two show a very weak negative relationship over {count} place (correlation {r}).",
            "The two show a very weak negative relationship over {count} places (correlation {r}).", count),
        "weak positive": ngettext(
            "The two show a weak positive relationship over {count} place (correlation {r}).",
            "The two show a weak positive relationship over {count} places (correlation {r}).", count),
        "weak negative": ngettext(
            "The two show a weak negative relationship over {count} place (correlation {r}).",
            "The two show a weak negative relationship over {count} places (correlation {r}).", count),
        "moderate positive": ngettext(
            "The two show a moderate positive relationship over {count} place (correlation {r}).",
            "The two show a moderate positive relationship over {count} places (correlation {r}).", count),
        "moderate negative": ngettext(
            "The two show a moderate negative relationship over {count} place (correlation {r}).",
            "The two show a moderate negative relationship over {count} places (correlation {r}).", count),
        "strong positive": ngettext(
            "The two show a strong positive relationship over {count} place (correlation {r}).",
            "The two show a strong positive relationship over {count} places (correlation {r}).", count),
        "strong negative": ngettext(
            "The two show a strong negative relationship over {count} place (correlation {r}).",
            "The two show a strong negative relationship over {count} places (correlation {r}).", count),
        "very strong positive": ngettext(
            "The two show a very strong positive relationship over {count} place (correlation {r}).",
            "The two show a very strong positive relationship over {count} places (correlation {r}).", count),
        "very strong negative": ngettext(
            "The two show a very strong negative relationship over {count} place (correlation {r}).",
            "The two show a very strong negative relationship over {count} places (correlation {r}).", count),
    }


def strength(r: float, count: int) -> str:
    """How strongly, and which way, two indicators go together over `count` places (Pearson's r on
    SCALE), and that this is no cause."""
    shown = rounded(r)
    written = i18n.number(float(shown) if shown else 0.0, 2)  # never "-0.00"
    said = sentences(count)[strength_key(r)].format(count=i18n.integer(count), r=written)
    return " ".join((said, _("Going together does not show that one causes the other.")))


def correlation(x: pd.Series, y: pd.Series) -> str:
    """The sentence on how the two go together, where it says something: at least MIN_PLACES places
    and each indicator varying."""
    count = len(x)
    if count < MIN_PLACES or not x.std() > 0 or not y.std() > 0:
        return ""
    return strength(x.corr(y), count)
