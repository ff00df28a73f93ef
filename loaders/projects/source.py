"""A project list as a table of strings with line numbers: CSV, Excel, or JSON flattened with dots."""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

import pandas as pd

from loaders import textio
from loaders.projects.mapping import ProjectMapping
from loaders.report import ImportReport, LoadError, listing
from loaders.workbook import report_percent

LINE = textio.LINE
NOT_OBJECT = "_not_object"
"""Set on a JSON record that is not an object (a bare number or string in the list)."""
JSON_SUFFIXES = {".json", ".geojson"}
DEPTH = 3
"""How deep to look for the list of projects in a JSON object that does not name it."""


def read_table(path: Path, spec: ProjectMapping, report: ImportReport | None = None) -> pd.DataFrame:
    """Every record as strings, plus `_line`: the line where the record starts."""
    if is_json(path):
        return read_json(path, spec.records)
    table = textio.read_any(path, expected=spec.named_columns(), sheet=spec.sheet)
    if report is not None:
        textio.report_trailing(table, report)
        report_percent(report, textio.sheet_of(table), table.percent)
    return table.frame


def is_json(path: Path) -> bool:
    if path.suffix.lower() in JSON_SUFFIXES:
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    return head[:1] in (b"[", b"{")


def read_json(path: Path, records: str | None) -> pd.DataFrame:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    text, _ = textio.decode(path, data)
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        raise LoadError(f"{path.name} is not valid JSON: {error.msg} (line {error.lineno}, "
                        f"column {error.colno}).") from error
    except RecursionError as error:  # a document nested thousands deep: one sentence, not a traceback
        raise LoadError(f"{path.name} is nested too deeply to be read as JSON.") from error
    keys = list_path(whole, records, path)
    lines = LineFinder(text)
    rows = []
    for offset, record in elements(text, keys):
        row = flatten(record) if isinstance(record, dict) else {NOT_OBJECT: scalar_text(record)}
        rows.append({**row, LINE: lines.line(offset)})
    if not rows:
        raise LoadError(f"{path.name} holds an empty list of projects.")
    frame = pd.DataFrame(rows, dtype=object)
    text_columns = [c for c in frame.columns if c != LINE]
    frame[text_columns] = frame[text_columns].fillna("").astype("string")
    frame[LINE] = frame[LINE].astype("Int64")
    return frame


def list_path(data: object, records: str | None, path: Path) -> list[str]:
    """The keys leading from the top of the document to the list of projects."""
    if records:
        keys = records.split(".")
        node = data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                raise LoadError(f"{path.name} has no '{records}' (named by 'records' in the mapping).")
            node = node[key]
        if not isinstance(node, list):
            raise LoadError(f"'{records}' in {path.name} is not a list of projects.")
        return keys
    if isinstance(data, list):
        return []
    found = candidate_lists(data, [])
    if len(found) == 1:
        return found[0]
    if not found:
        raise LoadError(f"{path.name} holds no list of projects (a JSON list of objects).")
    names = ", ".join(".".join(keys) for keys in found[:5])
    raise LoadError(f"{path.name} holds several lists ({names}); name the projects with 'records:'.")


def candidate_lists(node: object, keys: list[str]) -> list[list[str]]:
    """Paths to lists of objects, the shallowest ones only."""
    if not isinstance(node, dict) or len(keys) >= DEPTH:
        return []
    here = [
        [*keys, k]
        for k, v in node.items()
        if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)
    ]
    if here:
        return here
    return [found for k, v in node.items() for found in candidate_lists(v, [*keys, str(k)])]


WHITESPACE = re.compile(r"[ \t\r\n]*")


def elements(text: str, keys: list[str]):
    """(offset, value) of each element of the list at `keys`, read straight from the text so
    that every record knows the line it starts on."""
    decoder = json.JSONDecoder()
    index = WHITESPACE.match(text, 1 if text.startswith("\ufeff") else 0).end()
    for key in keys:
        index += 1  # past '{'
        while True:
            index = WHITESPACE.match(text, index).end()
            name, index = decoder.raw_decode(text, index)
            index = WHITESPACE.match(text, index).end() + 1  # past ':'
            index = WHITESPACE.match(text, index).end()
            if name == key:
                break
            _, index = decoder.raw_decode(text, index)
            index = WHITESPACE.match(text, index).end() + 1  # past ','
    index += 1  # past '['
    while True:
        index = WHITESPACE.match(text, index).end()
        if text[index] == "]":
            return
        if text[index] == ",":
            index += 1
            continue
        value, end = decoder.raw_decode(text, index)
        yield index, value
        index = end


class LineFinder:
    def __init__(self, text: str):
        self.starts = [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) + 1


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """{'location': {'lat': 1}} -> {'location.lat': '1'}; a list of plain values becomes
    'a; b', any other list its JSON text."""
    out: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            plain = all(not isinstance(item, dict | list) for item in value)
            out[name] = "; ".join(map(scalar_text, value)) if plain else json.dumps(value, ensure_ascii=False)
        else:
            out[name] = scalar_text(value)
    return out


def scalar_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def resolve(spec: ProjectMapping, headers: list[str], data: Path) -> dict[str, list[str]]:
    """Mapping key -> the file's own header names, matched exactly, else ignoring case; a
    column the file lacks stops the import with one sentence."""
    headers = [h for h in headers if not h.startswith("_")]
    folded = {h.casefold(): h for h in reversed(headers)}

    def find(name: str, key: str) -> str:
        if name in headers:
            return name
        if name.casefold() in folded:
            return folded[name.casefold()]
        shown = listing(headers) or "none"
        raise LoadError(
            f"{data.name} has no column '{name}', named by '{key}' in {spec.path.name}; "
            f"its columns are: {shown}."
        )

    found: dict[str, list[str]] = {}
    for key, source in spec.fields.items():
        if source.column:
            found[key] = [find(source.column, key)]
        elif source.columns:
            found[key] = [find(column, key) for column in source.columns]
        elif source.pattern is not None:
            found[key] = [h for h in headers if source.pattern.search(h)]
            if not found[key]:
                raise LoadError(
                    f"no column of {data.name} matches the {key} pattern "
                    f"'{source.pattern.pattern}' in {spec.path.name}."
                )
    return found
