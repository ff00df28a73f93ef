"""Indicator names, units and descriptions from the data, in the reader's language when the
source published one, otherwise in the source language: tagged with it in HTML and said once per
list, or marked after the text where only a string can hold it (a chart's title)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from babel import Locale, UnknownLocaleError

from layouts import i18n
from layouts.i18n import _
from loaders.import_checks import PERCENT_UNIT
from loaders.store import StoreData

FIELDS = ("name", "unit", "description")
TEXTS_TABLE = "indicator_texts"
"""indicator_id, language, name, unit, description: translations an import found."""


def source_language(indicators: pd.DataFrame) -> pd.Series:
    if "language" in indicators:
        return indicators["language"].astype("string").fillna(i18n.SOURCE_LANGUAGE)
    return pd.Series(i18n.SOURCE_LANGUAGE, index=indicators.index, dtype="string")


def indicator_texts(store: StoreData, language: str | None = None) -> pd.DataFrame:
    """One row per indicator: indicator_id, name, unit (as the pages write it), stated_unit (as the
    source does), description and, per field, `<field>_language`, the language the text is in.
    Kept per loaded version and language (a city page asks twice, and it took about 50 ms): found
    again when a table it reads is replaced."""
    language = language or i18n.language()
    cache = store.__dict__.setdefault("_indicator_texts", {})
    key = (language, id(store.indicators), id(store.tables.get(TEXTS_TABLE)))
    if key not in cache:
        if len(cache) > 64:
            cache.clear()
        with i18n.use(language):  # its stand-in names are in that language, whatever the caller's
            cache[key] = (store.indicators, store.tables.get(TEXTS_TABLE), texts_in(store, language))
    return cache[key][2].copy()


def texts_in(store: StoreData, language: str) -> pd.DataFrame:
    base = store.indicators[["indicator_id", *FIELDS]].copy()
    languages = source_language(store.indicators)
    for field in FIELDS:
        base[f"{field}_language"] = languages.to_numpy()
    texts = store.tables.get(TEXTS_TABLE)
    if texts is not None and not texts.empty:
        translate(base, texts, language)
        from_other_languages(base, texts)
    standins(base, language)
    base["stated_unit"] = base["unit"]  # for downloads, which keep the source's words alone
    disproved_percents(base, store.prepared(percent_highs), language)
    # an indicator without a name (a store written by another tool) goes by its id, never "nan"
    blank = nameless(base)
    base.loc[blank, "name"] = base.loc[blank, "indicator_id"]
    base.loc[blank, "name_language"] = language  # an id is marked as in no other language
    return base


def standins(base: pd.DataFrame, language: str) -> None:
    """The importer's stand-in for a name no metadata gave ('Indicator 1.2.10'), or a series of it
    ('Indicator 11.2.1 (Percent)'), in the reader's language; a series' own words stay marked."""
    parts = base["name"].astype("string").str.extract(r"^Indicator (\d+(?:\.[0-9a-z]+)+)( \(.+\))?$")
    standin = parts[0].notna().to_numpy(dtype=bool)
    if not standin.any():
        return
    rest = parts[1].fillna("")
    base.loc[standin, "name"] = [_("Indicator {number}").format(number=number) + words
                                 for number, words in zip(parts[0][standin], rest[standin], strict=True)]
    plain = rest.map(wordless).to_numpy(dtype=bool)
    base.loc[standin & plain, "name_language"] = language


PERCENT_LIMIT = 100.5
"""Past this (rounding aside), a value is more than a whole: a percent unit beside it needs saying so."""


def percent_highs(store: StoreData) -> pd.Series:
    """The highest value of each indicator whose unit says percent in any language the store has
    (`loaders.import_checks.PERCENT_UNIT`) and whose values pass PERCENT_LIMIT, by indicator id; made
    once per version."""
    units = [frame[["indicator_id", "unit"]] for frame in (store.indicators, store.tables.get(TEXTS_TABLE))
             if frame is not None and len(frame) and "unit" in frame]
    if not units:
        return pd.Series(dtype="float64")
    named = pd.concat(units, ignore_index=True).dropna()
    says = named["unit"].astype(str).str.contains(PERCENT_UNIT).to_numpy(dtype=bool)
    ids = sorted(set(named["indicator_id"].astype(str)[says]))
    if not ids:
        return pd.Series(dtype="float64")
    return store.highest_values(ids, PERCENT_LIMIT)


def disproved_percents(base: pd.DataFrame, highs: pd.Series, language: str) -> None:
    """A percent unit whose indicator's values pass 100 (València's 'Porcentaje' of 61,152
    unemployed) is kept as the source states it, with the highest value beside it, in the reader's
    language, and never shortened to a '%' sign (`short_unit`): the pages neither replace a unit
    nor vouch for one the data contradict (docs/data-formats.md)."""
    if highs.empty:
        return
    top = base["indicator_id"].astype(str).map(highs).to_numpy(dtype="float64", na_value=np.nan)
    unit = base["unit"].astype("string").fillna("")
    past = (unit.str.contains(PERCENT_UNIT).to_numpy(dtype=bool) & (top > PERCENT_LIMIT))
    if not past.any():
        return
    base.loc[past, "unit"] = [
        _("{unit} (as the source says, but its values reach {highest})").format(
            unit=said, highest=i18n.number(high, 0 if float(high).is_integer() else 1))
        for said, high in zip(unit[past], top[past], strict=True)]
    base.loc[past, "unit_language"] = language


def nameless(indicators: pd.DataFrame) -> np.ndarray:
    """Which indicators have no name (missing or blank)."""
    return indicators["name"].astype("string").fillna("").str.strip().eq("").to_numpy(dtype=bool)


def from_other_languages(base: pd.DataFrame, texts: pd.DataFrame) -> None:
    """A unit or description still blank, taken from the texts of another language (marked as in
    it): the ECOWAS codebook describes its indicators in French only, which the English page then
    shows marked French rather than not at all."""
    for field in ("unit", "description"):
        if field not in texts:
            continue
        blank = base[field].astype("string").fillna("").str.strip().eq("").to_numpy(dtype=bool)
        if not blank.any():
            continue
        given = texts[texts[field].astype("string").fillna("").str.strip() != ""]
        given = given.drop_duplicates("indicator_id", keep="first").set_index("indicator_id")
        found = base["indicator_id"].map(given[field])
        has = blank & found.notna().to_numpy(dtype=bool)
        base.loc[has, field] = found[has]
        base.loc[has, f"{field}_language"] = base.loc[has, "indicator_id"].map(given["language"])


def translate(base: pd.DataFrame, texts: pd.DataFrame, language: str) -> None:
    """Each field of `base` in `language` where the texts table has it (marked as in it)."""
    chosen = texts[texts["language"] == language].drop_duplicates("indicator_id", keep="last")
    chosen = chosen.set_index("indicator_id")
    for field in FIELDS:
        found = base["indicator_id"].map(chosen[field]) if field in chosen else None
        if found is None:
            continue
        has = found.notna() & (found.astype("string").str.strip() != "")
        base.loc[has, field] = found[has]
        base.loc[has, f"{field}_language"] = language


def language_name(code: str) -> str:
    """'en' in the reader's language ('anglais' in French)."""
    try:
        return Locale.parse(code).get_display_name(i18n.language()) or code
    except (UnknownLocaleError, ValueError):
        return code


