"""The import report: every rejected or partly understood row, with file, line, column and reason."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REJECTED = "rejected"
WARNING = "warning"
INFO = "info"

EXIT_ALL_KEPT = 0
EXIT_SOME_REJECTED = 1
EXIT_NOTHING_READ = 2
EXIT_USAGE = 64

REPORT_COLUMNS = ["file", "line", "column", "value", "severity", "reason"]


def listing(names: list[object], limit: int = 20, width: int = 60) -> str:
    """Column names for a report line: the first `limit`, each cut at `width` characters, then how
    many more. A file of 10,000 columns made a line of 109,000 characters, and a JSON file nested
    thousands deep one 'column' of 200,000."""
    shown = [str(name) if len(str(name)) <= width else str(name)[: width - 1] + "…" for name in names[:limit]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def rows_read(count: int) -> str:
    """'1 row read', '2 rows read'."""
    return f"{count} row read" if count == 1 else f"{count} rows read"


def without_value(count: int) -> str:
    """The summary's count of rows without any value, when there are some."""
    return f"{count} without a value, " if count else ""


class LoadError(Exception):
    """A file that cannot be read at all; the message is one sentence for the user."""


@dataclass
class FileCount:
    file: str
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    rows_empty: int = 0
    """Rows with no value in any value cell: nothing to import and nothing wrong (the UN's wide
    tables list every country, with or without figures); neither kept nor rejected."""
    unreadable: str = ""


@dataclass
class ImportReport:
    """Collects issues while a load runs; loaders append, the CLI prints and saves."""

    issues: list[dict] = field(default_factory=list)
    counts: dict[str, FileCount] = field(default_factory=dict)
    changes: dict[str, int] = field(default_factory=dict)
    """Observation rows the import added, changed and removed in the store."""

    def add(
        self,
        file: str | Path,
        reason: str,
        *,
        line: int | None = None,
        column: str = "",
        value: object = "",
        severity: str = REJECTED,
    ) -> None:
        self.issues.append(
            {
                "file": str(file),
                "line": line,
                "column": column,
                "value": "" if value is None else str(value)[:200],
                "severity": severity,
                "reason": reason,
            }
        )

    def add_rejected_rows(self, file: str | Path, rejected: pd.DataFrame) -> None:
        """Record a frame of rejected rows with `line`, `column`, `value` and `reason` columns."""
        for row in rejected.itertuples(index=False):
            line = None if pd.isna(row.line) else int(row.line)
            self.add(file, row.reason, line=line, column=row.column, value=row.value)

    def count(self, file: str | Path) -> FileCount:
        key = str(file)
        if key not in self.counts:
            self.counts[key] = FileCount(key)
        return self.counts[key]

    def unreadable(self, file: str | Path, message: str) -> None:
        self.count(file).unreadable = message
        self.add(file, message, severity=REJECTED)

    @property
    def rows_read(self) -> int:
        return sum(c.rows_read for c in self.counts.values())

    @property
    def rows_kept(self) -> int:
        return sum(c.rows_kept for c in self.counts.values())

    @property
    def rows_rejected(self) -> int:
        return sum(c.rows_rejected for c in self.counts.values())

    @property
    def rows_empty(self) -> int:
        return sum(c.rows_empty for c in self.counts.values())

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.issues, columns=REPORT_COLUMNS)

    def exit_status(self) -> int:
        if not self.counts or all(c.unreadable for c in self.counts.values()):
            return EXIT_NOTHING_READ
        if self.rows_kept == 0:
            return EXIT_NOTHING_READ
        if self.rows_rejected or any(c.unreadable for c in self.counts.values()):
            return EXIT_SOME_REJECTED
        return EXIT_ALL_KEPT

    def write_csv(self, path: str | Path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(self.issues)

    def summary(self) -> str:
        lines = []
        for c in self.counts.values():
            if c.unreadable:
                lines.append(f"{c.file}: not read: {c.unreadable}")
            else:
                lines.append(
                    f"{c.file}: {rows_read(c.rows_read)}, {c.rows_kept} kept, "
                    f"{without_value(c.rows_empty)}{c.rows_rejected} rejected"
                )
        warnings = sum(1 for i in self.issues if i["severity"] == WARNING)
        if self.changes:
            lines.append("store: {added} observations added, {changed} changed, {removed} removed"
                         .format(**self.changes))
        lines.append(
            f"total: {rows_read(self.rows_read)}, {self.rows_kept} kept, {without_value(self.rows_empty)}"
            f"{self.rows_rejected} rejected, {warnings} warning{'' if warnings == 1 else 's'}"
        )
        return "\n".join(lines)
