"""What only a built Open SDG site has: data as JSON, and its GeoJSON map layers.

Data JSON (`data/<id>.json`) comes in the shapes sdg-build and pandas write: column-oriented
(`{"Year": [2015, ...], "Value": [...]}`, Baltimore's 2018 build), column-oriented with index
keys (`{"Year": {"0": 2015, ...}}`), or a list of records (`[{"Year": 2015, ...}]`). Numbers
are turned back into text as written ('2008.0' years are read as 2008 by rows.year_of); a
JSON null is a blank cell. Each record's line is its 1-based position in the data.

Map layers: `geojson/<layer>/indicator_<id>.geojson` beside the data, or in the build's
`untranslated/` folder (a language folder of a translated build has none of its own). Every
file of a layer has the same features, so one file per layer is read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from loaders import textio
from loaders.report import LoadError
from loaders.textio import decode

NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def read_json_table(path: Path) -> pd.DataFrame:
    """A built site's data/<id>.json as a table of text with a line (record number) column."""
    try:
        text, _ = decode(path, path.read_bytes())
        data = json.loads(text)
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    except json.JSONDecodeError as error:
        raise LoadError(f"{path.name} is not valid JSON: {error.msg} (line {error.lineno}, "
                        f"column {error.colno}).") from error
    except RecursionError as error:  # a document nested thousands deep: one sentence, not a traceback
        raise LoadError(f"{path.name} is nested too deeply to be read as JSON.") from error
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        columns = list(dict.fromkeys(k for record in data for k in record))
        records = {c: [record.get(c) for record in data] for c in columns}
    elif isinstance(data, dict) and all(isinstance(v, (list, dict)) for v in data.values()):
        records = {c: list(v.values()) if isinstance(v, dict) else v for c, v in data.items()}
        if len({len(v) for v in records.values()}) > 1:
            raise LoadError(f"{path.name}: its columns have different lengths, so rows cannot be formed.")
    else:
        raise LoadError(f"{path.name} is JSON but not an Open SDG data table (columns or records).")
    frame = pd.DataFrame({c: pd.array([cell(v) for v in vs], dtype="string") for c, vs in records.items()})
    frame.columns = textio.clean_header(frame.columns)
    frame[textio.LINE] = pd.array(range(1, len(frame) + 1), dtype="Int64")
    return frame


def cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def geojson_layers(root: Path) -> list[Path]:
    """One GeoJSON file per map layer of a built site (see the module docstring)."""
    folders = [root / "geojson", root.parent / "untranslated" / "geojson"]
    layers = []
    for folder in dict.fromkeys(folders):
        if not folder.is_dir():
            continue
        for layer in sorted([folder, *(p for p in folder.iterdir() if p.is_dir())]):
            files = sorted(layer.glob("*.geojson")) + sorted(layer.glob("*.json"))
            if files:
                layers.append(files[0])
    return layers


def layer_properties(path: Path, codes: set[str]) -> tuple[str | None, str | None]:
    """(id, name) properties of a layer built without its config: the id is the property whose
    values match the most of `codes` ('5' and 5.0 both match code '5'); the name, the other
    property with the most distinct values that are not numbers."""
    try:
        text, _ = decode(path, path.read_bytes())
        features = json.loads(text).get("features") or []
    except (OSError, LoadError, json.JSONDecodeError, AttributeError, RecursionError):
        return None, None
    hits: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for feature in features:
        for key, value in ((feature or {}).get("properties") or {}).items():
            text_value = cell(value).strip()
            if text_value in codes:
                hits.setdefault(key, set()).add(text_value)
            if isinstance(value, str) and text_value and not NUMBER.match(text_value):
                words.setdefault(key, set()).add(text_value)
    id_property = max(hits, key=lambda k: len(hits[k])) if hits else None
    words.pop(id_property, None)
    return id_property, (max(words, key=lambda k: len(words[k])) if words else None)
