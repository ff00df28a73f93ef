"""Import: read source files, harmonise and check them, merge into a new store version."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.bundle import WHERE, Bundle
from loaders.import_checks import report_directions, report_half_bounds, report_percent_units
from loaders.memory import give_back_free_memory
from loaders.options import ReadOptions
from loaders.progress import SILENT, Progress
from loaders.report import REJECTED, WARNING, ImportReport
from loaders.same_cities import same_cities
from loaders.serving.layout import write_layout
from loaders.sources import complete_places, read_sources
from loaders.spool import Spool
from loaders.store import Store, StoreData
from loaders.stored_places import keep_stored
from loaders.versioning import (
    Clock,
    version_meta,
    write_boundaries,
    write_observations,
    write_scores,
)


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
