"""A scatter's words: its two indicators' names and units, its axes, its summary."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, texts
from layouts.i18n import _, ngettext
from layouts.reference import text
from views.explore.amounts import amount, capital, shared_years, value_years
from views.explore.contents import indicator_names
from views.explore.correlation import correlation
from views.explore.model import AXIS_YEARS, Catalogue, State


def axis_units(cat: Catalogue, state: State) -> tuple[str, str]:
    """The scatter's x and y units as the pages write them (`texts.short_unit`)."""
    meta = indicator_names(cat).set_index("indicator_id")
    return tuple(texts.short_unit(text(meta.loc[i, "unit"])) for i in (state.x, state.y))


def scatter_names(cat: Catalogue, state: State) -> tuple[tuple[str, str], tuple[str, str]]:
    """The scatter's x and y names, each as a title writes it (its language marked after it where
    that is not the reader's) and as a sentence does (bare, tagged where a page shows it)."""
    meta = indicator_names(cat).set_index("indicator_id")
    plain = meta["listed_name"] if "listed_name" in meta else meta["name"]
    return tuple((str(meta.loc[i, "name"]), str(plain.loc[i])) for i in (state.x, state.y))


def scatter_amounts(frame: pd.DataFrame, cat: Catalogue, state: State) -> list[str]:
    """Each row's two values as a sentence names them: '62.9 % across, 79.8 % up'."""
    x_unit, y_unit = axis_units(cat, state)
    return [_("{x} across, {y} up").format(x=amount(x, state.measure, x_unit),
                                            y=amount(y, state.measure, y_unit))
            for x, y in zip(frame[state.x].tolist(), frame[state.y].tolist(), strict=True)]


def scatter_summary(frame: pd.DataFrame, state: State, x_name: str, y_name: str,
                    told: dict[int, str] | None = None, unshared: list[int] | None = None) -> str:
    """How many places are drawn, the years their values come from (as a ranking says them:
    `value_years`), and how the two go together; where the two share no place in the year at all
    (`unshared`, the years they do share one), that, not "no place in the selection"."""
    values = state.measure == "value"
    if frame.empty and unshared is not None:
        message = (_("{x} and {y} share no place with values in {year}.") if values
                   else _("{x} and {y} share no place with scores in {year}."))
        lead = message.format(x=capital(x_name), y=y_name, year=state.year)
        if not unshared:
            return " ".join((lead, _("They share none in any year either.")))
        return " ".join((lead, _("They share places in {years}.").format(years=shared_years(unshared))))
    if frame.empty:
        message = (_("No place in the selection has values for both {x} and {y} in {year}.") if values
                   else _("No place in the selection has scores for both {x} and {y} in {year}."))
        return message.format(x=x_name, y=y_name, year=state.year)
    count = len(frame)
    if values:
        lead = ngettext("{count} place has values for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have values for both {x} (across) and {y} (up) in {year}.", count)
    else:
        lead = ngettext("{count} place has scores for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have scores for both {x} (across) and {y} (up) in {year}.", count)
    sentences = [lead.format(count=i18n.integer(count), x=x_name, y=y_name, year=state.year),
                 value_years(frame, state.year, told, AXIS_YEARS)]
    sentences.append(correlation(frame[state.x], frame[state.y]))
    return " ".join(s for s in sentences if s)


def scatter_axis(name: str, column: str, unit: str) -> str:
    """'PM2.5, value (µg/m³)': the indicator and what of it the axis shows."""
    if column == "score":
        return _("{indicator}, score (0-100)").format(indicator=name)
    if unit:
        return _("{indicator}, value ({unit})").format(indicator=name, unit=unit)
    return _("{indicator}, value").format(indicator=name)
