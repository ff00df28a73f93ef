"""Where an Open SDG site keeps its indicator data, in each of its shapes.

- A data repository with CSV input: `data/indicator_<id>.csv` (or the files at the
  repository root, a first upload there).
- A data repository with SDMX-ML input: the data messages its config_data.yml names (or any in
  `data/`), read with the structure definition beside them (sdmx.py).
- A built site: `data/<id>.csv` or `data/<id>.json` beside `meta/<id>.json`, either flat (old
  builds, before translated builds) or once per language in `<lang>/data/` and
  `untranslated/data/`; a copy of a whole repository may keep the build in `built/` or `_site/`.
  For an indicator with both a CSV and a JSON file, the CSV is read.

The repository is looked for in the folder, in the folder its config's `src_dir` names, and in
`source/` or `src/`; a build only where no repository is found (the folder holding both is read
as its source, and the build not read is reported). The language folder of a build read is
the source language asked for (--language), else `untranslated`, else the first; the other
languages' metadata become translations.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from loaders import yamltext
from loaders.opensdg import sdmx
from loaders.options import LANGUAGE_CODE
from loaders.report import LoadError

INDICATOR_FILE = re.compile(r"^indicator_(?P<id>.+)\.csv$", re.IGNORECASE)
BUILT_FILE = re.compile(
    r"^(?P<id>\d{1,2}-[0-9a-z]{1,2}-[0-9a-z]{1,2}(?:-[0-9a-z-]+)?)\.(?P<suffix>csv|json)$", re.IGNORECASE
)
SOURCE_FOLDERS = ("", "source", "src")
BUILD_FOLDERS = ("", "built", "_site")
UNTRANSLATED = "untranslated"


def indicator_id(file: Path) -> str:
    match = INDICATOR_FILE.match(file.name) or BUILT_FILE.match(file.name)
    return match["id"]


def source_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("indicator_*.csv")) if folder.is_dir() else []


def built_files(folder: Path) -> list[Path]:
    """data/<id>.csv and data/<id>.json, one file per indicator (the CSV when both)."""
    if not folder.is_dir():
        return []
    by_id: dict[str, Path] = {}
    for file in sorted(folder.iterdir(), key=lambda f: (f.suffix.lower() != ".csv", f.name)):
        match = BUILT_FILE.match(file.name)
        if match and file.is_file():
            by_id.setdefault(match["id"], file)
    return sorted(by_id.values())


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


def build_languages(root: Path) -> tuple[str | None, dict[str, Path]]:
    """For a build read from one of its language folders: that folder's language (None for
    `untranslated`) and the other language folders by language. ({}, None) for anything else."""
    folders = language_folders(root.parent)
    if root not in folders:
        return None, {}
    own = root.name if root.name != UNTRANSLATED else None
    return own, {p.name: p for p in folders if p != root and p.name != UNTRANSLATED}


def config_of(root: Path) -> dict:
    """config_data.yml of a folder, {} when absent or unreadable (meta.read_config reports)."""
    for name in ("config_data.yml", "config.yml"):
        try:
            data = yamltext.load((root / name).read_text(encoding="utf-8-sig", errors="replace"))
        except (OSError, yaml.YAMLError):
            continue
        return data if isinstance(data, dict) else {}
    return {}


def find_source(path: Path) -> tuple[Path, list[Path]] | None:
    """A data repository in `path` or the folders named in the module docstring."""
    src_dir = str(config_of(path).get("src_dir") or "").strip()
    for sub in dict.fromkeys((src_dir, *SOURCE_FOLDERS)):
        root = path / sub if sub else path
        if source_files(root / "data"):
            return root, with_root_files(root)
        if source_files(root):
            return (root.parent if root.name == "data" else root), source_files(root)
        files = [f for s in sdmx.inputs(root, config_of(root)) for f in s.files]
        if files:
            return root, files
    return None


def find_build(path: Path, language: str) -> tuple[Path, list[Path]] | None:
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
    return None


def locate(path: Path, language: str = "en") -> tuple[Path, list[Path]]:
    """The site's root (where meta/, config and translations are) and its data files."""
    path = Path(path)
    if path.is_file():
        if INDICATOR_FILE.match(path.name) or BUILT_FILE.match(path.name) or sdmx.is_data(path):
            return (path.parent.parent if path.parent.name == "data" else path.parent), [path]
        raise LoadError(f"{path.name} is not an Open SDG indicator file.")
    found = find_source(path) or find_build(path, language)
    if found is None:
        raise LoadError(
            f"{path} holds no Open SDG indicator files (data/indicator_*.csv, SDMX-ML data with "
            "its structure definition, or a built site's data/<id>.csv|json or <lang>/data/<id>.csv)."
        )
    return found


def unread_build(path: Path, root: Path, language: str) -> Path | None:
    """The build folder beside a source that was read instead of it."""
    build = find_build(Path(path), language) if Path(path).is_dir() else None
    return build[0] if build and build[0] != root and not is_source_file(build[1][0]) else None


def is_source_file(file: Path) -> bool:
    return bool(INDICATOR_FILE.match(file.name)) or file.suffix.lower() == ".xml"


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
    """A repository, a built site (flat or by language), its data folder, one indicator file
    (a repository's, a build's data/<id>.csv|json) or one SDMX data message."""
    path = Path(path)
    if path.is_file():
        built = BUILT_FILE.match(path.name) and path.parent.name == "data"
        return bool(INDICATOR_FILE.match(path.name) or built or sdmx.is_data(path))
    try:
        locate(path)
    except LoadError:
        return False
    return True
