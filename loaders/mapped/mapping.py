"""The YAML mapping file that describes a city's own tidy or wide spreadsheet, checked up front."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from loaders import schema, yamltext
from loaders.options import ReadOptions
from loaders.report import LoadError, listing

PLACE_FIELDS = ("place", "place_code", "country", "region", "geonameid", "kind", "parent", "lat", "lon",
                "population")
ROW_FIELDS = (*PLACE_FIELDS, "indicator", "year", "value", "unit", "note")
"""Keys that say where a piece of each record comes from: a column or one value for all rows."""
SPREAD_FIELDS = ("indicator", "year")
"""In a wide file exactly one of these spreads across columns (`columns:` or `pattern:`)."""
SETTINGS = ("format", "sheet", "decimal", "source", "goal_colour_rule", "breakdown", "indicators", "index")
TOP_KEYS = ROW_FIELDS + SETTINGS
FIELD_FORMS = ("column", "value", "columns", "pattern")
FORMATS = ("tidy", "wide")
COLOUR_RULES = ("two_worst", "mean_colour")
META_KEYS = tuple(name for name in schema.INDICATORS if name != "indicator_id")
META_NUMBERS = tuple(name for name, kind in schema.INDICATORS.items() if kind == schema.FLOAT)


@dataclass(frozen=True)
class Field:
    """Where one mapping key finds its data. `columns` maps header -> indicator id or year."""

    key: str
    column: str | None = None
    value: object = None
    columns: dict[str, str] | None = None
    pattern: re.Pattern | None = None

    @property
    def spread(self) -> bool:
        return self.columns is not None or self.pattern is not None


@dataclass
class Mapping:
    path: Path
    format: str | None = None
    sheet: str | int | None = None
    decimal: str | None = None
    """',' or '.' when the mapping declares it; None: detected per value column."""
    source: str | None = None
    goal_colour_rule: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    breakdown: dict[str, str] = field(default_factory=dict)
    """Column -> label used in the breakdown text ('Sex=Female')."""
    indicators: dict[str, dict] = field(default_factory=dict)
    index: list[str] | None = None
    """The publisher's own index set: indicator ids, or every id under `indicators:` ('listed')."""

    @property
    def spread(self) -> Field | None:
        return next((f for f in self.fields.values() if f.spread), None)

    def named_columns(self) -> list[str]:
        """Every column the mapping names explicitly (used to find the header row)."""
        names = [f.column for f in self.fields.values() if f.column]
        for spec in self.fields.values():
            names += list(spec.columns or ())
        return names + list(self.breakdown)


def fail(path: Path, problem: str) -> LoadError:
    return LoadError(f"{path.name}: {problem}.")


def load(path: str | Path, options: ReadOptions | None = None) -> Mapping:
    """Read and check a mapping file; `--place`, `--country` and `--sheet` fill in what it lacks."""
    path = Path(path)
    return parse(path, read_yaml(path, "place: {column: City}", options))


