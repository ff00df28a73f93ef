"""Read an import's source files: each with its detected reader, a folder's data files once each, an
unreadable file reported while the others load."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import formats, languages, places, schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.progress import SILENT, Progress
from loaders.projects import draft as projects_draft
from loaders.report import INFO, WARNING, ImportReport, LoadError, listing
from loaders.spool import Spool
from loaders.versioning import source_key


def read_sources(
    paths: list[Path], options: ReadOptions, report: ImportReport, spool: Spool | None = None,
    progress: Progress = SILENT, known_places: set[str] | frozenset | None = frozenset(),
    store_places: pd.DataFrame | None = None,
) -> Bundle:
    """Read every path with its detected (or chosen) reader; an unreadable file is reported and
    the others still load. With a `spool`, files the streaming reader can take send their
    observations there batch by batch instead of into the bundle. A file given twice (itself and
    in its folder) is read once: read again, each of its rows would be a duplicate of itself.
    A project list's places are looked for among `store_places` (the store's) first, by id or name,
    so that its projects join the pages of the places the store has."""
    bundle = Bundle()
    seen: set[Path] = set()
    read_as: set[str] = set()
    project_ids: dict[str, str] = {}
    files = folder_files(list(map(Path, paths)), options)
    given = {path.resolve() for path in files}
    for path in files:
        if path.resolve() in seen:
            report.add(path, "given more than once: read once", severity=WARNING)
            continue
        seen.add(path.resolve())
        counted = set(report.counts)
        try:
            if not path.exists():
                raise LoadError(f"{path} does not exist.")
            if options.kind == "projects":
                from loaders.projects import reader as module
            elif options.format:
                module = formats.reader(options.format)
            else:
                module = detected(path, options, given, report)
                if module is None:
                    continue
            part = None
            if spool is not None and module.NAME == "mapped":
                from loaders.mapped import stream

                part = stream.read(path, report, options, spool, source_key(path), progress)
            if part is None and options.kind == "projects":
                part = module.read_projects(path, report, options, store_places, earlier=project_ids)
            if part is None:
                part = module.read(path, report, options)
                if module.NAME == "boundaries":
                    part = module.onto_store_places(part, store_places, report, path)
                if len(part.observations):
                    part.observations["imported_from"] = source_key(path)
                    if spool is not None:
                        number_rows(part, path, spool)
            if spool is not None and not partly_unread(report, counted, path):
                spool.sources.add(source_key(path))
        except LoadError as error:
            forget_counts(report, counted, path)
            report.unreadable(path, str(error))
            continue
        except (ValueError, KeyError, TypeError, OSError, UnicodeError) as error:
            forget_counts(report, counted, path)
            report.unreadable(path, f"{path.name} could not be read: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - one file's crash is its reason, not the folder's end
            # an SDSN table in UTF-16 raised csv's 'new-line character seen in unquoted field' and the
            # whole folder's import stopped without naming the file
            forget_counts(report, counted, path)
            report.unreadable(path, f"{path.name} could not be read ({type(error).__name__}: {error})")
            continue
        read_as.add(module.NAME)
        part.sources = part.sources or [{"file": str(path), "format": module.NAME}]
        mark_source_language(part, options, report, path)
        rename_indicators(part, options.rename)
        bundle = bundle.combine(part)
    if options.indicator_meta is not None:
        given_meta(bundle, options.indicator_meta, report)
    if options.boundaries is not None and read_as and "opensdg" not in read_as:
        report.add(str(options.boundaries), "--boundaries is read beside an Open SDG site only, and was not "
                   f"read with {listing(sorted(read_as))} files: import the boundary file itself (city-sdg "
                   f"import {Path(options.boundaries).name} --place CITY --country CODE)", severity=WARNING)
    return bundle if known_places is None else complete_places(bundle, report, known_places)


def partly_unread(report: ImportReport, counted: set[str], path: Path) -> bool:
    """Whether a folder source read now left some of its files unread (an indicator's CSV turned
    UTF-16): then its rows stored before stay (said in the report), as an append would leave them;
    replacing the source's rows removed that file's values, though only it had failed."""
    unread = [key for key in set(report.counts) - counted if report.counts[key].unreadable]
    if not unread or not path.is_dir():
        return False
    report.add(path, f"{len(unread)} of its files could not be read (above): the rows this source brought "
               "before are kept, none removed; import it again once they are fixed", severity=WARNING)
    return True


def forget_counts(report: ImportReport, counted: set[str], path: Path) -> None:
    """A source that failed as a whole imports nothing: the row counts its files and sheets got
    while it was read (an Open SDG site refused for want of --place, after reading its 2,129 rows)
    go, so that the report does not say "2129 rows read, 2129 kept" above "nothing was imported".
    Its issues stay: they describe its files."""
    for key in set(report.counts) - counted - {str(path)}:
        del report.counts[key]


def detected(path: Path, options: ReadOptions, given: set[Path], report: ImportReport):
    """The reader of `path`; None for a table that another file of this import reads as its part
    (reported as such, `formats.undetected`); a LoadError when nothing reads it."""
    try:
        return formats.detect(path, options.mapping)
    except LoadError:
        read_with = formats.undetected(path, given)
        if read_with is None and path.is_file() and projects_draft.is_project_list(path):
            raise LoadError(f"{path.name} is a list of projects (titles and SDG tags): import it with "
                            f"--kind projects and a mapping file; 'city-sdg mapping draft {path.name}' "
                            "writes a starter one.") from None
        if read_with is None:
            raise
        report.add(path, read_with, severity=INFO)
        return None


def given_meta(bundle: Bundle, path: Path, report: ImportReport) -> None:
    """--indicator-meta: the file's metadata on the bundle's indicators; a file that cannot be read
    is reported, and the import goes on with the sources' own metadata."""
    from loaders import indicator_meta

    try:
        indicator_meta.apply(bundle, indicator_meta.read(Path(path), report), Path(path), report)
    except LoadError as error:
        report.unreadable(path, str(error))


