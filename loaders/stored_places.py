"""A place the store has from one source keeps its facts when another source names it: the UN's
11.2.1 file, whose London is the City of London (population 8,072), rewrote the London of the
European Cities index (8,961,989) without a word."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.report import WARNING, ImportReport

FACTS = ("name", "kind", "parent_id", "code", "country_iso3", "area", "un_region", "un_subregion",
         "lat", "lon", "population")
NEAR_DEGREES = 0.1
"""Coordinates within this (about 10 km) are the same place's, written another way."""
NEAR_SHARE = 0.05
"""Populations within 5 % of each other are the same figure of another year or rounding."""


def keep_stored(new: pd.DataFrame, stored: pd.DataFrame | None, report: ImportReport) -> pd.DataFrame:
    """`new` with the stored facts of the places another source brought before (their blanks
    filled from `new`), and a warning for each whose name, population or position the new
    source gives otherwise. A place brought again by its own source takes the new facts."""
    if stored is None or not len(stored) or not len(new):
        return new
    old = stored.drop_duplicates("place_id").set_index("place_id")
    ids = new["place_id"].astype("string")
    shared = ids.isin(old.index).fillna(False).to_numpy(bool)
    if not shared.any():
        return new
    before = old.loc[ids[shared].to_numpy()]
    given = new.loc[shared]
    source_then = before["source"].astype("string").fillna("").to_numpy(object)
    source_now = given["source"].astype("string").fillna("").to_numpy(object)
    other = (source_then != "") & (source_now != "") & (source_then != source_now)
    if not other.any():
        return new
    out = new.copy()
    rows = np.flatnonzero(shared)[other]
    for field in (f for f in FACTS if f in out.columns and f in before.columns):
        kept = before[field].to_numpy(object)[other]
        has = ~pd.isna(kept)
        at = out.index[rows[has]]
        values = pd.Series(kept[has], index=at)
        try:  # in the column's own type (an object array into float64 is refused)
            values = values.astype(out[field].dtype)
        except (TypeError, ValueError):
            out[field] = out[field].astype(object)
        out.loc[at, field] = values
    out.loc[out.index[rows], "source"] = pd.Series(source_then[other], index=out.index[rows],
                                                   dtype=out["source"].dtype)
    for then, now in zip(before.iloc[np.flatnonzero(other)].itertuples(), new.iloc[rows].itertuples(),
                         strict=True):
        differences = differing(then, now)
        if differences:
            report.add(
                str(now.source), f"place '{now.place_id}' is in the store from {then.source}; this file "
                f"gives another {' and '.join(name for name, _ in differences)}: the stored one is kept",
                column="place", value="; ".join(text for _, text in differences), severity=WARNING)
    return out


def differing(then, now) -> list[tuple[str, str]]:
    """(fact, 'this file's value (stored: the store's)') for each fact the two rows tell otherwise."""
    found = []
    names = (now.name, then.name)
    if all(isinstance(n, str) for n in names) and now.name.casefold() != then.name.casefold():
        found.append(("name", f"'{now.name}' (stored: '{then.name}')"))
    if number(now.population) and number(then.population) and \
            abs(now.population - then.population) > NEAR_SHARE * max(now.population, then.population):
        found.append(("population", f"{now.population:,.0f} (stored: {then.population:,.0f})"))
    if all(number(v) for v in (now.lat, now.lon, then.lat, then.lon)) and \
            max(abs(now.lat - then.lat), abs(now.lon - then.lon)) > NEAR_DEGREES:
        found.append(("position", f"{now.lat:.3f}, {now.lon:.3f} (stored: {then.lat:.3f}, {then.lon:.3f})"))
    return found


def number(value: object) -> bool:
    return value is not None and not pd.isna(value)
