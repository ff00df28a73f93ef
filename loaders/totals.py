"""Breakdown values that mean 'no breakdown', in the words and codes publishers use: a row whose
every breakdown cell says one of them is the place's total, which goals are scored from."""

from __future__ import annotations

import pandas as pd

# fmt: off
TOTAL_WORDS = frozenset({
    "", "_t", "_z", "t", "total", "totals", "all", "allage", "bothsex", "allarea", "all areas",
    "all ages", "both sexes", "all sexes", "all persons", "persons", "nociti",
    "all areas or breakdown by cities not available",
    "todos", "todas", "ambos sexos", "total general",  # Spanish
    "tous", "toutes", "ensemble", "les deux sexes", "total général",  # French
    "tots", "totes", "ambdós sexes",  # Catalan
    "gesamt", "insgesamt", "alle",  # German
    "totale", "tutti", "entrambi i sessi",  # Italian
    "todos os sexos", "ambos os sexos",  # Portuguese
})
# fmt: on


def is_total(value: object) -> bool:
    """'Total', 'All ages', '_T', 'Ambos sexos', a blank: the cell does not break the value down."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return True
    return str(value).strip().casefold() in TOTAL_WORDS


def totals(cells: pd.Series) -> pd.Series:
    """`is_total` of a column of text, looked up once per distinct cell."""
    folded = cells.astype("string").fillna("").str.strip().str.casefold()
    return folded.isin(TOTAL_WORDS).astype(bool)
