"""SDMX-ML data in an Open SDG data repository, read with its structure definition (DSD).

Which files: the `inputs` of config_data.yml whose class starts with `InputSdmx` (their
`path_pattern` or `source`, `dsd`, `dimension_map`, `drop_dimensions`, `indicator_id_map`,
`drop_singleton_dimensions`, as sdg-build reads them); without such a config, every SDMX data
message in `data/` (or the folder itself) with the one structure message found beside it.
A DSD given as a web address is not downloaded: a local structure message is looked for, and
without one the codes stay codes (reported).

Messages: StructureSpecific (2.1) and Compact (2.0) data, where keys and attributes are XML
attributes of Series and Obs; Generic data (2.1 and 2.0), where they are SeriesKey/Attributes
Value elements; observations with every dimension (dimensionAtObservation=AllDimensions).
The file is streamed; each observation keeps its line for the report.

Rows: each observation becomes a row of the indicators its SERIES serves (the DSD's Indicator
annotation, or `indicator_id_map`); a series that serves none is rejected with its line.
SERIES, UNIT_MEASURE and UNIT_MULT become the row's series, unit and multiplier; REF_AREA its
place (the area that contains all others, or the one `dimension_map` blanks, is the site
itself); every other dimension a disaggregation named by its concept, with `_T` (total) as
blank; other attributes go to the note. Codes become their names from the DSD.
"""

from __future__ import annotations

import glob
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders import textio
from loaders.opensdg import sdmx_structure
from loaders.opensdg.sdmx_structure import Structure, indicator_id
from loaders.report import WARNING, ImportReport, LoadError

DATA_ROOT = re.compile(r"<(?:[\w-]+:)?(StructureSpecific\w*Data|Generic\w*Data|CompactData|UtilityData)[\s>]")
SPECIAL = {"SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "UNIT_MULT", "_obs"}
TOTAL = "_T"
QUIET = {("OBS_STATUS", "A")}
"""Attribute values that say nothing worth a note (OBS_STATUS A = normal value)."""
CHUNK = 1 << 20


@dataclass
class Settings:
    """One SDMX input of the site configuration (sdg-build's InputSdmx* parameters)."""

    files: list[Path]
    dsd: Path | None = None
    dimension_map: dict = field(default_factory=dict)
    drop: set = field(default_factory=set)
    indicator_map: dict = field(default_factory=dict)
    drop_singletons: bool = True


@dataclass
class Table:
    """One indicator's rows from one data file, as text columns with their roles."""

    file: Path
    indicator_id: str
    frame: pd.DataFrame
    roles: dict[str, str]
    defaults: dict


def is_data(path: Path) -> bool:
    """True for an SDMX data message (by its root element, not its name)."""
    if not path.is_file() or path.suffix.lower() != ".xml":
        return False
    with open(path, "rb") as handle:
        return bool(DATA_ROOT.search(handle.read(4096).decode("utf-8", "replace")))


def data_files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.glob("*.xml") if is_data(f)) if folder.is_dir() else []


def inputs(root: Path, config: dict) -> list[Settings]:
    """The site's SDMX inputs: from its configuration, else the data messages found."""
    found = []
    for entry in config.get("inputs") or []:
        if not (isinstance(entry, dict) and str(entry.get("class", "")).startswith("InputSdmx")):
            continue
        pattern = str(entry.get("path_pattern") or entry.get("source") or "")
        local_files = pattern and "://" not in pattern
        files = sorted(Path(p) for p in glob.glob(str(root / pattern))) if local_files else []
        found.append(
            Settings(
                files=[f for f in files if f.is_file()],
                dsd=local_dsd(root, str(entry.get("dsd") or "")),
                dimension_map={str(k): v for k, v in (entry.get("dimension_map") or {}).items()},
                drop=set(entry.get("drop_dimensions") or []),
                indicator_map=entry.get("indicator_id_map") or {},
                drop_singletons=bool(entry.get("drop_singleton_dimensions", True)),
            )
        )
    if not found:
        files = data_files(root / "data") or data_files(root)
        if files:
            found.append(Settings(files=files, dsd=local_dsd(root, "")))
    return [s for s in found if s.files]


def local_dsd(root: Path, named: str) -> Path | None:
    """The DSD the config names when it is a local file, else a structure message in the repository."""
    if named and "://" not in named and (root / named).is_file():
        return root / named
    wanted = Path(named.split("?")[0]).name if named else ""
    candidates = sorted(root.glob("*.xml")) + sorted(root.glob("*/*.xml"))
    structures = [p for p in candidates if sdmx_structure.is_structure(p)]
    named_alike = [p for p in structures if p.name == wanted]
    return (named_alike or structures or [None])[0]


