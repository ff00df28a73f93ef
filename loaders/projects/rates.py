"""Exchange-rate tables supplied with a projects mapping: US dollars per unit, by currency and year.

No rate is ever looked up online: a budget gets a USD figure only when the table has its
currency and year.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders import yamltext
from loaders.mapped.mapping import fail
from loaders.report import LoadError

COLUMNS = ("currency", "year", "usd_per_unit")


@dataclass
class Rates:
    name: str
    table: dict[tuple[str, int], float] = field(default_factory=dict)

    def usd_per_unit(self, currency: str, year: int) -> float | None:
        return self.table.get((currency, year))


def load_rates(raw: object, mapping_path: Path) -> Rates:
    """`rates:` is a path (CSV or YAML, relative to the mapping file) or the table itself."""
    if isinstance(raw, dict):
        return Rates(mapping_path.name, nested_rates(raw, mapping_path))
    if not isinstance(raw, str) or not raw.strip():
        raise fail(mapping_path, "'rates' must be the path of a CSV or YAML rate table")
    path = (mapping_path.parent / raw).resolve()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise LoadError(f"rate table {path} cannot be opened: {error.strerror or error}.") from error
    if path.suffix.lower() in (".yml", ".yaml"):
        try:
            data = yamltext.load(text)
        except yaml.YAMLError as error:
            raise fail(path, "the rate table is not valid YAML") from error
        if isinstance(data, dict):
            return Rates(path.name, nested_rates(data, path))
        if isinstance(data, list):
            return Rates(path.name, row_rates(data, path))
        raise fail(
            path, "a rate table lists 'currency, year, usd_per_unit' rows or nests currency: {year: rate}"
        )
    rows = list(csv.DictReader(io.StringIO(text)))
    header = {k.strip().lower() for k in (rows[0] if rows else {}) if k}
    if not set(COLUMNS) <= header:
        raise fail(path, f"a rate table needs the columns {', '.join(COLUMNS)}")
    rows = [{k.strip().lower(): v for k, v in row.items() if k} for row in rows]
    return Rates(path.name, row_rates(rows, path))


def row_rates(rows: list, path: Path) -> dict[tuple[str, int], float]:
    table = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise fail(path, f"rate {number} must give currency, year and usd_per_unit")
        missing = [c for c in COLUMNS if c not in row]
        if missing:
            raise fail(path, f"rate {number} lacks {', '.join(missing)}")
        key, rate = checked(row["currency"], row["year"], row["usd_per_unit"], path)
        table[key] = rate
    return table


def nested_rates(data: dict, path: Path) -> dict[tuple[str, int], float]:
    table = {}
    for currency, years in data.items():
        if not isinstance(years, dict):
            raise fail(path, f"rates for '{currency}' must be 'year: usd_per_unit' pairs")
        for year, rate in years.items():
            key, value = checked(currency, year, rate, path)
            table[key] = value
    return table


def checked(currency: object, year: object, rate: object, path: Path) -> tuple[tuple[str, int], float]:
    code = str(currency).strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise fail(path, f"'{currency}' in the rate table is not a three-letter currency code")
    try:
        number = int(str(year).strip())
    except ValueError as error:
        raise fail(path, f"the year '{year}' of {code} in the rate table is not a year") from error
    try:
        value = float(str(rate).strip())
    except ValueError as error:
        raise fail(path, f"the {code} {number} rate '{rate}' is not a number") from error
    if not math.isfinite(value) or value <= 0:
        raise fail(path, f"the {code} {number} rate must be a positive number of US dollars per unit")
    return (code, number), value
