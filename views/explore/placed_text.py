"""The sentences under the views of one row per place: a ranking, a distribution, the table."""

from __future__ import annotations

import pandas as pd

from layouts import explore_figures as figures
from layouts import i18n
from layouts.facts import TIED_NAMED, Extreme, end_ties
from layouts.i18n import _, ngettext
from layouts.summaries import tied_score, with_tied
from views.explore.amounts import amount, capital, rating_counts, value_years
from views.explore.model import State
from views.explore.subject import Subject


def ranking_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int,
                    told: dict[int, str] | None = None) -> str:
    values = column == "value"
    if frame.empty:
        message = (_("No place in the selection has values for {subject} in {year}.") if values
                   else _("No place in the selection has scores for {subject} in {year}."))
        return message.format(subject=subj.phrase, year=year)
    top = frame.iloc[0]
    whole = values and figures.all_whole(frame[column])  # people, counts: "49", not "49.0"
    median = frame[column].median()
    if len(frame) == 1:
        message = (_("Only {place} has values for {subject} in {year}: {amount}.") if values
                   else _("Only {place} has scores for {subject} in {year}: {amount}."))
        # and where its value is older, from when: Los Angeles' one value "in 2020" was from 2018
        return " ".join(s for s in (message.format(place=top["name"], subject=subj.phrase, year=year,
                                                   amount=amount(top[column], column, subj.unit, whole)),
                                    value_years(frame, year, told)) if s)
    count = len(frame)
    unit = subj.unit if values else ""
    ends = {"top": end(frame, column, unit, 0), "bottom": end(frame, column, unit, -1),
            "median": amount(median, column, subj.unit, whole and median == round(median))}
    if subj.assumed:  # no direction to call one end best (a city's population, or its scores)
        lead = (ngettext("{count} place has values for {subject} in {year}.",
                         "{count} places have values for {subject} in {year}.", count) if values else
                ngettext("{count} place has scores for {subject} in {year}.",
                         "{count} places have scores for {subject} in {year}.", count))
        return " ".join(s for s in (
            lead.format(count=i18n.integer(count), subject=subj.phrase, year=year),
            value_years(frame, year, told),
            _("Highest: {top} ({top_amount}); lowest: {bottom} ({bottom_amount}); median {median}.").format(
                top=ends["top"][0], top_amount=ends["top"][1], bottom=ends["bottom"][0],
                bottom_amount=ends["bottom"][1], median=ends["median"]),
            shown_bars(count)) if s)
    if not values:
        lead = ngettext("{count} place has scores for {subject} in {year} (higher is better).",
                        "{count} places have scores for {subject} in {year} (higher is better).", count)
    elif subj.higher_is_better:
        lead = ngettext("{count} place has values for {subject} in {year} (higher is better).",
                        "{count} places have values for {subject} in {year} (higher is better).", count)
    else:
        lead = ngettext("{count} place has values for {subject} in {year} (lower is better).",
                        "{count} places have values for {subject} in {year} (lower is better).", count)
    sentences = [
        lead.format(count=i18n.integer(count), subject=subj.phrase, year=year),
        value_years(frame, year, told),
        _("Best: {top} ({top_amount}); last: {bottom} ({bottom_amount}); median {median}.").format(
            top=ends["top"][0], top_amount=ends["top"][1], bottom=ends["bottom"][0],
            bottom_amount=ends["bottom"][1], median=ends["median"]),
    ]
    if "rating" in frame:
        sentences.append(rating_counts(frame["rating"]))
    sentences.append(shown_bars(count))
    return " ".join(s for s in sentences if s)


def end(frame: pd.DataFrame, column: str, unit: str, at: int) -> tuple[str, str]:
    """The place at one end of a ranking (`at` 0, or -1) with those of the same value beside it
    ("EXTRAMURS and QUATRE CARRERES", "2 places at 100.0"; "Šabac and 1,203 other places (0.0)"), as
    the map names its ends: a value the bars write like the next place's but that differs gets the
    decimals that tell them apart (Ghana 62.21, Côte d'Ivoire 62.19: `facts.separating_digits`), so
    a sentence never says two places tie that the map beside it ranks; and the value as written."""
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
    names = frame["name"].astype(str).to_numpy()
    if at != 0:
        values, names = values[::-1], names[::-1]
    first = float(values[0])
    whole = first == round(first) and figures.all_whole(values)
    digits, positions = end_ties(values, 0 if whole or abs(first) >= figures.LARGE else 1)
    written = i18n.number(first, digits)
    group = sorted([0, *positions], reverse=at != 0)  # named in the list's order at either end
    named = [str(names[i]) for i in group]
    extreme = Extreme(named[0], first, tuple(named[1:TIED_NAMED + 1]), max(0, len(named) - 1 - TIED_NAMED),
                      digits)
    shown = _("{number} {unit}").format(number=written, unit=unit) if unit else written
    return with_tied(extreme), tied_score(extreme, shown)


def picture_bars(count: int) -> str:
    """What a ranking's picture leaves out, said on it (a PNG has no table view beside it)."""
    if count <= figures.MAX_BARS:
        return ""
    return _("The picture shows the first {shown} of {total} places.").format(
        shown=i18n.integer(figures.MAX_BARS), total=i18n.integer(count))


def shown_bars(count: int) -> str:
    if count <= figures.MAX_BARS:
        return ""
    return _("The chart shows the first {shown} of them; the table view lists them all.").format(
        shown=i18n.integer(figures.MAX_BARS))


def distribution_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int,
                         told: dict[int, str] | None = None) -> str:
    if frame.empty:
        return _("No place in the selection has data for {subject} in {year}.").format(
            subject=subj.phrase, year=year)
    # the years of the values, as the ranking of the same rows says them
    sentences = [_("{subject} in {year} by UN region.").format(subject=capital(subj.phrase), year=year),
                 value_years(frame, year, told)]
    for region, part in figures.by_region(frame):
        sentences.append(ngettext(
            "{region}: median {median} over {count} place (from {low} to {high}).",
            "{region}: median {median} over {count} places (from {low} to {high}).", len(part),
        ).format(region=region, median=amount(part[column].median(), column, subj.unit),
                 count=i18n.integer(len(part)), low=amount(part[column].min(), column, subj.unit),
                 high=amount(part[column].max(), column, subj.unit)))
    return " ".join(s for s in sentences if s)


def table_summary(frame: pd.DataFrame, subj: Subject, state: State, order: str) -> str:
    count = len(frame)
    if not count and state.find:  # as the charts say it ("0 places have data" read as a count)
        return _("No place whose name contains '{find}' has data for {subject} in {year}.").format(
            find=state.find, subject=subj.phrase, year=state.year)
    if not count:
        return _("No place in the selection has data for {subject} in {year}.").format(
            subject=subj.phrase, year=state.year)
    if state.find:
        message = ngettext(
            "{count} place whose name contains '{find}' has data for {subject} in {year}. Order: {order}.",
            "{count} places whose name contains '{find}' have data for {subject} in {year}. "
            "Order: {order}.", count)
    else:
        message = ngettext("{count} place has data for {subject} in {year}. Order: {order}.",
                           "{count} places have data for {subject} in {year}. Order: {order}.", count)
    return message.format(count=i18n.integer(count), find=state.find, subject=subj.phrase, year=state.year,
                          order=order)
