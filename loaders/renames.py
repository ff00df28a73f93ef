"""Name mappings given on the command line (OLD=NEW) or in a YAML/CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from loaders import yamltext
from loaders.report import LoadError


def parse_renames(pairs: list[str], file: Path | None = None) -> dict[str, str]:
    """Merge a mapping file (YAML dict or two-column CSV) with OLD=NEW pairs; pairs win."""
    renames: dict[str, str] = {}
    if file is not None:
        if not file.is_file():
            raise LoadError(f"rename file {file} does not exist.")
        text = file.read_text(encoding="utf-8-sig")
        if file.suffix.lower() == ".csv":
            rows = [r for r in csv.reader(text.splitlines()) if len(r) >= 2]
            renames.update({r[0].strip(): r[1].strip() for r in rows})
        else:
            try:
                loaded = yamltext.load(text) or {}
            except yaml.YAMLError as error:  # one sentence, not pyyaml's dump of the parser's state
                mark = getattr(error, "problem_mark", None)
                where = f" near line {mark.line + 1}" if mark is not None else ""
                problem = getattr(error, "problem", None) or "syntax"
                raise LoadError(f"rename file {file} is not valid YAML{where} ({problem}).") from error
            if not isinstance(loaded, dict):
                raise LoadError(f"rename file {file} must hold OLD: NEW pairs.")
            renames.update({str(k): str(v) for k, v in loaded.items()})
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise LoadError(f"--rename '{pair}' must look like OLD=NEW.")
        renames[old.strip()] = new.strip()
    return renames
