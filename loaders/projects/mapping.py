"""The YAML mapping file that describes a list of projects, checked before any row is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.mapped.mapping import fail, header_text, read_yaml, unknown
from loaders.options import ReadOptions
from loaders.projects import vocab as project_vocab
from loaders.projects.rates import Rates, load_rates

PLACE_KEYS = ("place", "country")
TEXT_KEYS = ("project_id", "title", "summary", "url")
MULTI_KEYS = ("goals", "targets", "funding_sources", "partner_sectors")
"""Fields that hold several values: they may also come from several columns."""
FIELD_KEYS = (
    "project_id", "title", "summary", "goals", "targets", "theme", "status",
    "start_date", "end_date", "budget", "currency", "budget_year", "funding_sources",
    "procurement_method", "partner_sectors", "jobs_created", "beneficiaries",
    "lat", "lon", "url", "last_updated", *PLACE_KEYS, "region",
)  # fmt: skip
"""`region`: the department, state or province of the named place, which tells places of one name
in one country apart (Bolivia's two San Javier, Brazil's many Santa Rita)."""
SETTINGS = ("source", "sheet", "records", "id_prefix", "date_order", "decimal", "rates", "vocabularies")
DECIMALS = (".", ",", "auto")
TOP_KEYS = FIELD_KEYS + SETTINGS
FORMS = ("column", "value", "columns", "pattern")
VOCABULARY_KEYS = (*project_vocab.VOCABULARIES, "currency")
DATE_ORDERS = ("dmy", "mdy")
CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Source:
    """Where one field finds its text: a column, several columns, or one value for every row."""

    key: str
    column: str | None = None
    value: str | None = None
    columns: tuple[str, ...] = ()
    pattern: re.Pattern | None = None


@dataclass
class ProjectMapping:
    path: Path
    fields: dict[str, Source] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, str | None]] = field(default_factory=dict)
    """Field -> source spelling -> canonical value (None: leave blank without a warning)."""
    rates: Rates | None = None
    source: str | None = None
    sheet: str | int = 0
    records: str | None = None
    """JSON only: the dotted path to the list of projects inside the top-level object."""
    id_prefix: str = ""
    date_order: str = "dmy"
    decimal: str | None = None
    """The budgets' decimal mark ('.' or ','); None: found from the budget column (`money_decimal`)."""

    def named_columns(self) -> list[str]:
        """Every column the mapping names explicitly (used to find the header row)."""
        return [c for s in self.fields.values() for c in (s.column, *s.columns) if c]


def load(path: str | Path, options: ReadOptions | None = None) -> ProjectMapping:
    """Read and check a projects mapping; `--place`, `--country`, `--sheet` fill in what it lacks."""
    path = Path(path)
    return parse(path, read_yaml(path, "title: {column: Name}", options))


def parse(path: Path, raw: dict) -> ProjectMapping:
    unknown(path, raw, TOP_KEYS)
    spec = ProjectMapping(path)
    for key in FIELD_KEYS:
        if raw.get(key) is not None:
            spec.fields[key] = parse_source(path, key, raw[key])
    spec.source = text_setting(path, raw, "source")
    spec.records = text_setting(path, raw, "records")
    spec.id_prefix = text_setting(path, raw, "id_prefix") or ""
    spec.date_order = raw.get("date_order") or "dmy"
    if spec.date_order not in DATE_ORDERS:
        raise fail(path, f"'date_order' is '{spec.date_order}' but must be one of: {', '.join(DATE_ORDERS)}")
    decimal = str(raw.get("decimal") or "auto")
    if decimal not in DECIMALS:
        raise fail(path, f"'decimal' is '{decimal}' but must be one of: {', '.join(DECIMALS)}")
    spec.decimal = None if decimal == "auto" else decimal
    sheet = raw.get("sheet", 0)
    if not isinstance(sheet, str | int) or isinstance(sheet, bool):
        raise fail(path, "'sheet' must be a sheet name or a number counted from 0")
    spec.sheet = sheet
    spec.vocabularies = parse_vocabularies(path, raw.get("vocabularies"))
    if raw.get("rates") is not None:
        spec.rates = load_rates(raw["rates"], path)
    check_shape(spec)
    return spec


def text_setting(path: Path, raw: dict, key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise fail(path, f"'{key}' must be plain text")
    return str(value)


def parse_source(path: Path, key: str, raw: object) -> Source:
    usage = f"'{key}' must be {{column: NAME}} or {{value: ...}}"
    if key in MULTI_KEYS:
        usage += ", or {columns: [NAME, ...]} or {pattern: REGEX}"
    if not isinstance(raw, dict) or len(raw) != 1:
        raise fail(path, usage)
    unknown(path, raw, FORMS, key)
    ((form, content),) = raw.items()
    if form in ("columns", "pattern") and key not in MULTI_KEYS:
        raise fail(path, usage)
    if form == "value":
        if content is None or isinstance(content, dict):
            raise fail(path, f"'{key}: {{value: ...}}' needs one plain value")
        if isinstance(content, list):
            content = "; ".join(str(item) for item in content)
        return Source(key, value=str(content))
    if form == "column":
        if not isinstance(content, str | int) or not str(content).strip():
            raise fail(path, f"'{key}: {{column: ...}}' needs a column name")
        return Source(key, column=header_text(content))
    if form == "pattern":
        try:
            return Source(key, pattern=re.compile(str(content)))
        except re.error as error:
            raise fail(path, f"the pattern of '{key}' is not a valid regular expression ({error})") from error
    if isinstance(content, list) and content and all(isinstance(c, str | int) for c in content):
        return Source(key, columns=tuple(header_text(c) for c in content))
    raise fail(path, f"'{key}: {{columns: ...}}' needs a list of column names")


def parse_vocabularies(path: Path, raw: object) -> dict[str, dict[str, str | None]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fail(
            path,
            "'vocabularies' must map a field (theme, status, ...) to 'source value: canonical value' pairs",
        )
    unknown(path, raw, VOCABULARY_KEYS, "vocabularies")
    out = {}
    for name, pairs in raw.items():
        if not isinstance(pairs, dict):
            raise fail(path, f"'vocabularies: {name}' must be 'source value: canonical value' pairs")
        allowed = project_vocab.VOCABULARIES.get(name)
        for source, canonical in pairs.items():
            if canonical is None:
                continue
            if name == "currency" and not CURRENCY.match(str(canonical)):
                problem = (
                    f"'vocabularies: currency' maps '{source}' to '{canonical}', not a three-letter code"
                )
                raise fail(path, problem + " such as EUR")
            if allowed is not None and canonical not in allowed:
                problem = f"'vocabularies: {name}' maps '{source}' to '{canonical}', which is not one of"
                raise fail(path, f"{problem}: {', '.join(allowed)}")
        out[name] = {str(source): None if c is None else str(c) for source, c in pairs.items()}
    return out


def check_shape(spec: ProjectMapping) -> None:
    """A title, somewhere to put each project, and coordinates in pairs."""
    path, fields = spec.path, spec.fields
    if "title" not in fields:
        raise fail(path, "the required key 'title' is missing")
    if ("lat" in fields) != ("lon" in fields):
        raise fail(path, "'lat' and 'lon' come together: give both or neither")
    if not ({"place", "country", "lat"} & set(fields)):
        raise fail(path, "say where projects are: give 'place', 'country' or 'lat' and 'lon' (or --place)")
    if "budget_year" in fields and "budget" not in fields:
        raise fail(path, "'budget_year' needs 'budget'")
