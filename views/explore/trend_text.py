"""A time series' words: the years its lines span and leave out, each place's change."""

from __future__ import annotations

import pandas as pd

from layouts import explore_figures as figures
from layouts import i18n
from layouts.i18n import _, ngettext
from views.explore.amounts import amount, capital, shared_years, year_text
from views.explore.model import MAX_LINES, State
from views.explore.subject import Subject


def carried_sentence(subj: Subject, years: list[int]) -> str:
    """The years a goal's or the index's trend leaves out: their scores only repeat older values."""
    if not years:
        return ""
    if subj.kind == "goal":
        message = ngettext("Not drawn: {years}, a year in which none of the scored indicators of {subject} "
                           "has a value of its own; its score only repeats older values.",
                           "Not drawn: {years}, years in which none of the scored indicators of {subject} "
                           "has a value of its own; their scores only repeat older values.", len(years))
    else:
        message = ngettext("Not drawn: {years}, a year in which none of the scored indicators has a value of "
                           "its own; its score only repeats older values.",
                           "Not drawn: {years}, years in which none of the scored indicators has a value of "
                           "its own; their scores only repeat older values.", len(years))
    return message.format(years=shared_years(years), subject=subj.phrase)


def place_change(part: pd.DataFrame, column: str, unit: str, told: dict[int, str] | None = None) -> str:
    """'Nairobi: 60.0 in 2020 to 65.0 in 2021 (up 5.0).' for one place's line; its years as `told`
    writes them (a trend of values: "62.87 in 2020-21")."""
    first, last = part.iloc[0], part.iloc[-1]
    change = last[column] - first[column]
    if first["year"] == last["year"]:  # one year: "85.2 in 2019 to 85.2 in 2019 (unchanged)" said nothing
        return _("{place}: {value} in {year}, the only year with a value.").format(
            place=first["name"], value=amount(last[column], column, unit), year=year_text(last["year"], told))
    shown = amount(first[column], column, unit), amount(last[column], column, unit)
    big = max(abs(first[column]), abs(last[column])) >= figures.LARGE  # '3,147 to 2,544 (down 603)'
    digits = 0 if big else 1
    while round(abs(change), digits) == 0 and digits < 3:  # never "(up 0)" beside two values that differ
        digits += 1
    if shown[0] == shown[1]:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (unchanged).")
    elif change > 0:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (up {change}).")
    else:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (down {change}).")
    return message.format(place=first["name"], first=shown[0], first_year=year_text(first["year"], told),
                          last=shown[1], last_year=year_text(last["year"], told),
                          change=i18n.number(abs(change), digits))


def data_years(frame: pd.DataFrame, state: State) -> tuple[int, int]:
    """The first and last year the lines drawn have values in, within the years asked for: Los
    Angeles' 16-2-1, measured 2010 to 2018, was titled '2010 to 2020', the store's span."""
    if frame.empty:
        return state.start, state.end
    years = pd.to_numeric(frame["year"], errors="coerce").dropna()
    return max(state.start, int(years.min())), min(state.end, int(years.max()))


def trend_summary(frame: pd.DataFrame, subj: Subject, column: str, state: State,
                  told: dict[int, str] | None = None) -> str:
    """The lines' years as `told` writes them (a trend of values; the years asked for, where nothing
    is drawn, stay numbers)."""
    if frame.empty:
        return _("No place in the selection has data for {subject} from {start} to {end}.").format(
            subject=subj.phrase, start=state.start, end=state.end)
    drawn = frame["place_id"].nunique()
    start, end = data_years(frame, state)
    if start == end:  # one year drawn
        lead = _("{subject} in {start}.")
    elif state.places:
        lead = _("{subject} from {start} to {end}.")
    elif drawn < 5:  # fewer places have data: "the five best" was false (Los Angeles alone)
        lead = ngettext("{subject} from {start} to {end}, for the only place with data.",
                        "{subject} from {start} to {end}, for the {count} places with data.", drawn)
    elif subj.assumed and column == "value":  # no end of them is best
        lead = _("{subject} from {start} to {end}, for the five highest places.")
    else:
        lead = _("{subject} from {start} to {end}, for the five best places.")
    sentences = [lead.format(subject=capital(subj.phrase), start=year_text(start, told),
                             end=year_text(end, told), count=i18n.integer(drawn))]
    sentences += [place_change(part, column, subj.unit, told)
                  for _place, part in frame.groupby("place_id", sort=False)]
    left_out = len(state.places) - frame["place_id"].nunique() if state.places else 0
    if left_out:
        sentences.append(ngettext(
            "{count} chosen place is not drawn (no data, or more than {most}).",
            "{count} chosen places are not drawn (no data, or more than {most}).", left_out,
        ).format(count=i18n.integer(left_out), most=i18n.integer(MAX_LINES)))
    return " ".join(sentences)