def wordless(text: str) -> bool:
    """'%', 'µg/m³', 'kWh' or '0-100' read the same in every language: no marker for them (no run of
    more than three letters, so symbols and codes pass and words do not)."""
    return re.search(r"[^\W\d_]{4,}", text) is None


def foreign(language: object) -> str | None:
    """`language` where it is a language other than the reader's (to tag text written in it: a
    screen reader reads Berlin's German project titles in a German voice), else None."""
    if not isinstance(language, str) or not language.strip() or language == i18n.language():
        return None
    return language


def marked(text: object, language: object) -> str:
    """Text for places that hold only a string (options, chart titles): the text itself when it is
    in the reader's language, else the text with its language named after it."""
    shown = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    if not shown or not foreign(language) or wordless(shown):
        return shown
    return _("{text} (in {language})").format(text=shown, language=language_name(language))


def tagged_tree(text: object, language: object) -> list | str:
    """Text for HTML as a static-tree element tagged with its language where that is not the
    reader's; the text itself otherwise. No visible marker: for a project's own words, whose
    language a reader sees."""
    code = foreign(language)
    return ["span", {"lang": code}, text] if code and isinstance(text, str) and text.strip() else text


def marked_tree(text: object, language: object) -> list | str:
    """Text for HTML, as a static-tree element tagged with its own language where that is not the
    reader's (screen readers switch voice); no visible marker after it: a list of names says once
    which language they are in (`language_note`), not after each of its 60 names."""
    shown = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    if not shown or not foreign(language) or wordless(shown):
        return shown
    return ["span", {"lang": language}, shown]


