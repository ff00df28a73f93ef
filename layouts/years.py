"""A year of observed data as its source wrote it, wherever a reader sees one: one rule for every
table, title and sentence.

A store keeps each value's year as a number (Bristol's financial year "2017-18" as 2018, the year it
ends), so that values sort, score and download as numbers, and the source's own words in
`year_label`. Written as the number, "2018" stood on one part of a page and "2017-18" on another for
the same value. A year is written as the source wrote it where that is known for every value it
stands for, and as the number otherwise: never a period the values are not from. Machines keep the
number (the API's and the downloads' `year`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from loaders.store import StoreData

EDITION = "(latest available)"
"""The end of SDSN's "2019 edition (latest available)": the edition that published a value, not the
period it measures, which the number says (`loaders.sdsn`)."""


def written(year: object, label: object = None) -> str:
    """One value's year: the source's words for it ('2017-18', '2012/13'), else the number ('2018');
    '' for no year."""
    if isinstance(label, str) and label.strip() and not label.endswith(EDITION):
        return label.strip()
    if year is None or pd.isna(year):
        return ""
    return str(int(year))


def written_all(years: Iterable[object], labels: Iterable[object]) -> list[str]:
    """`written` of each (year, label) pair."""
    return [written(year, label) for year, label in zip(years, labels, strict=True)]


def by_year(years: Iterable[object], labels: Iterable[object]) -> dict[int, str]:
    """The text of each year where all its rows write it alike and not as the number: one
    indicator's history of one place (the breakdowns of a year wrote the same period)."""
    found: dict[int, set[str]] = {}
    for year, label in zip(years, labels, strict=True):
        if year is not None and not pd.isna(year):
            found.setdefault(int(year), set()).add(written(year, label))
    return {year: next(iter(texts)) for year, texts in found.items()
            if len(texts) == 1 and next(iter(texts)) != str(year)}


def plain(text: str) -> bool:
    """Whether a year's text is a bare year (a range of them is written with an en dash)."""
    return text.isdigit()


PERIOD = re.compile(r"(?<!\d)\d{4}[-/\u2013]\d{2}(?:\d{2})?(?!\d)")
"""A year written as a period ("2020-21", "2012/13") or a span of bare years ("2013\u20132017"),
where a browser may end a line after the hyphen, slash or dash."""


def runs(text: str) -> list[tuple[str, bool]]:
    """`text` in runs, each with whether it is a period (`PERIOD`), which a line must not break:
    on a 375 px phone a title ended a line with "2020-" and began the next with "21"."""
    parts, at = [], 0
    for found in PERIOD.finditer(text):
        parts += [(text[at:found.start()], False)] if found.start() > at else []
        parts.append((found.group(), True))
        at = found.end()
    return parts + ([(text[at:], False)] if at < len(text) else [])


def kept_whole(text: str) -> list:
    """`text` as static-tree parts, each period (`PERIOD`) in a text-nowrap span: the words a page
    builds as a tree (a table's caption and headers, a goal table's "fell from 2017-18 to
    2020-21"), as `bootstrap.unbroken` does for components."""
    return [["span", {"className": "text-nowrap"}, run] if period else run for run, period in runs(text)]


def periods(column: str, texts: Iterable[str]) -> tuple[str, ...]:
    """(`column`,) where one of its years is written as a period, for `views.base.Table.nowrap`:
    "2020-21" broke after its hyphen in a narrow column; a column of bare years is sent as before."""
    return (column,) if any(not plain(str(text)) for text in texts) else ()


def version_texts(store: StoreData) -> dict[int, dict[str, frozenset[str]]]:
    """How the version's years are written: year -> indicator_id -> the texts its places' values
    of that year have, made once per version (`StoreData.year_labels`)."""
    labels = store.year_labels()
    found: dict[int, dict[str, set[str]]] = {}
    rows = zip(labels["indicator_id"], labels["year"], labels["year_label"], strict=True)
    for indicator, year, label in rows:
        if year is not None and not pd.isna(year) and not pd.isna(indicator):
            found.setdefault(int(year), {}).setdefault(str(indicator), set()).add(written(year, label))
    return {year: {indicator: frozenset(texts) for indicator, texts in each.items()}
            for year, each in found.items()}


def of_indicators(store: StoreData, year: object, indicators: Iterable[str] | None = None) -> str:
    """`year` as every value of these indicators (all the version's, for None) in that year writes
    it: the source's words where they all agree ("2020-21" for Bristol's 2021), the number where
    any of them writes it otherwise or differently (Bristol's 2018 is "2017-18", "2017/18" and
    a calendar "2018")."""
    if year is None or pd.isna(year):
        return ""
    number = int(year)
    written_in = store.prepared(version_texts).get(number, {})
    chosen = written_in.values() if indicators is None else \
        (written_in[i] for i in {str(i) for i in indicators} if i in written_in)
    found = set().union(*chosen)
    return next(iter(found)) if len(found) == 1 else str(number)


def period_key(text: str) -> str:
    """A period as an address may write it: '2020-21', '2020/21' and '2020–21' alike."""
    return re.sub(r"[/\u2013\u2014]", "-", text.strip())


ASKED_PERIOD = r"[0-9]{4}[-/\u2013\u2014][0-9]{2}(?:[0-9]{2})?"
"""A period as an address may give it (`period_key` makes them one): what the API's description
says `year`, `from` and `to` take besides a whole number."""
WHOLE = re.compile(r"[0-9]{1,11}")
"""A whole number as an address gives a year: ASCII digits only (str.isdigit also takes '²' and
other scripts' digits), short enough that no overflow is asked for."""


def version_periods(store: StoreData) -> dict[str, int]:
    """The periods the version writes (`version_texts`), each by `period_key`, with the year the
    store keeps it under ('2020-21' -> 2021); a text two years share names neither, nor does a text
    that is no period (`ASKED_PERIOD`). Made once per version (`known_periods`)."""
    found: dict[str, set[int]] = {}
    for year, each in store.prepared(version_texts).items():
        for text in set().union(*each.values()):
            if not plain(text) and re.fullmatch(ASKED_PERIOD, text.strip()):
                found.setdefault(period_key(text), set()).add(year)
    return {text: next(iter(years)) for text, years in sorted(found.items(), key=lambda kv: min(kv[1]))
            if len(years) == 1}


SHOWN_PERIODS = 12
"""Periods a message names at most (Bristol's: 9)."""


def listed(known: Mapping[str, int]) -> str:
    """The periods a message names for a year asked for: at most `SHOWN_PERIODS`, in year order."""
    named = list(known)[:SHOWN_PERIODS]
    return ", ".join(named + (["\u2026"] if len(known) > SHOWN_PERIODS else []))


def known_periods(store: StoreData) -> dict[str, int]:
    """`version_periods`, made once per version: every page, embed and API request that reads a
    year asks for them."""
    return store.prepared(version_periods)


def asked(text: object, known: Mapping[str, int]) -> int | None:
    """The year an address's `text` names, the one rule of pages, embeds, pictures and the API: a
    whole number ('2021', ' 02021 '), or a period the data writes (`known`, from `known_periods`:
    '2020-21' and '2020/21' are Bristol's 2021, as its pages write that year); None for anything
    else, which the caller refuses in its own way (a page shows its default, the API answers 400)."""
    value = str(text).strip()
    if WHOLE.fullmatch(value):
        return int(value)
    return known.get(period_key(value)) if re.fullmatch(ASKED_PERIOD, value) else None
