"""What an import reports about the data it brings: guessed directions, half-stated bounds, percent
units its values contradict."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.report import WARNING, ImportReport


def report_directions(found: pd.DataFrame, report: ImportReport, brought: set[str]) -> None:
    """A warning for each indicator the import brings (`brought`) that is scored without a stated
    direction (`found`'s indicator_id, direction and direction_source, as the bounds table holds
    them): one read as 'lower is better' from words in its name, or one assumed 'higher is better'.
    A source that states none (an Open SDG site) had its food insecurity scored the wrong way round,
    and the import said nothing."""
    if not brought:
        return
    for indicator, direction, source in found[["indicator_id", "direction", "direction_source"]].itertuples(
            index=False):
        if str(indicator) not in brought:
            continue
        if source == "name":
            reason = (f"indicator '{indicator}' states no direction: scored as lower is better, read from "
                      "words in its name; state `direction` (--indicator-meta, or the mapping) to be sure")
        elif source == "assumed":
            reason = (f"indicator '{indicator}' states no direction, and neither its bounds nor its "
                      "name tell: scored as higher is better; state `direction` (--indicator-meta, or the "
                      "mapping)")
        else:
            continue
        report.add("(scoring)", reason, column="direction", value=direction, severity=WARNING)


HALF_BOUNDS_LISTED = 10
"""Indicators with one stated bound listed one by one; past that, one warning counts them (a
codebook without a 'worst' column at all)."""


def report_half_bounds(indicators: pd.DataFrame, bounds: pd.DataFrame | None, report: ImportReport,
                       brought: set[str]) -> None:
    """A warning for each indicator the import brings that states one bound and not the other: the
    missing one is taken from the data (the mean of the five best latest values, or their 2.5th
    percentile from the worst end), so its scores rest on the source's bound at one end and this
    dashboard's at the other. A codebook without a 'worst' column scored that way and said nothing.
    `bounds` (the bounds table scoring wrote) gives the value taken; `validate`, which scores
    nothing, passes None."""
    if not brought or indicators.empty or not {"best", "worst"} <= set(indicators.columns):
        return
    meta = indicators.drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    best, worst = (pd.to_numeric(meta[c], errors="coerce") for c in ("best", "worst"))
    ours = meta.index.astype(str).isin(brought)
    half = meta.index[(best.isna() != worst.isna()).to_numpy(dtype=bool) & ours]
    if not len(half):
        return
    if len(half) > HALF_BOUNDS_LISTED:
        given = "best" if best[half].notna().all() else "worst" if worst[half].notna().all() else "one bound"
        first = ", ".join(map(str, half[:3]))
        report.add("(scoring)", f"{len(half)} indicators state their {given} but not the other bound "
                   f"(first: {first}): the other is taken from the data (the mean of the five best latest "
                   "values, or their 2.5th percentile from the worst end), so these scores rest on one "
                   "bound of the source's and one of this dashboard's; state both (--indicator-meta, or the "
                   "mapping)",
                   column="bounds", severity=WARNING)
        return
    used = (bounds if bounds is not None else pd.DataFrame({"indicator_id": [], "best": [], "worst": []}))
    used = used.set_index("indicator_id").reindex(half)
    for indicator in half:
        given, taken = ("best", "worst") if pd.notna(best[indicator]) else ("worst", "best")
        value, found = (best if given == "best" else worst)[indicator], used.at[indicator, taken]
        how = ("the mean of the five best latest values" if taken == "best"
               else "the 2.5th percentile from the worst end of the latest values")
        from_data = (f"the {taken} is taken from the data ({how})" if bounds is None
                     else f"the {taken} is taken from the data ({found:.15g}, {how})" if pd.notna(found)
                     else f"the data give no {taken} either, so it is not scored")
        report.add("(scoring)", f"indicator '{indicator}' states its {given} ({value:.15g}) but not its "
                   f"{taken}: {from_data}; state both (--indicator-meta, or the mapping)",
                   column=taken, value=indicator, severity=WARNING)


PERCENT_UNIT = re.compile(
    r"%|\b(?:per ?cent|percentage|porcentaje|por ciento|pourcentage|pour cent|prozent)\b", re.IGNORECASE)
"""A unit (in any language the source gives) that says its values are percentages."""


def report_percent_units(tables: dict[str, pd.DataFrame], observations: Path, report: ImportReport,
                         brought: set[str]) -> None:
    """A warning for each indicator the import brings whose unit says percent, in any of its
    languages, while its values go past 100: València's Spanish pages said "61.152 en 2009
    (Porcentaje)" of the unemployed, counted in people, and nothing told the publisher."""
    import pyarrow.parquet as pq

    units = [frame[["indicator_id", "unit"]] for name in ("indicators", "indicator_texts")
             if (frame := tables.get(name)) is not None and len(frame) and "unit" in frame]
    if not brought or not units or not observations.is_file():
        return
    named = pd.concat(units, ignore_index=True).dropna()
    named = named[named["unit"].astype(str).str.contains(PERCENT_UNIT)
                  & named["indicator_id"].astype(str).isin(brought)]
    if named.empty:
        return
    wanted = sorted(set(named["indicator_id"].astype(str)))
    table = pq.read_table(observations, columns=["indicator_id", "value"],
                          filters=[("indicator_id", "in", wanted)])
    if not table.num_rows:
        return
    highest = table.group_by("indicator_id").aggregate([("value", "max")]).to_pandas()
    for indicator, top in zip(highest["indicator_id"].astype(str), highest["value_max"], strict=True):
        if pd.notna(top) and top > 100.5:
            said = ", ".join(sorted(set(named.loc[named["indicator_id"].astype(str) == indicator, "unit"]
                                        .astype(str))))
            report.add("(units)", f"indicator '{indicator}' is in {said}, but its values reach {top:,.15g}: "
                       "the unit may be wrong (a count or an amount named a percentage), and pages write it "
                       "beside each value; correct the unit (--indicator-meta, or the source)",
                       column="unit", value=indicator, severity=WARNING)