def foreign_words(names: pd.Series, languages: pd.Series) -> dict[str, str]:
    """{text: language} of the `names` in another language than the reader's, for a view's
    `languages` (`tagged_phrases` tags them where its sentences hold them)."""
    return {str(text): str(code) for text, code in zip(names, languages, strict=True)
            if isinstance(text, str) and text.strip() and not wordless(text) and foreign(code)}


def tagged_phrases(text: str, languages: dict[str, str]) -> list:
    """`text` as static-tree parts, each phrase of `languages` it holds in a span tagged with its
    language (the longest first where one holds another); the text alone where it holds none."""
    held = sorted((phrase for phrase in languages if phrase and phrase in text), key=len, reverse=True)
    if not held:
        return [text]
    parts: list = []
    for piece in re.split("(" + "|".join(map(re.escape, held)) + ")", text):
        if piece in languages:
            parts.append(["span", {"lang": languages[piece]}, piece])
        elif piece:
            parts.append(piece)
    return parts


def tagged_option(label: object, value: object, language: object) -> dict:
    """An option of a list of names, with the language of its label where that is not the
    reader's (its element carries `lang`), instead of a marker after every name."""
    option = {"label": str(label), "value": "" if value is None else str(value)}
    code = foreign(language) if isinstance(label, str) and not wordless(label) else None
    return {**option, "lang": code} if code else option


def language_note(names: pd.Series, languages: pd.Series, pillars: bool = False) -> str:
    """Once for a list of indicator names (or of the source's `pillars`): how many are in each other
    language than the reader's, as the source publishes them ('' when all are in the reader's).
    Said once, where each name said '(in English)' after it."""
    shown = names.astype("string").fillna("").to_numpy(dtype=object)
    codes = [foreign(code) if text and not wordless(text) else None
             for text, code in zip(shown, languages.astype(object).to_numpy(), strict=True)]
    counted = pd.Series([code for code in codes if code], dtype=object).value_counts(sort=False)
    return " ".join(language_count(int(count), len(codes), language_name(code), pillars)
                    for code, count in counted.items())


def language_count(count: int, total: int, language: str, pillars: bool) -> str:
    """How many names of a list of `total` are in `language`: all of them ('These 60 indicator
    names are in English'), or some ('3 of these 60 ...')."""
    if count == total:
        return every_name(total, pillars).format(total=i18n.integer(total), language=language)
    if pillars:
        words = i18n.ngettext("{count} of these {total} pillar names is in {language}, as the source "
                              "publishes it.",
                              "{count} of these {total} pillar names are in {language}, as the source "
                              "publishes them.", count)
    else:
        words = i18n.ngettext("{count} of these {total} indicator names is in {language}, as the source "
                              "publishes it.",
                              "{count} of these {total} indicator names are in {language}, as the source "
                              "publishes them.", count)
    return words.format(count=i18n.integer(count), total=i18n.integer(total), language=language)


def every_name(total: int, pillars: bool) -> str:
    if pillars:
        return i18n.ngettext("This pillar name is in {language}, as the source publishes it.",
                             "These {total} pillar names are in {language}, as the source publishes them.",
                             total)
    return i18n.ngettext("This indicator name is in {language}, as the source publishes it.",
                         "These {total} indicator names are in {language}, as the source publishes them.",
                         total)


PERCENT_SIGN_UNIT = re.compile(
    r"^\s*(?:percentage|percent|per cent|porcentaje|pourcentage)\s*\(%\)\s*$", re.IGNORECASE)
"""A percent unit written as its word and its sign ('Percentage (%)'); other units keep every word
('Millions (USD)' is not 'USD')."""


def short_unit(unit: object) -> object:
    """'%' for a percent unit written with its sign (Bristol's "62.87 Percentage (%)"), else `unit`."""
    return "%" if isinstance(unit, str) and PERCENT_SIGN_UNIT.match(unit) else unit