def complete_places(bundle: Bundle, report: ImportReport, known_places=frozenset()) -> Bundle:
    """Countries, regions and gazetteer facts for the bundle's places not already stored."""
    if len(bundle.places):
        known = bundle.places["place_id"].isin(known_places).to_numpy(bool)
        fresh = places.harmonise(bundle.places[~known], report, "places")
        stored = schema.conform("places", bundle.places[known])
        bundle.places = pd.concat([fresh, stored], ignore_index=True) if known.any() else fresh
    return bundle


DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".geojson", ".xml", ".zip",
                 ".shp", ".gpkg"}
"""Files of a plain folder that are tried with the readers (others, such as README.md, are skipped)."""


def folder_files(paths: list[Path], options: ReadOptions) -> list[Path]:
    """Each path as given, except a folder that no reader takes as a whole (an Open SDG
    repository is one): it stands for the data files in it and its subfolders, each read with
    its own detected format and reported on its own. A folder of project lists stands for its
    files, each read with the mapping."""
    expanded: list[Path] = []
    for path in paths:
        if not path.is_dir() or options.format or (options.kind != "projects"
                                                   and whole_folder(path, options)):
            expanded.append(path)
            continue
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in DATA_SUFFIXES
                       and not any(part.startswith(".") for part in f.relative_to(path).parts))
        expanded += files or [path]
    return expanded


def whole_folder(path: Path, options: ReadOptions) -> bool:
    try:
        formats.detect(path)  # with --mapping, the mapping applies to each file of the folder
    except LoadError:
        return False
    return True


def mark_source_language(bundle: Bundle, options: ReadOptions, report: ImportReport, path: Path) -> None:
    """Indicators whose reader did not say otherwise are in --language; without it, in the language
    their names are clearly written in (`languages.guess`: SDSN's Benin workbook writes French), said
    in the report, else English. Projects likewise, from their titles and summaries."""
    if len(bundle.projects):
        mark_projects_language(bundle, options, report, path)
    if not len(bundle.indicators):
        return
    stated = bundle.indicators.get("language", pd.Series(pd.NA, index=bundle.indicators.index))
    stated = stated.astype("string")
    language = options.language
    if not options.language_stated and stated.isna().any():
        found = languages.guess(bundle.indicators.loc[stated.isna().to_numpy(bool), "name"])
        if found is not None and found != language:
            language = found
            report.add(path, f"indicator names read as written in {languages.NAMES[found]} ({found}), from "
                       "their words; give --language to say otherwise", severity=INFO)
    bundle.indicators["language"] = stated.fillna(language)


def mark_projects_language(bundle: Bundle, options: ReadOptions, report: ImportReport, path: Path) -> None:
    """The language of a project list's titles and summaries: --language, else the one their words
    are clearly written in (Global Goals Berlin's German), said in the report, else not known (left
    empty: an Italian list marked English would be read in an English voice on every page)."""
    language = options.language if options.language_stated else None
    if language is None:
        projects = bundle.projects
        language = languages.guess([*projects["title"].tolist(), *projects["summary"].tolist()])
        if language is not None and language != options.language:  # English, the default: unsaid
            report.add(path, f"project titles and summaries read as written in {languages.NAMES[language]} "
                       f"({language}), from their words; give --language to say otherwise", severity=INFO)
    bundle.projects["language"] = pd.Series(language, index=bundle.projects.index, dtype="string")


def rename_indicators(bundle: Bundle, rename: dict[str, str]) -> None:
    """--rename OLD=NEW also applies to indicator ids, whatever the format (two Open SDG sites
    that both say '11-1-1' can be kept apart)."""
    if not rename:
        return
    for table in (bundle.indicators, bundle.indicator_texts, bundle.observations):
        if len(table):
            table["indicator_id"] = table["indicator_id"].replace(rename)


def number_rows(part: Bundle, path: Path, spool: Spool) -> None:
    """The observations of a file read whole get its spool number, given as files are read: the
    first file to bring a key keeps it, and a later file's row is reported against its line. The
    file's value column is kept once, for the report, not on every row."""
    number = spool.file_number(str(path))
    observations = part.observations
    headers = observations["column"].dropna().unique() if "column" in observations else []
    spool.file_columns(number, str(headers[0]) if len(headers) == 1 else "")
    part.observations = observations.drop(columns="column", errors="ignore").assign(_file=number)
