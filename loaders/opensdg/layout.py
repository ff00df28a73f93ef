"""Where an Open SDG site keeps its indicator files, in each of its shapes.

- A data repository: `data/indicator_<id>.csv` (or the files at the repository root).
- A built site: `data/<id>.csv` beside `meta/<id>.json`, either flat (old builds, before
  translated builds) or once per language in `<lang>/data/` and `untranslated/data/`; a copy
  of a whole repository may keep the build in `built/` or `_site/`.
The language folder read is the source language asked for (--language), else `untranslated`,
else the first; the other languages' metadata become translations.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders.options import LANGUAGE_CODE
from loaders.report import LoadError

INDICATOR_FILE = re.compile(r"^indicator_(?P<id>.+)\.csv$", re.IGNORECASE)
BUILT_FILE = re.compile(r"^(?P<id>\d{1,2}-[0-9a-z]{1,2}-[0-9a-z]{1,2}(?:-[0-9a-z-]+)?)\.csv$", re.IGNORECASE)
BUILD_FOLDERS = ("", "built", "_site")
UNTRANSLATED = "untranslated"


def indicator_id(file: Path) -> str:
    match = INDICATOR_FILE.match(file.name) or BUILT_FILE.match(file.name)
    return match["id"]


def source_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("indicator_*.csv")) if folder.is_dir() else []


def built_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.glob("*.csv") if BUILT_FILE.match(f.name))


def language_folders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_dir() and (p.name == UNTRANSLATED or LANGUAGE_CODE.match(p.name)) and built_files(p / "data")
    )


def pick_language(folders: list[Path], language: str) -> Path:
    by_name = {p.name: p for p in folders}
    return by_name.get(language) or by_name.get(UNTRANSLATED) or folders[0]


def locate(path: Path, language: str = "en") -> tuple[Path, list[Path]]:
    """The site's root (where meta/, config and translations are) and its indicator files."""
    path = Path(path)
    if path.is_file():
        if INDICATOR_FILE.match(path.name) or BUILT_FILE.match(path.name):
            return (path.parent.parent if path.parent.name == "data" else path.parent), [path]
        raise LoadError(f"{path.name} is not an Open SDG indicator file.")
    if source_files(path / "data"):
        return path, with_root_files(path)
    if source_files(path):
        root = path.parent if path.name == "data" else path
        return root, source_files(path)
    for sub in BUILD_FOLDERS:
        base = path / sub if sub else path
        if built_files(base / "data"):
            return base, built_files(base / "data")
        languages = language_folders(base)
        if languages:
            chosen = pick_language(languages, language)
            return chosen, built_files(chosen / "data")
    if path.name == "data" and built_files(path):
        return path.parent, built_files(path)
    raise LoadError(
        f"{path} holds no Open SDG indicator files (data/indicator_*.csv, or a built site's "
        "data/<id>.csv or <lang>/data/<id>.csv)."
    )


def with_root_files(root: Path) -> list[Path]:
    """data/indicator_*.csv, and indicator files left at the repository root (a first upload
    there); for one indicator in both, the root file is the newer upload and is read instead."""
    at_root = {indicator_id(f): f for f in source_files(root)}
    in_data = [f for f in source_files(root / "data") if indicator_id(f) not in at_root]
    return sorted(in_data + list(at_root.values()))


def shadowed(root: Path, files: list[Path]) -> list[Path]:
    """Files of data/ not read because the repository root has the same indicator."""
    return [f for f in source_files(root / "data") if f not in files]


def sniff(path: Path) -> bool:
    """A repository, a built site (flat or by language), its data folder, or one indicator file."""
    path = Path(path)
    if path.is_file():
        return bool(INDICATOR_FILE.match(path.name))
    try:
        locate(path)
    except LoadError:
        return False
    return True
