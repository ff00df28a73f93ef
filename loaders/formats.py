"""The format registry: each source family's `reader` module offers NAME, sniff(path) and
read(path, report, options)."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from loaders.report import LoadError

READERS = ("opensdg", "sdsn", "unsdg", "mapped", "boundaries")
"""Tried in this order when detecting; the first whose sniff() says yes reads the file."""


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
    raise LoadError(
        f"{path.name}: format not recognised; pass --format ({', '.join(READERS)}) "
        "or a --mapping file."
    )
