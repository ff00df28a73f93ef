"""The span of years a view's values come from, each end written as its sources wrote it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import pandas as pd

from layouts import years as written_years
from layouts.i18n import _
from loaders.store import StoreData


@dataclass(frozen=True)
class Years:
    """The span of years a set of values comes from (both None: no value), each end written as its
    sources wrote it where they agree (`layouts.years`: Bristol's 2021 is "2020-21")."""

    first: int | None = None
    last: int | None = None
    first_text: str | None = None
    last_text: str | None = None

    @property
    def known(self) -> bool:
        return self.first is not None

    def only(self, year: int | None) -> bool:
        """True when every value is from `year` itself, written as that year: Bristol's values of
        2021 are from "2020-21", which a sentence says."""
        return self.known and self.first == self.last == year and self.ends() == (str(year), str(year))

    def ends(self) -> tuple[str, str]:
        """The first and last year as a reader sees them."""
        return (self.first_text or str(self.first), self.last_text or str(self.last))

    def text(self) -> str:
        """'2013' or '2013-2017' (one value when both ends are equal), '2017-18 to 2020-21' (a dash
        between periods written with dashes is not read); '' when no value."""
        if not self.known:
            return ""
        first, last = self.ends()
        if self.first == self.last:
            return first
        if written_years.plain(first) and written_years.plain(last):
            return f"{first}\u2013{last}"
        return self.span()

    def span(self) -> str:
        """What follows "from" in a sentence: '2013', or '2013 to 2017' in the reader's language
        (French read "de 2002–2019", where "de 2002 à 2019" is said); '2020 and 2020-21' for the
        two years of a calendar year and a period, one after the other (Bristol's goals heading read
        "latest values up to 2021 (from 2020 to 2020-21)", a stretch of time that ends where it
        began); '' when no value."""
        if not self.known or self.first == self.last:
            return self.text()
        first, last = self.ends()
        if self.paired:
            return _("{first} and {last}").format(first=first, last=last)
        return _("{first} to {last}").format(first=first, last=last)

    @property
    def paired(self) -> bool:
        """Two years one after the other, one a calendar year and one a period ("2020", "2020-21"):
        two years, not a stretch of time between them."""
        if not self.known or self.last != self.first + 1:
            return False
        first, last = self.ends()
        return written_years.plain(first) != written_years.plain(last)

    def written(self, store: StoreData, indicators: Callable[[int], Iterable[str] | None]) -> Years:
        """These years with each end as the version's values of `indicators(year)` (None: all of
        them) write it (`layouts.years.of_indicators`)."""
        if not self.known:
            return self
        first, last = (written_years.of_indicators(store, end, indicators(end))
                       for end in (self.first, self.last))
        return replace(self, first_text=first, last_text=last)

    @classmethod
    def of(cls, years: pd.Series) -> Years:
        years = pd.to_numeric(years, errors="coerce").dropna()
        return cls(int(years.min()), int(years.max())) if len(years) else cls()

    def told(self, texts: dict[int, str] | None) -> Years:
        """These years with each end as `texts` (year -> text) writes it, the number where it says
        nothing."""
        if not texts or not self.known:
            return self
        return replace(self, first_text=texts.get(self.first), last_text=texts.get(self.last))

    @classmethod
    def of_rows(cls, years: pd.Series, labels: pd.Series) -> Years:
        """The span of rows that carry their own year labels (`year_label`), ends as written."""
        span = cls.of(years)
        return span.told(written_years.by_year(years.tolist(), labels.tolist())) if span.known else span


def value_years(rows: pd.DataFrame, store: StoreData | None = None) -> Years:
    """The span of years of the values behind a set of scores: `rows` are indicator_scores rows
    (a view reads the slice it shows: one place and year, or one goal and year), whose
    `value_year` is the year of the value scoring carried forward to the row's year; with `store`,
    each end written as the values of its year write it."""
    if rows.empty or "value_year" not in rows:
        return Years()
    span = Years.of(rows["value_year"])
    if store is None or "indicator_id" not in rows:
        return span
    at = pd.to_numeric(rows["value_year"], errors="coerce")
    ids = rows["indicator_id"].astype(str)
    return span.written(store, lambda year: ids[(at == year).to_numpy(dtype=bool)].unique())