def read_yaml(path: Path, example: str, options: ReadOptions | None = None) -> dict:
    """The mapping file as a dict, with the command line's place, country and sheet added;
    `example` shows in the error when the file is not a set of 'key: value' lines."""
    try:
        raw = yamltext.load(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise LoadError(f"mapping file {path} cannot be opened: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise fail(path, "the mapping file is not UTF-8 text") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise fail(path, f"not valid YAML{where} ({getattr(error, 'problem', None) or 'syntax'})") from error
    if not isinstance(raw, dict):
        raise fail(path, f"a mapping file must be a set of 'key: value' lines such as '{example}'")
    options = options or ReadOptions()
    if options.place and "place" not in raw:
        raw["place"] = {"value": options.place}
    if options.country and "country" not in raw:
        raw["country"] = {"value": options.country}
    if options.sheet:
        raw["sheet"] = options.sheet
    return raw


def parse(path: Path, raw: dict) -> Mapping:
    unknown(path, raw, TOP_KEYS)
    spec = Mapping(path)
    spec.format = choice(path, raw, "format", FORMATS, None)
    spec.decimal = {"auto": None}.get(d := choice(path, raw, "decimal", (".", ",", "auto"), "auto"), d)
    spec.goal_colour_rule = choice(path, raw, "goal_colour_rule", COLOUR_RULES, None)
    spec.sheet = raw.get("sheet")
    if spec.sheet is not None and not isinstance(spec.sheet, str | int):
        raise fail(path, "'sheet' must be a sheet name or a number counted from 0")
    if raw.get("source") is not None:
        spec.source = str(raw["source"])
    kind = raw.get("kind") or "city"
    raw["kind"] = {"value": kind} if isinstance(kind, str) else kind
    for key in ROW_FIELDS:
        if raw.get(key) is not None:
            spec.fields[key] = parse_field(path, key, raw[key])
    spec.breakdown = parse_breakdown(path, raw.get("breakdown"))
    metadata = raw.get("indicators") or {}
    if not isinstance(metadata, dict):
        raise fail(path, "'indicators' must map each indicator id to its metadata")
    spec.indicators = {str(k): parse_meta(path, str(k), v) for k, v in metadata.items()}
    spec.index = parse_index(path, raw.get("index"), spec.indicators)
    spec.format = spec.format or ("wide" if spec.spread else "tidy")
    check_shape(spec)
    return spec


def parse_index(path: Path, value: object, indicators: dict) -> list[str] | None:
    """`index: listed` (the ids under `indicators:`) or `index: [id, ...]`: the indicators the
    publisher's index counts, used instead of the 80 % coverage rule."""
    if value is None:
        return None
    if value == "listed":
        if not indicators:
            raise fail(path, "'index: listed' needs the indicators listed under 'indicators:'")
        return list(indicators)
    if isinstance(value, list) and value and all(isinstance(v, str | int) for v in value):
        return [str(v) for v in value]
    raise fail(path, "'index' must be 'listed' or a list of indicator ids")


def unknown(path: Path, raw: dict, allowed: Iterable[str], under: str = "") -> None:
    for key in raw:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), list(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known: {', '.join(allowed)}"
            where = f" under '{under}'" if under else ""
            raise fail(path, f"unknown key '{key}'{where}{hint}")


def choice(path: Path, raw: dict, key: str, allowed: tuple, default):
    value = raw.get(key, default)
    if value is not None and value not in allowed:
        raise fail(path, f"'{key}' is '{value}' but must be one of: {', '.join(map(str, allowed))}")
    return value


def parse_field(path: Path, key: str, raw: object) -> Field:
    usage = f"'{key}' must be {{column: NAME}} or {{value: ...}}"
    if key in SPREAD_FIELDS:
        usage += ", or in a wide file {columns: ...} or {pattern: REGEX}"
    if not isinstance(raw, dict) or len(raw) != 1:
        raise fail(path, usage)
    ((form, content),) = raw.items()
    unknown(path, raw, FIELD_FORMS, key)
    if form in ("columns", "pattern") and key not in SPREAD_FIELDS:
        raise fail(path, usage)
    if form == "value" and key == "value":
        raise fail(path, "'value' must name the column that holds the values: {column: NAME}")
    if form == "value":
        if content is None or isinstance(content, dict | list):
            raise fail(path, f"'{key}: {{value: ...}}' needs one plain value")
        if key == "kind" and content not in schema.PLACE_KINDS:
            raise fail(path, f"kind '{content}' must be one of: {', '.join(schema.PLACE_KINDS)}")
        return Field(key, value=str(content))
    if form == "column":
        if not isinstance(content, str | int) or not str(content).strip():
            raise fail(path, f"'{key}: {{column: ...}}' needs a column name")
        return Field(key, column=header_text(content))
    if form == "pattern":
        try:
            return Field(key, pattern=re.compile(str(content)))
        except re.error as error:
            raise fail(path, f"the pattern of '{key}' is not a valid regular expression ({error})") from error
    if isinstance(content, list) and content:
        return Field(key, columns={header_text(c): str(c) for c in content})
    if isinstance(content, dict) and content:
        return Field(key, columns={header_text(c): str(v) for c, v in content.items()})
    raise fail(path, f"'{key}: {{columns: ...}}' needs a list of columns or 'column: id' pairs")


def parse_breakdown(path: Path, raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list) and all(isinstance(c, str | int) for c in raw):
        return {header_text(c): str(c).strip() for c in raw}
    if isinstance(raw, dict) and all(isinstance(v, str | int) for v in raw.values()):
        return {header_text(c): str(label).strip() for c, label in raw.items()}
    raise fail(path, "'breakdown' must be a list of columns such as [Sex, Age], or 'column: label' pairs")


def parse_meta(path: Path, indicator: str, raw: object) -> dict:
    if not isinstance(raw, dict):
        raise fail(path, f"indicator '{indicator}' needs its metadata as 'key: value' pairs")
    unknown(path, raw, META_KEYS, f"indicators: {indicator}")
    meta = {k: v for k, v in raw.items() if v is not None}
    for key in (*META_NUMBERS, "goal", "target_year"):
        if key in meta:
            try:
                meta[key] = float(meta[key]) if key in META_NUMBERS else int(meta[key])
            except (TypeError, ValueError) as error:
                problem = f"indicator '{indicator}' has {key} '{meta[key]}', which is not a number"
                raise fail(path, problem) from error
    if "goal" in meta and not 1 <= meta["goal"] <= 17:
        raise fail(path, f"indicator '{indicator}' has goal {meta['goal']}, but goals run from 1 to 17")
    if meta.get("direction") not in (None, *schema.DIRECTIONS):
        raise fail(path, f"indicator '{indicator}' has direction '{meta['direction']}'; use higher or lower")
    return {k: str(v) if schema.INDICATORS[k] == schema.STRING else v for k, v in meta.items()}


def check_shape(spec: Mapping) -> None:
    """Required keys present, and tidy/wide consistent with where values come from."""
    path = spec.path
    for key in ("place", "indicator", "year"):
        if key not in spec.fields:
            extra = " (or give --place)" if key == "place" else ""
            raise fail(path, f"the required key '{key}' is missing{extra}")
    spread = [f.key for f in spec.fields.values() if f.spread]
    if len(spread) > 1:
        raise fail(path, "only one of 'indicator' and 'year' can spread across columns")
    if spec.format == "wide" and not spread:
        raise fail(path, "a wide mapping needs 'indicator' or 'year' as {columns: ...} or {pattern: ...}")
    if spec.format == "tidy" and spread:
        raise fail(path, f"'{spread[0]}' spreads across columns, so set 'format: wide'")
    if spec.format == "tidy" and "value" not in spec.fields:
        raise fail(path, "the required key 'value' is missing")
    if spec.format == "wide" and "value" in spec.fields:
        raise fail(path, f"a wide mapping takes its values from the '{spread[0]}' columns, so drop 'value'")


def header_text(name: object) -> str:
    """A column name as textio cleans headers: spaces collapsed and stripped."""
    return re.sub(r"\s+", " ", str(name).replace("\ufeff", "")).strip()


@dataclass
class Columns:
    """The file's own header names for everything the mapping names."""

    fields: dict[str, str]
    """Mapping key -> header, for keys given as {column: ...}."""
    breakdown: dict[str, str]
    """Header -> breakdown label."""
    spread: dict[str, str]
    """Header -> indicator id (or label) or year text, for the columns a wide file spreads over."""

    def used(self) -> set[str]:
        return {*self.fields.values(), *self.breakdown, *self.spread}


def resolve(spec: Mapping, headers: Iterable[str], data: Path) -> Columns:
    """Match the mapping's column names to the file's header (exactly, else ignoring case),
    or raise a LoadError naming the first missing column."""
    headers = [h for h in headers if not h.startswith("_")]
    folded = {h.casefold(): h for h in reversed(headers)}

    def find(name: str, key: str) -> str:
        if name in headers:
            return name
        if name.casefold() in folded:
            return folded[name.casefold()]
        hint = ""
        if len(headers) == 1 and re.search(r"[,;\t|]", headers[0]):
            hint = " (the header was not split into columns: is the delimiter right?)"
        shown = listing(headers) or "none"
        raise LoadError(
            f"{data.name} has no column '{name}', named by '{key}' in {spec.path.name}; "
            f"its columns are: {shown}{hint}."
        )

    found = Columns(
        fields={f.key: find(f.column, f.key) for f in spec.fields.values() if f.column},
        breakdown={find(c, "breakdown"): label for c, label in spec.breakdown.items()},
        spread={},
    )
    spread = spec.spread
    if spread is not None and spread.columns is not None:
        found.spread = {find(c, spread.key): label for c, label in spread.columns.items()}
    elif spread is not None:
        taken = found.used()
        for header in headers:
            match = spread.pattern.search(header)
            if match and header not in taken:
                found.spread[header] = match.group(1) if match.groups() else header
        if not found.spread:
            raise LoadError(
                f"no column of {data.name} matches the {spread.key} pattern "
                f"'{spread.pattern.pattern}' in {spec.path.name}."
            )
    return found
