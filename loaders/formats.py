"""The format registry: each source family's `reader` module offers NAME, sniff(path) and
read(path, report, options)."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from loaders.report import LoadError

READERS = ("opensdg", "sdsn", "unsdg", "mapped", "boundaries")
"""Tried in this order when detecting; the first whose sniff() says yes reads the file."""
NOT_TABLES = (".json", ".geojson", ".xml", ".shp", ".gpkg", ".zip")
"""Files a mapping cannot describe (it reads CSV, TSV, TXT and Excel tables): a message about such a
file does not offer one."""


def reader(name: str) -> ModuleType:
    if name not in READERS:
        raise LoadError(f"unknown format '{name}'; choose one of: {', '.join(READERS)}.")
    return importlib.import_module(f"loaders.{name}.reader")


def detect(path: Path, mapping: Path | None = None) -> ModuleType:
    """The reader for `path`, or a LoadError saying that none recognised it."""
    if mapping is not None:
        return reader("mapped")
    for name in READERS:
        module = reader(name)
        try:
            if module.sniff(path):
                return module
        except (OSError, UnicodeError, ValueError):
            continue
    unreadable(path)  # an empty file, a BOM alone, a damaged workbook: said as such
    mapped = "" if path.suffix.lower() in NOT_TABLES else \
        f" or a --mapping file ('city-sdg mapping draft {path.name}' writes a starter one)"
    raise LoadError(f"{path.name}: format not recognised; pass --format ({', '.join(READERS)}){mapped}.")


def companion(path: Path) -> tuple[Path, str] | None:
    """(source file, what it reads from `path`) when a reader reads `path` as part of another file
    beside it (a municipal atlas's names table), else None: such a file has no format of its own."""
    for name in READERS:
        find = getattr(reader(name), "companion_of", None)
        try:
            found = find(path) if find is not None else None
        except (OSError, UnicodeError, ValueError):
            found = None
        if found is not None:
            return found
    return None


def undetected(path: Path, given: set[Path]) -> str | None:
    """Why `path`, which no reader recognised, is not an error: None when it is, else the report's
    line for a table read with another file of the same import. A table read only with a file not
    imported raises a LoadError naming that file."""
    found = companion(path)
    if found is None:
        return None
    source, role = found
    if source.resolve() in given:
        return f"read with {source.name} beside it, as {role}"
    raise LoadError(f"{path.name} is read with {source.name} beside it, as {role}, not on its own: "
                    f"import {source.name} or the folder that holds both.")


def unreadable(path: Path) -> None:
    """Raise the reason a file no reader recognised cannot be read at all, when it is one: it was
    "format not recognised; pass --format" for an empty file, a BOM alone, a header without rows
    or a damaged workbook, where --format or --mapping said what was wrong."""
    from loaders import textio

    if path.suffix.lower() in NOT_TABLES or not path.is_file():
        return
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        textio.read_any(path)  # a workbook: raises the LoadError that says what is wrong with it
        return
    text = textio.decode(path, head)[0]  # raises "is empty" for nothing, or a BOM alone
    lines = [line for line in text.splitlines() if line.strip(" \t,;|")]
    if len(head) < HEAD_BYTES and len(lines) <= 1:  # the whole file read: a header and nothing else
        raise LoadError(f"{path.name} has a header and no rows.")


HEAD_BYTES = 65_536
"""What `unreadable` reads of a text file: a file that no reader knows is not read whole to say so."""
