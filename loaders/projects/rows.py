"""One source record to one projects row, with every problem noted against its column and value."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.codes import slugify
from loaders.projects import vocab as project_vocab
from loaders.projects.mapping import ProjectMapping
from loaders.projects.parse import (
    coordinate_problem,
    currency_code,
    distance_km,
    parse_coordinate,
    parse_date,
    parse_money,
    parse_number,
    parse_url,
    sdg_tags,
    target_order,
)
from loaders.projects.places import PlaceFinder
from loaders.projects.source import LINE, NOT_OBJECT
from loaders.report import REJECTED, WARNING
from loaders.schema import LIST_SEPARATOR

OVERFLOW = "_overflow"
LIST_SPLIT = re.compile(r"[;,|\n]+")
FAR_KM = 100.0
"""Coordinates this far from their named city are reported (often latitude and longitude swapped)."""
DATES = ("start_date", "end_date", "last_updated")
COUNTS = ("jobs_created", "beneficiaries")


@dataclass
class Row:
    """A project being read: its values, where it came from, and what went wrong."""

    line: int
    values: dict = field(default_factory=dict)
    issues: list[dict] = field(default_factory=list)
    rejected: str = ""

    def warn(self, column: str, value: object, reason: str) -> None:
        self.issues.append({"line": self.line, "column": column, "value": value, "reason": reason,
                            "severity": WARNING})  # fmt: skip

    def reject(self, column: str, value: object, reason: str) -> None:
        self.rejected = reason
        self.issues = [{"line": self.line, "column": column, "value": value, "reason": reason,
                        "severity": REJECTED}]  # fmt: skip


@dataclass
class RowReader:
    spec: ProjectMapping
    columns: dict[str, list[str]]
    """Mapping key -> the file's headers it reads (constants have none)."""
    finder: PlaceFinder
    vocabularies: dict[str, dict[str, str | None]] = field(default_factory=dict)
    money_decimal: str | None = None
    """The budgets' decimal mark: the mapping's, else found from the budget column."""

    def __post_init__(self) -> None:
        extra = self.spec.vocabularies
        self.vocabularies = {
            k: project_vocab.lookup_table(k, extra.get(k)) for k in project_vocab.VOCABULARIES
        }
        self.vocabularies["currency"] = {
            project_vocab.vocabulary_key(k): v for k, v in extra.get("currency", {}).items()
        }

    def cells(self, record: dict, key: str) -> list[tuple[str, str]]:
        """(column, text) pairs for a mapping key; a constant reports its key as the column."""
        source = self.spec.fields.get(key)
        if source is None:
            return []
        if source.value is not None:
            return [(key, source.value)]
        return [(column, str(record.get(column) or "")) for column in self.columns[key]]

    def cell(self, record: dict, key: str) -> tuple[str, str]:
        found = self.cells(record, key)
        return (found[0][0], found[0][1].strip()) if found else (key, "")

    def read(self, record: dict) -> Row:
        row = Row(int(record[LINE]))
        if record.get(NOT_OBJECT):
            row.reject("", record[NOT_OBJECT], "record is not a JSON object")
            return row
        if str(record.get(OVERFLOW) or "").strip():
            row.reject("", record[OVERFLOW], "more cells than the header: check the delimiter or quoting")
            return row
        column, title = self.cell(record, "title")
        if not title:
            row.reject(column, title, "empty title")
            return row
        summary = self.cell(record, "summary")[1]
        row.values.update(title=title, summary=summary or None)
        self.read_goals(record, row)
        self.read_vocabularies(record, row)
        for key in DATES:
            row.values[key] = self.read_date(record, row, key)
        self.check_date_order(record, row)
        self.read_money(record, row)
        for key in COUNTS:
            row.values[key] = self.read_count(record, row, key)
        column, link = self.cell(record, "url")
        row.values["url"] = parse_url(link) if link else None
        if link and row.values["url"] is None:
            row.warn(column, link, "not a web link (http or https); left blank")
        self.read_place(record, row)
        if not row.rejected:
            self.read_id(record, row)
        return row

    def read_goals(self, record: dict, row: Row) -> None:
        goals: set[int] = set()
        targets: set[str] = set()
        cells = self.cells(record, "goals") + self.cells(record, "targets")
        for column, text in cells:
            found_goals, found_targets, problems = sdg_tags(text)
            goals.update(found_goals)
            targets.update(found_targets)
            for problem in problems:
                row.warn(column, problem, "SDG tag not understood; left out")
        if cells and not goals:
            row.warn(cells[0][0], "", "no SDG goal given")
        row.values["goals"] = LIST_SEPARATOR.join(map(str, sorted(goals))) or None
        row.values["targets"] = LIST_SEPARATOR.join(sorted(targets, key=target_order)) or None

    def read_vocabularies(self, record: dict, row: Row) -> None:
        for key in ("theme", "status", "procurement_method"):
            column, text = self.cell(record, key)
            row.values[key] = self.canonical(key, text, column, row) if text else None
        for key in ("funding_sources", "partner_sectors"):
            found: list[str] = []
            for column, text in self.cells(record, key):
                whole = project_vocab.vocabulary_key(text)
                parts = [text] if whole in self.vocabularies[key] else LIST_SPLIT.split(text)
                found += [self.canonical(key, part, column, row) for part in parts if part.strip()]
            order = project_vocab.VOCABULARIES[key]
            unique = sorted({v for v in found if v}, key=order.index)
            row.values[key] = LIST_SEPARATOR.join(unique) or None

    def canonical(self, key: str, text: str, column: str, row: Row) -> str | None:
        folded = project_vocab.vocabulary_key(text)
        table = self.vocabularies[key]
        if folded in table:
            return table[folded]
        fallback = project_vocab.FALLBACK[key]
        kept = f"kept as '{fallback}'" if fallback else "left blank"
        row.warn(column, text.strip(), f"not in the {key.replace('_', ' ')} vocabulary; {kept}")
        return fallback

    def read_date(self, record: dict, row: Row, key: str) -> str | None:
        column, text = self.cell(record, key)
        if not text:
            return None
        date = parse_date(text, self.spec.date_order)
        if date is None:
            row.warn(column, text, "date not understood; left blank")
        return date

    def check_date_order(self, record: dict, row: Row) -> None:
        start, end = row.values["start_date"], row.values["end_date"]
        if start and end:
            common = min(len(start), len(end))
            if start[:common] > end[:common]:
                row.warn(self.cell(record, "end_date")[0], f"{start} > {end}", "ends before it starts")

    def read_money(self, record: dict, row: Row) -> None:
        column, text = self.cell(record, "budget")
        budget, written = parse_money(text, self.money_decimal) if text else (None, None)
        if text and budget is None:
            row.warn(column, text, "budget not understood; left blank")
        if budget is not None and budget < 0:
            row.warn(column, text, "budget is negative; left blank")
            budget = None
        currency_column, currency_text = self.cell(record, "currency")
        currency = currency_code(currency_text, self.vocabularies["currency"]) if currency_text else None
        if currency_text and currency is None:
            row.warn(currency_column, currency_text, "currency not understood; left blank")
        if written and currency and written != currency:
            row.warn(
                column,
                text,
                f"budget is written in {written} but the currency is {currency}; kept {currency}",
            )
        currency = currency or written
        row.values.update(budget=budget, currency=currency, budget_usd=None)
        if budget is None:
            return
        if currency is None:
            row.warn(column, text, "budget has no currency; no USD figure")
        elif currency == "USD":
            row.values["budget_usd"] = budget
        elif self.spec.rates is not None:
            year = self.budget_year(record, row)
            rate = self.spec.rates.usd_per_unit(currency, year) if year else None
            if year and rate is None:
                reason = f"no {currency} rate for {year} in {self.spec.rates.name}; no USD figure"
                row.warn(column, text, reason)
            if rate is not None:
                row.values["budget_usd"] = round(budget * rate, 2)

    def budget_year(self, record: dict, row: Row) -> int | None:
        column, text = self.cell(record, "budget_year")
        if text:
            if re.fullmatch(r"(19|20)\d\d", text):
                return int(text)
            row.warn(column, text, "budget year not understood; no USD figure")
            return None
        start = row.values.get("start_date")
        if start:
            return int(start[:4])
        row.warn(
            self.cell(record, "budget")[0], "", "no year for the exchange rate (start_date or budget_year)"
        )
        return None

    def read_count(self, record: dict, row: Row, key: str) -> float | None:
        column, text = self.cell(record, key)
        if not text:
            return None
        number = parse_number(text)
        if number is None or number < 0:
            row.warn(column, text, "not a count (a number of 0 or more); left blank")
            return None
        return number

    def read_coordinates(self, record: dict, row: Row) -> tuple[float | None, float | None]:
        (lat_column, lat_text), (_, lon_text) = self.cell(record, "lat"), self.cell(record, "lon")
        if not lat_text and not lon_text:
            return None, None
        lat, lon = parse_coordinate(lat_text), parse_coordinate(lon_text)
        problem = coordinate_problem(lat, lon)
        if problem:
            row.warn(lat_column, f"{lat_text}, {lon_text}", f"{problem}; coordinates left blank")
            return None, None
        return lat, lon

    def read_place(self, record: dict, row: Row) -> None:
        lat, lon = self.read_coordinates(record, row)
        row.values.update(lat=lat, lon=lon)
        place_column, name = self.cell(record, "place")
        country_column, country = self.cell(record, "country")
        _region_column, region = self.cell(record, "region")
        placed = self.finder.find(name, country, lat, lon, region if name else "")
        column, value = (place_column, name) if name else (country_column, country)
        if placed.place_id is None:
            row.reject(column, value or (f"{lat}, {lon}" if lat is not None else ""), placed.problem)
            return
        if placed.problem:
            row.warn(column, value, placed.problem)
        row.values["place_id"] = placed.place_id
        city = self.finder.city(placed.place_id) or {}
        if name and lat is not None and city.get("lat") is not None and city.get("lon") is not None:
            far = float(distance_km(lat, lon, float(city["lat"]), float(city["lon"])))
            if far > FAR_KM:
                reason = f"coordinates are {far:,.0f} km from {name}; check latitude and longitude"
                row.warn(self.cell(record, "lat")[0], f"{lat}, {lon}", reason)

    def read_id(self, record: dict, row: Row) -> None:
        column, given = self.cell(record, "project_id")
        if given:
            row.values["project_id"] = f"{self.spec.id_prefix}{given}"
            return
        if "project_id" in self.spec.fields:
            row.warn(column, "", "no project id; made one from the title and place")
        row.values["project_id"] = made_id(self.spec.id_prefix, row.values["title"], row.values["place_id"])


def made_id(prefix: str, title: str, place_id: str) -> str:
    """Stable across imports: a slug of the title and a short hash of title and place."""
    digest = hashlib.sha1(f"{title}\x1f{place_id}".encode()).hexdigest()[:8]
    slug = slugify(title)[:40].strip("-")
    return f"{prefix}{slug}-{digest}" if slug else f"{prefix}{digest}"


def source_name(path: Path, spec: ProjectMapping) -> str:
    return spec.source or path.name
