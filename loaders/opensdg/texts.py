"""Open SDG translations: indicator names, units and descriptions in other languages.

Two conventions of Open SDG (sdg-build) are read when a repository has them:

- Translated metadata: `<folder>/<lang>/<id>.<ext>` inside each metadata folder of
  opensdg_meta.SOURCES (`meta/es/1-1-1.md`, `indicator-config/fr/1-1-1.yml`...). Its values
  replace the source's for that language.
- Translation keys: a metadata value such as `global_indicators.1-1-1-title` names the key
  `1-1-1-title` of the file `translations/<lang>/global_indicators.yml` (the sdg-translations
  layout: one file per group). Keys are resolved for the source language too; a key the
  source language does not resolve keeps opensdg_meta's fallback ('Indicator 1.1.1', warned).

A field found in neither stays in the source language, and the dashboard marks it so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.opensdg.meta import (
    DESCRIPTION_KEYS,
    SOURCES,
    UNIT_KEYS,
    first_text,
    indicator_metadata,
    indicator_name,
    is_translation_key,
    read_yaml,
    readable,
)
from loaders.options import LANGUAGE_CODE
from loaders.report import WARNING, ImportReport, LoadError

TRANSLATIONS = "translations"

Keys = dict[str, str]


def read_translations(root: Path, report: ImportReport) -> dict[str, Keys]:
    """language -> {'group.key': text} from translations/<lang>/<group>.yml; {} without the
    folder. Nested keys are joined with dots; an unreadable file is reported and skipped."""
    found: dict[str, Keys] = {}
    folder = root / TRANSLATIONS
    if not folder.is_dir():
        return found
    for language in sorted(p for p in folder.iterdir() if p.is_dir() and LANGUAGE_CODE.match(p.name)):
        keys: Keys = {}
        for path in sorted(language.glob("*.yml")):
            try:
                keys.update(flatten(read_yaml(path), path.stem))
            except (LoadError, OSError, UnicodeError) as error:
                report.add(path, f"translations not read: {error}", severity=WARNING)
        found[language.name] = keys
    return found


def flatten(data: dict, prefix: str) -> Keys:
    keys: Keys = {}
    for key, value in data.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            keys.update(flatten(value, name))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            keys[name] = str(value).strip()
    return keys


def metadata_languages(root: Path) -> set[str]:
    """Languages that have a translated-metadata subfolder in any metadata folder."""
    folders = {root / folder for folder, _ in SOURCES}
    return {
        sub.name
        for folder in folders
        if folder.is_dir()
        for sub in folder.iterdir()
        if sub.is_dir() and LANGUAGE_CODE.match(sub.name)
    }


def resolve(meta: dict, keys: Keys) -> dict:
    """The metadata with every translation key that `keys` knows replaced by its text."""
    return {**meta, **resolved_keys(meta, keys)}


def resolved_keys(meta: dict, keys: Keys) -> dict:
    """Only the values that are translation keys `keys` knows, as their text."""
    return {
        name: keys[value.strip()]
        for name, value in meta.items()
        if isinstance(value, str) and is_translation_key(value) and keys.get(value.strip())
    }


def indicator_fields(meta: dict) -> dict[str, str]:
    """Name, unit and description as opensdg_meta.indicator_row picks them ('' when absent)."""
    return {
        "name": indicator_name(meta),
        "unit": first_text(meta, UNIT_KEYS),
        "description": first_text(meta, DESCRIPTION_KEYS),
    }


def translated_texts(
    root: Path,
    indicator_id: str,
    mapping: dict[str, str],
    source_meta: dict,
    languages: list[str],
    translations: dict[str, Keys],
    report: ImportReport,
) -> list[dict]:
    """One row per language that translates the indicator's name, unit or description.
    `source_meta` is the source's metadata with its translation keys still unresolved."""
    rows = []
    for language in languages:
        keys = translations.get(language, {})
        own = resolve(indicator_metadata(root, indicator_id, mapping, report, (language,)), keys)
        found = indicator_fields(
            {**resolved_keys(source_meta, keys), **{name: v for name, v in own.items() if readable(v)}}
        )
        if any(found.values()):
            rows.append({"indicator_id": indicator_id, "language": language, **found})
    return rows


def texts_table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(schema.INDICATOR_TEXTS)).replace("", pd.NA)
    return schema.conform("indicator_texts", frame)


def sibling_texts(
    siblings: dict[str, Path], indicator_id: str, mapping: dict[str, str], translations: dict[str, Keys],
    report: ImportReport,
) -> list[dict]:
    """One row per other language folder of a build (`layout.build_languages`) whose metadata names,
    counts or describes the indicator: València's build read from `untranslated/` (names as keys)
    dropped the Spanish and Catalan names its `es/` and `ca/` folders hold."""
    rows = []
    for language, folder in sorted(siblings.items()):
        meta = resolve(indicator_metadata(folder, indicator_id, mapping, report, ("",)),
                       translations.get(language, {}))
        found = indicator_fields({name: value for name, value in meta.items() if readable(value)})
        if any(found.values()):
            rows.append({"indicator_id": indicator_id, "language": language, **found})
    return rows
