"""Row accounting for the UN SDG readers: every source row ends kept or rejected, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import places, schema
from loaders.bundle import Bundle
from loaders.numbers import parse_numbers, report_classes
from loaders.repeats import keepers, number_text, repeat_reason
from loaders.report import INFO, REJECTED, WARNING, ImportReport, listing
from loaders.unsdg.common import DATABASE

CODED_MISSING = {"n", "nv", "nr"}
"""Letters the SDG Global Database puts in Value for 'no figure'; kept as missing, with a note."""

KEY = schema.PRIMARY_KEYS["observations"]


@dataclass
class SourceRow:
    line: int | None
    where: str
    """How an issue names the row: 'line 12', 'Sheet2 line 12' or 'refAreas[3].data[2]'."""
    prefix: str = ""
    """Put before column names in issues: 'Sheet2!' in multi-sheet workbooks."""
    empty_reason: str = "no observation in this row"
    problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Collector:
    """Gathers places, indicators and observation candidates of one file, then settles the
    count: a row is kept when at least one observation from it survives."""

    path: Path
    report: ImportReport
    fallback_source: str = DATABASE
    rows: dict[str, SourceRow] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    indicators: dict[str, dict] = field(default_factory=dict)
    indicator_sources: dict[str, set] = field(default_factory=dict)
    candidates: list[dict] = field(default_factory=list)
    notices: set[str] = field(default_factory=set)
    cleaned_names: set[tuple[str, str]] = field(default_factory=set)

    def row(
        self,
        row_id: str,
        line: int | None,
        where: str,
        prefix: str = "",
        empty_reason: str = "no observation in this row",
    ) -> str:
        self.rows[row_id] = SourceRow(line, where, prefix, empty_reason)
        return row_id

    def problem(self, row_id: str, column: str, value: object, reason: str) -> None:
        self.rows[row_id].problems.append((column, "" if value is None else str(value), reason))

    def warn_once(self, reason: str, value: object = "", column: str = "") -> None:
        if reason not in self.notices:
            self.notices.add(reason)
            self.report.add(self.path, reason, column=column, value=value, severity=WARNING)

    def place_name(self, raw: str, column: str, row_id: str | None = None) -> str:
        """A city cell as `places.clean_name` reads it. A name that lost characters is reported
        once per column, as a warning on the first row (`row_id`) or JSON position (`column`)."""
        if places.UNSEEN.search(raw) and (column, raw) not in self.cleaned_names:
            self.cleaned_names.add((column, raw))
            row = self.rows[row_id] if row_id is not None else SourceRow(None, "")
            self.report.add(self.path, places.name_warning(raw), line=row.line,
                            column=f"{row.prefix}{column}", value=places.shown_removed(raw), severity=WARNING)
        return places.clean_name(raw)

    def place(self, record: dict) -> str:
        self.places.setdefault(record["place_id"], record)
        return record["place_id"]

    def indicator(self, record: dict, source: str) -> str:
        ident = record["indicator_id"]
        known = self.indicators.setdefault(ident, record)
        if record.get("unit") and known.get("unit") and record["unit"] != known["unit"]:
            self.warn_once(
                f"indicator '{ident}' comes with several units; it keeps '{known['unit']}'",
                value=record["unit"],
            )
        self.indicator_sources.setdefault(ident, set()).add(source)
        return ident

    def add(self, row_id: str, column: str, **observation: object) -> None:
        """One observation candidate; `value` is the raw text, parsed in `finish`."""
        self.candidates.append({"row": row_id, "column": column, **observation})

    def finish(self, sources: list[dict]) -> Bundle:
        observations = self.settle_observations()
        kept_rows = set(observations["row"]) if len(observations) else set()
        count = self.report.count(self.path)
        empty: list[SourceRow] = []
        for row_id, row in self.rows.items():
            kept = row_id in kept_rows
            count.rows_read += 1
            if kept:
                count.rows_kept += 1
            elif not row.problems:
                empty.append(row)
            else:
                count.rows_rejected += 1
            for column, value, reason in row.problems:
                self.report.add(
                    self.path,
                    reason,
                    line=row.line,
                    column=f"{row.prefix}{column}" if column else row.prefix.rstrip("!"),
                    value=value,
                    severity=WARNING if kept else REJECTED,
                )
        self.report_empty(empty)
        self.report_no_headline(observations)
        used = set(observations["place_id"]) if len(observations) else set()
        places = [{"source": self.fallback_source, **p} for pid, p in self.places.items() if pid in used]
        indicator_ids = set(observations["indicator_id"]) if len(observations) else set()
        indicators = []
        for ident, record in self.indicators.items():
            if ident not in indicator_ids:
                continue
            named = self.indicator_sources[ident] - {""}
            source = next(iter(named)) if len(named) == 1 else self.fallback_source
            indicators.append({**record, "source": source})
        place_frame = schema.conform("places", pd.DataFrame(places))
        if places:
            place_frame["country"] = pd.array([p.get("country") for p in places], dtype="string")
        return Bundle(
            places=place_frame,
            indicators=schema.conform("indicators", pd.DataFrame(indicators)),
            observations=schema.conform("observations", observations),
            sources=sources,
        )

    def report_empty(self, empty: list[SourceRow]) -> None:
        """Rows without any value, counted apart and named once, by their lines or positions."""
        if not empty:
            return
        self.report.count(self.path).rows_empty += len(empty)
        where = listing([row.where for row in empty], limit=10)
        rows = "1 row" if len(empty) == 1 else f"{len(empty):,} rows"
        self.report.add(self.path, f"{rows}: {empty[0].empty_reason}, nothing to import ({where})",
                        column=empty[0].prefix.rstrip("!"), severity=INFO)

    def report_no_headline(self, observations: pd.DataFrame) -> None:
        """A warning for each indicator that has breakdowns only (ILO's unemployment rate by 'Age=15+'):
        goals are scored from the total row, so such an indicator is never scored, and nothing said so."""
        if not len(observations):
            return
        breakdowns = observations.groupby("indicator_id", sort=False)["breakdown"]
        for ident, cells in breakdowns:
            if not cells.eq("").any():
                found = sorted({part for cell in cells.unique() for part in cell.split("|")})
                self.report.add(self.path, f"indicator '{ident}' has no headline row (no total of every "
                                "breakdown), only breakdowns: it cannot be scored; the values found",
                                column="breakdown", value=listing(found, limit=10), severity=WARNING)

    def settle_observations(self) -> pd.DataFrame:
        """Parse values, drop what cannot be kept (with a reason on its row), then duplicates."""
        if not self.candidates:
            return pd.DataFrame(columns=["row", *KEY])
        frame = pd.DataFrame(self.candidates)
        raw = frame["value"].fillna("").astype("string").str.strip()
        coded = raw.str.lower().isin(CODED_MISSING)
        parsed = parse_numbers(raw.mask(coded, ""))
        frame["value"] = parsed["value"]
        frame["flag"] = parsed["flag"]
        if "censored" in frame.columns:
            censored = frame["censored"].fillna(False).astype(bool) & (frame["flag"] == "")
            frame.loc[censored, "flag"] = "censored"
        annotated = parsed["kind"].isin(["footnote", "noted"]).to_numpy()
        if "note" not in frame.columns:
            frame["note"] = ""
        frame.loc[annotated, "note"] = [
            "; ".join(part for part in (old, added) if part)
            for old, added in zip(
                frame.loc[annotated, "note"].fillna(""), parsed["note"][annotated], strict=True
            )
        ]
        report_classes(self.report, self.path, parsed)
        frame.loc[coded, "note"] = [
            "; ".join(part for part in (f"value given as '{value}'", old) if part)
            for value, old in zip(raw[coded], frame.loc[coded, "note"].fillna(""), strict=True)
        ]
        bad = ~parsed["ok"]
        for row_id, column, value, problem in zip(
            frame.loc[bad, "row"], frame.loc[bad, "column"], raw[bad], parsed.loc[bad, "problem"], strict=True
        ):
            self.problem(row_id, column, value, f"value '{value}': {problem}" if problem
                         else f"value '{value}' is not a number")
        frame = frame[~bad.to_numpy()].copy()
        frame["breakdown"] = frame["breakdown"].fillna("")
        frame = frame.reset_index(drop=True)
        keeper = keepers(frame, KEY)  # a row with a value before a blank one of its key
        duplicate = pd.Series(keeper != np.arange(len(frame)))
        values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
        for position in np.flatnonzero(duplicate.to_numpy()):
            kept = keeper[position]
            where = self.rows[frame.at[kept, "row"]].where
            own = values[position]
            self.problem(frame.at[position, "row"], frame.at[position, "column"],
                         "" if np.isnan(own) else number_text(own), repeat_reason(where, values[kept], own))
        return frame[~duplicate.to_numpy()].reset_index(drop=True)
