"""How explore's sentences write a number, the years of values and the count of each rating."""

from __future__ import annotations

import pandas as pd

from layouts import explore_figures as figures
from layouts import i18n
from layouts.i18n import _
from layouts.reference import DASHBOARD_COLOURS, rating
from layouts.year_spans import Years


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def amount(value: float, column: str, unit: str, whole: bool = False) -> str:
    """One number for a summary: the locale's signs, and the unit after an indicator's value;
    without a decimal where the values it is one of are all whole (`whole`)."""
    return figures.number(value, unit if column == "value" else "", whole)


def rating_counts(ratings: pd.Series) -> str:
    """'Ratings: major challenges (3) and SDG achieved (2).' in the dashboard's fixed order (a count
    before a rating's name read "1 challenges remain")."""
    counts = ratings.value_counts()
    parts = [_("{rating} ({count})").format(count=i18n.integer(counts[words]), rating=words)
             for words in (rating(c) for c in DASHBOARD_COLOURS) if counts.get(words)]
    return _("Ratings: {list}.").format(list=i18n.join(parts))


def value_years(frame: pd.DataFrame, year: int, told: dict[int, str] | None = None,
                columns: tuple[str, ...] = ("value_year",)) -> str:
    """When a year's values are places' latest ones from earlier years, or from a period the source
    writes otherwise ("2020-21"), say which: the chosen `year` stays the number, the values' years
    (in `columns`: a scatter's two) are written as `told` (`rows.year_texts`) writes them, as the
    map says it ("Each place's latest value up to 2021 is shown, from 2020-21.")."""
    present = [column for column in columns if column in frame]
    if not present:
        return ""
    years = Years.of(pd.concat([frame[column] for column in present])).told(told)
    if not years.known or years.only(year):
        return ""
    message = (_("Each place's latest values up to {year} are shown, from {years}.") if len(present) > 1
               else _("Each place's latest value up to {year} is shown, from {years}."))
    return message.format(year=year, years=years.span())


def year_text(year: object, told: dict[int, str] | None) -> str:
    """One year of observed values as `told` writes it, else the number."""
    return (told or {}).get(int(year), str(int(year)))


def shared_years(years: list[int]) -> str:
    """'2018 and 2019', or '2005 to 2019 (12 years)' past four."""
    if len(years) <= 4:
        return i18n.join([str(year) for year in years])
    return _("{first} to {last} ({count} years)").format(first=years[0], last=years[-1],
                                                           count=i18n.integer(len(years)))