def observations(path: Path) -> tuple[list[tuple[int, dict]], int]:
    """Every observation of a data message as (line, {component: code}), streamed."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    state: dict = {"series": {}, "obs": None, "target": None, "at_obs": "TIME_PERIOD", "text": None}
    found: list[tuple[int, dict]] = []

    def refuse(*_args):
        raise LoadError(f"{path.name} declares a document type, which SDMX files never need.")

    def start(tag: str, attrs: dict) -> None:
        name = tag.rsplit("}", 1)[-1]
        plain = {k: v for k, v in attrs.items() if "}" not in k}
        if name == "Structure" and plain.get("dimensionAtObservation"):
            state["at_obs"] = plain["dimensionAtObservation"]
        elif name == "Series":
            state["series"] = plain
        elif name == "Obs":
            state["obs"] = {**plain, "_line": parser.CurrentLineNumber}
        elif name == "Value" and ("id" in plain or "concept" in plain):
            target = state["obs"] if state["obs"] is not None else state["series"]
            target[plain.get("id") or plain.get("concept")] = plain.get("value", "")
        elif name == "ObsDimension" and state["obs"] is not None:
            state["obs"][plain.get("id") or state["at_obs"]] = plain.get("value", "")
        elif name == "ObsValue" and state["obs"] is not None:
            state["obs"]["OBS_VALUE"] = plain.get("value", "")
        elif name == "Time" and state["obs"] is not None:
            state["text"] = []

    def end(tag: str) -> None:
        name = tag.rsplit("}", 1)[-1]
        if name == "Time" and state["text"] is not None:
            state["obs"]["TIME_PERIOD"] = "".join(state["text"]).strip()
            state["text"] = None
        elif name == "Obs" and state["obs"] is not None:
            obs = state["obs"]
            found.append((obs.pop("_line"), {**state["series"], **obs}))
            state["obs"] = None
        elif name == "Series":
            state["series"] = {}

    def text(data: str) -> None:
        if state["text"] is not None:
            state["text"].append(data)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise LoadError(f"{path.name} is not well-formed XML: {xml.parsers.expat.ErrorString(error.code)} "
                        f"at line {error.lineno}.") from error
    return found, len(found)


def read_tables(root: Path, settings: Settings, language: str, report: ImportReport):
    """(tables, {file: (observations read, rejected rows)}, the site's own area (code, name))."""
    structure = Structure()
    if settings.dsd is not None:
        try:
            structure = sdmx_structure.read_structure(settings.dsd, language)
        except LoadError as error:
            report.add(settings.dsd, f"structure definition not read: {error}", severity=WARNING)
    else:
        report.add(root, "no SDMX structure definition (DSD) found beside the data: codes are not "
                   "turned into names, and series need indicator_id_map", severity=WARNING)
    tables, counts, grouped = [], {}, {}
    for path in settings.files:
        try:
            found, total = observations(path)
        except LoadError as error:
            report.unreadable(path, str(error))
            continue
        grouped[path], rejected = by_indicator(found, structure, settings)
        counts[path] = (total, pd.DataFrame(rejected, columns=["line", "row", "column", "value", "reason"]))
    site = site_area([records for rows in grouped.values() for records in rows.values()], structure, settings)
    for path, rows in grouped.items():
        for indicator, records in rows.items():
            tables.append(table(path, indicator, records, structure, settings, site[0]))
    return tables, counts, site


def by_indicator(found, structure: Structure, settings: Settings):
    """Observations grouped by the indicator ids their series serve; the others rejected. Each keeps
    its place in the message (`_obs`): a message written on one line has every observation on it."""
    rows: dict[str, list[tuple[int, dict]]] = {}
    rejected = []
    for position, (line, obs) in enumerate(found):
        obs["_obs"] = str(position)
        code = obs.get("SERIES", "")
        mapped = settings.indicator_map.get(code)
        ids = ([mapped] if isinstance(mapped, str) else [str(m) for m in mapped]) if mapped else []
        ids = [indicator_id(i) for i in ids] or structure.indicators.get(code, [])
        if not ids:
            rejected.append((line, position, "SERIES", code, unserved(code, obs)))
        for one in ids:
            rows.setdefault(one, []).append((line, obs))
    return rows, rejected


def unserved(code: str, obs: dict) -> str:
    """Why an observation's series serves no indicator."""
    if not code:  # a message of another publisher's structure (Eurostat's: freq, unit, geo)
        dimensions = [k for k in obs if k not in SPECIAL and not k.startswith("_") and k != "OBS_VALUE"]
        return (f"the message has no SERIES dimension (it has {', '.join(dimensions[:8])}): Open SDG's "
                "SDMX input ties observations to SDG indicators by their SERIES, so none is read")
    return ("the series serves no indicator: the structure definition has no Indicator annotation for it "
            "(add it to indicator_id_map)")


def site_area(groups: list, structure: Structure, settings: Settings) -> tuple[str, str]:
    """The REF_AREA code that stands for the site itself, and its name; ('', '') when none."""
    areas = {obs.get("REF_AREA", "") for records in groups for _, obs in records} - {""}
    blanked = [a for a in areas if settings.dimension_map.get(f"REF_AREA|{a}") == ""]
    if blanked:
        return blanked[0], structure.label("REF_AREA", blanked[0])
    for area in sorted(areas):
        if all(area == other or area in ancestors(structure, other) for other in areas):
            return area, structure.label("REF_AREA", area)
    return "", ""


def ancestors(structure: Structure, code: str) -> set[str]:
    seen: set[str] = set()
    while (code := structure.parent("REF_AREA", code)) and code not in seen:
        seen.add(code)
    return seen


def table(path: Path, indicator: str, records, structure: Structure, settings: Settings, site: str) -> Table:
    """One indicator's observations as text columns: Year, Value, SERIES, REF_AREA, ... ; each
    column's distinct codes are named once, so a large message costs one lookup per code."""
    raw = pd.DataFrame.from_records([obs for _, obs in records]).fillna("").astype(str)
    keys = [k for k in raw.columns if k not in settings.drop]
    dimensions = [k for k in keys if k not in SPECIAL and k not in structure.attributes]
    notes = [k for k in keys if k not in SPECIAL and k in structure.attributes]

    def codes(component: str) -> pd.Series:
        return raw[component] if component in raw else pd.Series("", index=raw.index, dtype=object)

    def named(component: str, labeller=None) -> pd.Series:
        column = codes(component)
        labeller = labeller or (lambda code: label(structure, settings, component, code))
        return column.map({code: labeller(code) for code in column.unique()})

    def header(component: str) -> str:
        return str(settings.dimension_map.get(component) or structure.concept_name(component))

    area = codes("REF_AREA")
    at_site = (area == site) | area.map(lambda a: settings.dimension_map.get(f"REF_AREA|{a}") == "")
    columns = {
        "Year": codes("TIME_PERIOD"), "Value": codes("OBS_VALUE"),
        "SERIES": named("SERIES", lambda code: structure.label("SERIES", code)),
        "_series_id": codes("SERIES"),
        "REF_AREA": area.where(~at_site, ""), "_area_name": named("REF_AREA").where(~at_site, ""),
        "UNIT_MEASURE": named("UNIT_MEASURE"), "UNIT_MULT": named("UNIT_MULT"), "_row": codes("_obs"),
    }
    columns |= {header(d): named(d) for d in dimensions}
    for component in notes:
        quiet = codes(component).map(lambda code, c=component: (c, code) in QUIET)
        if component == "TIME_DETAIL":
            quiet |= codes(component) == codes("TIME_PERIOD")
        columns[header(component)] = named(component).where(~quiet, "")
    frame = pd.DataFrame({c: pd.array(v.tolist(), dtype="string") for c, v in columns.items()})
    frame[textio.LINE] = pd.array([line for line, _ in records], dtype="Int64")
    parts = [header(d) for d in dimensions]
    if settings.drop_singletons:
        single = [c for c in parts if frame[c].nunique(dropna=False) <= 1]
        frame, parts = frame.drop(columns=single), [c for c in parts if c not in single]
    roles = {"Year": "year", "Value": "value", "SERIES": "series", "_series_id": "internal",
             "REF_AREA": "geocode", "_area_name": "name", "UNIT_MEASURE": "unit",
             "UNIT_MULT": "multiplier", "_row": "internal", textio.LINE: "internal"}
    roles |= {c: "disaggregation" for c in parts} | {header(n): "note" for n in notes}
    title = structure.titles.get(indicator, "")
    return Table(path, indicator, frame, roles, {"indicator_name": title} if title else {})


def label(structure: Structure, settings: Settings, component: str, code: str) -> str:
    """A code's name: the config's dimension_map, '' for a total or a blank, else the DSD's."""
    mapped = settings.dimension_map.get(f"{component}|{code}")
    if mapped is not None:
        return str(mapped)
    return "" if code in ("", TOTAL) else structure.label(component, code)
