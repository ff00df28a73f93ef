"""Import: read source files, harmonise and check them, merge into a new store version."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders import formats, languages, places, schema
from loaders.bundle import WHERE, Bundle
from loaders.memory import give_back_free_memory
from loaders.options import ReadOptions
from loaders.progress import SILENT, Progress
from loaders.projects import draft as projects_draft
from loaders.report import INFO, REJECTED, WARNING, ImportReport, LoadError, listing
from loaders.same_cities import same_cities
from loaders.serving.layout import write_layout
from loaders.spool import Spool
from loaders.store import Store, StoreData
from loaders.stored_places import keep_stored
from loaders.versioning import (
    Clock,
    source_key,
    version_meta,
    write_boundaries,
    write_observations,
    write_scores,
)


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


def check_references(bundle: Bundle, known: StoreData | None, report: ImportReport) -> Bundle:
    """Observations must name a known place and indicator: the bundle's or the store's."""
    place_ids = set(bundle.places["place_id"].dropna())
    indicator_ids = set(bundle.indicators["indicator_id"].dropna())
    if known is not None:
        place_ids |= set(known.places["place_id"].dropna())
        indicator_ids |= set(known.indicators["indicator_id"].dropna())
    obs = bundle.observations
    bad_place = ~obs["place_id"].isin(place_ids)
    bad_indicator = ~obs["indicator_id"].isin(indicator_ids)
    for mask, column, what in (
        (bad_place, "place_id", "place"),
        (bad_indicator, "indicator_id", "indicator"),
    ):
        for value, count in obs.loc[mask, column].value_counts(dropna=False).items():
            report.add(
                "validation",
                f"{count} observations refer to unknown {what} '{value}'",
                column=column,
                value=value,
                severity=REJECTED,
            )
    bundle.observations = obs[~(bad_place | bad_indicator)].reset_index(drop=True)
    orphans = ~bundle.projects["place_id"].isin(place_ids)
    for value, count in bundle.projects.loc[orphans, "place_id"].value_counts(dropna=False).items():
        report.add("validation", f"{count} projects refer to unknown place '{value}'",
                   column="place_id", value=value, severity=REJECTED)
    bundle.projects = bundle.projects[~orphans].reset_index(drop=True)
    texts = bundle.indicator_texts
    untied = ~texts["indicator_id"].isin(indicator_ids)
    for value, count in texts.loc[untied, "indicator_id"].value_counts(dropna=False).items():
        report.add("validation", f"{count} indicator translations refer to unknown indicator "
                   f"'{value}'", column="indicator_id", value=value, severity=REJECTED)
    bundle.indicator_texts = texts[~untied].reset_index(drop=True)
    if known is not None:
        warn_redefined_indicators(bundle.indicators, known.indicators, report)
    missing_goal = bundle.indicators["goal"].isna()
    for value in bundle.indicators.loc[missing_goal, "indicator_id"]:
        report.add("validation", "indicator has no SDG goal", column="goal", value=value,
                   severity=WARNING)
    return bundle


def warn_redefined_indicators(
    incoming: pd.DataFrame, stored: pd.DataFrame, report: ImportReport
) -> None:
    """Same indicator id, different name or unit: the new metadata will replace the stored one
    for every place, so say so (two Open SDG sites may both call an indicator '11-1-1')."""
    both = incoming.merge(stored, on="indicator_id", suffixes=("", "_stored"))
    for column in ("name", "unit"):
        new = both[column].astype("string").fillna("")
        old = both[f"{column}_stored"].astype("string").fillna("")
        for row in both[(new != old) & (old != "") & (new != "")].itertuples(index=False):
            report.add("validation", f"indicator '{row.indicator_id}' already exists with {column} "
                       f"'{getattr(row, column + '_stored')}'; the new {column} replaces it for "
                       "every place (rename with --rename OLD=NEW to keep both)",
                       column=column, value=getattr(row, column), severity=WARNING)


def merge(
    current: StoreData | None, bundle: Bundle, only: tuple[str, ...] | None = None
) -> dict[str, pd.DataFrame]:
    """The store's tables with the bundle's rows added; on a repeated key the bundle wins,
    but a value the bundle leaves empty keeps the stored one. Observations and translations
    are replaced row by row, and an indicator the bundle gives a new name loses its old translations."""
    merged = {}
    for table, key in schema.PRIMARY_KEYS.items():
        if only is not None and table not in only:
            continue
        new = schema.conform(table, getattr(bundle, table))
        old = current.tables.get(table) if current is not None else None
        old = schema.conform(table, old if old is not None else schema.empty(table))
        if table == "indicator_texts":
            old = old[~old["indicator_id"].isin(redefined_indicators(current, bundle))]
        if not len(old):
            merged[table] = new.drop_duplicates(key, keep="last").reset_index(drop=True)
            continue
        if table in ("observations", "indicator_texts"):
            both = pd.concat([old, new], ignore_index=True)
            merged[table] = both.drop_duplicates(key, keep="last").reset_index(drop=True)
            continue
        new = new.drop_duplicates(key, keep="last").set_index(key)
        combined = new.combine_first(old.set_index(key)).reset_index()
        merged[table] = schema.conform(table, combined)
    return merged


def redefined_indicators(current: StoreData | None, bundle: Bundle) -> set[str]:
    """Stored indicators whose name the bundle changes: their stored translations name the
    old indicator, so they go (the bundle's own translations, if any, replace them)."""
    stored = current.tables.get("indicators") if current is not None else None
    if stored is None or not len(bundle.indicators):
        return set()
    both = bundle.indicators.merge(stored, on="indicator_id", suffixes=("", "_stored"))
    new, old = (both[c].astype("string").fillna("") for c in ("name", "name_stored"))
    return set(both.loc[(new != "") & (new != old), "indicator_id"])


SMALL = ("places", "indicators", "indicator_texts", "projects")
"""Tables an import holds in memory; observations and scores are streamed."""


def derived_tables(tables: dict[str, pd.DataFrame], options: dict) -> dict[str, pd.DataFrame]:
    """Scores computed once per version, so pages never recompute them per request."""
    try:
        from loaders.scoring import score_store
    except ImportError:
        return {}
    return score_store(tables["places"], tables["indicators"], tables["observations"], options)


def import_files(
    store: Store, paths: list[Path], options: ReadOptions, note: str = "",
    progress: Progress = SILENT,
) -> tuple[ImportReport, str | None]:
    """Read, check and write a new version. Returns the report and the new version (None when
    nothing was kept, in which case the store is untouched)."""
    with store.lock():
        try:
            return import_locked(store, paths, options, note, progress)
        finally:
            progress.close()


def write_published(current: StoreData | None, bundle: Bundle, draft, previous: Path | None) -> None:
    """The source's own published results (SDSN's goal colours and index), as `published_<table>`: a
    new import's rows replace the earlier ones of the same places and years; others are kept."""
    for name in ("goal_scores", "index"):
        table = f"published_{name}"
        before = current.tables.get(table) if current is not None else None
        if before is None and previous is not None and (previous / f"{table}.parquet").is_file():
            before = pd.read_parquet(previous / f"{table}.parquet")
        new = bundle.published.get(name)
        if new is None or new.empty:
            if before is not None:
                draft.link(table, previous)
            continue
        new = new.assign(place_id=new["place_id"].astype("string"), year=new["year"].astype(int))
        keys = [column for column in ("place_id", "goal", "year") if column in new]
        new = new.drop_duplicates(keys, keep="last")  # one index in two files (its CSV and its JSON)
        if before is not None and len(before):
            replaced = (before["place_id"].astype("string").isin(new["place_id"])
                        & before["year"].isin(new["year"]))
            new = pd.concat([before[~replaced], new], ignore_index=True)
        draft.put(table, new.reset_index(drop=True))


def report_directions(found: pd.DataFrame, report: ImportReport, brought: set[str]) -> None:
    """A warning for each indicator the import brings (`brought`) that is scored without a stated
    direction (`found`'s indicator_id, direction and direction_source, as the bounds table holds
    them): one read as 'lower is better' from words in its name, or one assumed 'higher is better'.
    A source that states none (an Open SDG site) had its food insecurity scored the wrong way round,
    and the import said nothing."""
    if not brought:
        return
    for indicator, direction, source in found[["indicator_id", "direction", "direction_source"]].itertuples(
            index=False):
        if str(indicator) not in brought:
            continue
        if source == "name":
            reason = (f"indicator '{indicator}' states no direction: scored as lower is better, read from "
                      "words in its name; state `direction` (--indicator-meta, or the mapping) to be sure")
        elif source == "assumed":
            reason = (f"indicator '{indicator}' states no direction, and neither its bounds nor its "
                      "name tell: scored as higher is better; state `direction` (--indicator-meta, or the "
                      "mapping)")
        else:
            continue
        report.add("(scoring)", reason, column="direction", value=direction, severity=WARNING)


HALF_BOUNDS_LISTED = 10
"""Indicators with one stated bound listed one by one; past that, one warning counts them (a
codebook without a 'worst' column at all)."""


def report_half_bounds(indicators: pd.DataFrame, bounds: pd.DataFrame | None, report: ImportReport,
                       brought: set[str]) -> None:
    """A warning for each indicator the import brings that states one bound and not the other: the
    missing one is taken from the data (the mean of the five best latest values, or their 2.5th
    percentile from the worst end), so its scores rest on the source's bound at one end and this
    dashboard's at the other. A codebook without a 'worst' column scored that way and said nothing.
    `bounds` (the bounds table scoring wrote) gives the value taken; `validate`, which scores
    nothing, passes None."""
    if not brought or indicators.empty or not {"best", "worst"} <= set(indicators.columns):
        return
    meta = indicators.drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    best, worst = (pd.to_numeric(meta[c], errors="coerce") for c in ("best", "worst"))
    ours = meta.index.astype(str).isin(brought)
    half = meta.index[(best.isna() != worst.isna()).to_numpy(dtype=bool) & ours]
    if not len(half):
        return
    if len(half) > HALF_BOUNDS_LISTED:
        given = "best" if best[half].notna().all() else "worst" if worst[half].notna().all() else "one bound"
        first = ", ".join(map(str, half[:3]))
        report.add("(scoring)", f"{len(half)} indicators state their {given} but not the other bound "
                   f"(first: {first}): the other is taken from the data (the mean of the five best latest "
                   "values, or their 2.5th percentile from the worst end), so these scores rest on one "
                   "bound of the source's and one of this dashboard's; state both (--indicator-meta, or the "
                   "mapping)",
                   column="bounds", severity=WARNING)
        return
    used = (bounds if bounds is not None else pd.DataFrame({"indicator_id": [], "best": [], "worst": []}))
    used = used.set_index("indicator_id").reindex(half)
    for indicator in half:
        given, taken = ("best", "worst") if pd.notna(best[indicator]) else ("worst", "best")
        value, found = (best if given == "best" else worst)[indicator], used.at[indicator, taken]
        how = ("the mean of the five best latest values" if taken == "best"
               else "the 2.5th percentile from the worst end of the latest values")
        from_data = (f"the {taken} is taken from the data ({how})" if bounds is None
                     else f"the {taken} is taken from the data ({found:.15g}, {how})" if pd.notna(found)
                     else f"the data give no {taken} either, so it is not scored")
        report.add("(scoring)", f"indicator '{indicator}' states its {given} ({value:.15g}) but not its "
                   f"{taken}: {from_data}; state both (--indicator-meta, or the mapping)",
                   column=taken, value=indicator, severity=WARNING)


PERCENT_UNIT = re.compile(
    r"%|\b(?:per ?cent|percentage|porcentaje|por ciento|pourcentage|pour cent|prozent)\b", re.IGNORECASE)
"""A unit (in any language the source gives) that says its values are percentages."""


def report_percent_units(tables: dict[str, pd.DataFrame], observations: Path, report: ImportReport,
                         brought: set[str]) -> None:
    """A warning for each indicator the import brings whose unit says percent, in any of its
    languages, while its values go past 100: València's Spanish pages said "61.152 en 2009
    (Porcentaje)" of the unemployed, counted in people, and nothing told the publisher."""
    import pyarrow.parquet as pq

    units = [frame[["indicator_id", "unit"]] for name in ("indicators", "indicator_texts")
             if (frame := tables.get(name)) is not None and len(frame) and "unit" in frame]
    if not brought or not units or not observations.is_file():
        return
    named = pd.concat(units, ignore_index=True).dropna()
    named = named[named["unit"].astype(str).str.contains(PERCENT_UNIT)
                  & named["indicator_id"].astype(str).isin(brought)]
    if named.empty:
        return
    wanted = sorted(set(named["indicator_id"].astype(str)))
    table = pq.read_table(observations, columns=["indicator_id", "value"],
                          filters=[("indicator_id", "in", wanted)])
    if not table.num_rows:
        return
    highest = table.group_by("indicator_id").aggregate([("value", "max")]).to_pandas()
    for indicator, top in zip(highest["indicator_id"].astype(str), highest["value_max"], strict=True):
        if pd.notna(top) and top > 100.5:
            said = ", ".join(sorted(set(named.loc[named["indicator_id"].astype(str) == indicator, "unit"]
                                        .astype(str))))
            report.add("(units)", f"indicator '{indicator}' is in {said}, but its values reach {top:,.15g}: "
                       "the unit may be wrong (a count or an amount named a percentage), and pages write it "
                       "beside each value; correct the unit (--indicator-meta, or the source)",
                       column="unit", value=indicator, severity=WARNING)


def number_rows(part: Bundle, path: Path, spool: Spool) -> None:
    """The observations of a file read whole get its spool number, given as files are read: the
    first file to bring a key keeps it, and a later file's row is reported against its line. The
    file's value column is kept once, for the report, not on every row."""
    number = spool.file_number(str(path))
    observations = part.observations
    headers = observations["column"].dropna().unique() if "column" in observations else []
    spool.file_columns(number, str(headers[0]) if len(headers) == 1 else "")
    part.observations = observations.drop(columns="column", errors="ignore").assign(_file=number)


def spool_files_read_whole(spool: Spool, observations: pd.DataFrame) -> None:
    """The checked observations of the files read whole, each under its number (`number_rows`),
    with its lines, so that a repeated key is reported the same whichever way each file was read."""
    if not len(observations):
        return
    for number, rows in observations.groupby("_file", sort=False):
        spool.add(rows.drop(columns=["_file", *WHERE], errors="ignore"), int(number), rows.get("line"))


def import_locked(
    store: Store, paths: list[Path], options: ReadOptions, note: str = "",
    progress: Progress = SILENT,
) -> tuple[ImportReport, str | None]:
    report = ImportReport()
    current = store.read(only=SMALL) if store.exists() else None
    previous = store.version_dir(current.version) if current is not None else None
    clock = Clock()
    with store.draft() as draft:
        spool = Spool(draft.folder / ".spool")
        known = set(current.places["place_id"].dropna()) if current is not None else frozenset()
        bundle = read_sources(paths, options, report, spool, progress, None,
                              store_places=current.places if current is not None else None)
        clock("read")
        bundle = complete_places(bundle, report, known)
        spool.renamed.update(same_cities(bundle, current.places if current is not None else None, report))
        clock("places")
        bundle = check_references(bundle, current, report)
        bundle.places = keep_stored(bundle.places, current.places if current is not None else None, report)
        spool_files_read_whole(spool, bundle.observations)
        bundle.observations = schema.empty("observations")  # spooled: not held through the merge and scoring
        kept = spool.rows + sum(len(getattr(bundle, t)) for t in SMALL)
        if kept == 0 or report.rows_kept == 0:  # a header-only file still names a place and an indicator
            return report, None
        tables = merge(current, bundle, SMALL)
        clock("check")
        changed = write_observations(spool, previous, draft, report, options, progress)
        clock("observations")
        for name, frame in tables.items():
            same = current is not None and (previous / f"{name}.parquet").is_file() \
                and frame.equals(schema.conform(name, current.tables[name]))
            draft.link(name, previous) if same else draft.put(name, frame)
            changed |= not same and name in ("places", "indicators")
        source_options = {**(current.meta.get("options", {}) if current else {}), **bundle.options}
        if options.goal_colour_rule:
            source_options["goal_colour_rule"] = options.goal_colour_rule
        changed |= current is None or source_options != current.meta.get("options", {})
        clock("tables")
        scoring = write_scores(tables, source_options, draft, previous, changed, progress)
        brought = set(bundle.indicators["indicator_id"].astype(str)) if len(bundle.indicators) else set()
        bounds = draft.folder / "bounds.parquet"
        if bounds.is_file():
            used = pd.read_parquet(bounds, columns=["indicator_id", "direction", "direction_source", "best",
                                                    "worst"])
            report_directions(used, report, brought)
            report_half_bounds(tables["indicators"], used, report, brought)
        report_percent_units(tables, draft.folder / "observations.parquet", report, brought)
        clock("scoring")
        give_back_free_memory()  # what scoring freed, before two threads write the serving copies
        # the serving copies, timed here (commit finds them written)
        write_layout(draft.folder, progress=progress.stage("writing serving copies", "files"))
        clock("layout")
        write_boundaries(current, bundle, draft, previous)
        write_published(current, bundle, draft, previous)
        meta = version_meta(current, bundle, report, source_options, note)
        meta.update(scoring=scoring, seconds=clock.laps, cpu_seconds=clock.cpu)
        version = draft.commit(meta)
    report.write_csv(store.version_dir(version) / "import_report.csv")
    return report, version
