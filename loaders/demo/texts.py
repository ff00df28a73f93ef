"""Spanish and French names and units of the demo indicators, as an imported source could
publish them; descriptions stay English, so the dashboard's 'in English' marker shows too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.paths import REFERENCE_DIR

TEXTS_FILE = REFERENCE_DIR / "demo_indicator_texts.csv"
LANGUAGES = ("es", "fr")


def indicator_texts(indicators: pd.DataFrame, path: Path = TEXTS_FILE) -> pd.DataFrame:
    """The indicator_texts table of the demo: one row per indicator and language, in the
    indicator list's order. An indicator without its rows is an error, never a silent gap."""
    texts = pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)
    wanted = pd.MultiIndex.from_product([indicators["indicator_id"], LANGUAGES])
    texts = texts.set_index(["indicator_id", "language"])
    missing = wanted.difference(texts.index)
    if len(missing):
        raise ValueError(f"{path.name} lacks {', '.join(map('/'.join, missing))}")
    texts = texts.loc[wanted].rename_axis(["indicator_id", "language"]).reset_index()
    return schema.conform("indicator_texts", texts)
