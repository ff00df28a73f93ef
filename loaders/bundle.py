"""What every format reader returns: canonical tables for one source, before they join a store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from loaders import schema

WHERE = ["line", "column"]
"""What a reader may add to its observations beyond the canonical columns: each row's source line
and value column, so that a key another file of the same import brought first is reported where
it is repeated (`spool.drop_duplicate_rows`)."""


@dataclass
class Bundle:
    """Tables read from one source. `places` may carry a raw `country` column (name or code)
    that `places.harmonise` turns into ISO3 and UN regions; `boundaries` is a GeoDataFrame
    with `place_id` and `geometry`, or None."""

    places: pd.DataFrame = field(default_factory=lambda: schema.empty("places"))
    indicators: pd.DataFrame = field(default_factory=lambda: schema.empty("indicators"))
    indicator_texts: pd.DataFrame = field(default_factory=lambda: schema.empty("indicator_texts"))
    """Indicator names, units and descriptions in languages other than the source's."""
    observations: pd.DataFrame = field(default_factory=lambda: schema.empty("observations"))
    projects: pd.DataFrame = field(default_factory=lambda: schema.empty("projects"))
    boundaries: object | None = None
    sources: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    """Source-level facts the scorer needs, e.g. {"goal_colour_rule": "two_worst"}."""
    published: dict[str, pd.DataFrame] = field(default_factory=dict)
    """Results the source publishes itself ("goal_scores", "index"), kept beside this project's own."""

    def combine(self, other: Bundle) -> Bundle:
        """Both bundles' rows; the later one wins on a repeated key, except in observations, which
        keep every row (with its file and line): the spool keeps the first file's row of a key and
        reports a later file's as a duplicate of it (`spool.drop_duplicate_rows`)."""
        merged = Bundle(sources=self.sources + other.sources, options={**self.options, **other.options})
        for name in {*self.published, *other.published}:
            frames = [f[name] for f in (self.published, other.published) if name in f and len(f[name])]
            if frames:
                merged.published[name] = pd.concat(frames, ignore_index=True)
        for table in schema.TABLES:
            frames = [f for f in (getattr(self, table), getattr(other, table)) if len(f)]
            if frames:
                both = pd.concat(frames, ignore_index=True)
                if table != "observations":
                    both = both.drop_duplicates(schema.PRIMARY_KEYS[table], keep="last")
                setattr(merged, table, both.reset_index(drop=True))
        merged.boundaries = combine_boundaries(self.boundaries, other.boundaries)
        return merged


def combine_boundaries(first, second):
    if first is None:
        return second
    if second is None:
        return first
    both = pd.concat([first, second], ignore_index=True)
    return both.drop_duplicates("place_id", keep="last").reset_index(drop=True)
