"""Reader for lists of innovation projects (CSV, Excel, JSON) described by a YAML mapping file.

Every record is kept or rejected with its line and reason (rows read = kept + rejected); what
is only partly understood is kept and reported as a warning. See docs/projects.md.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.projects import mapping as projects_mapping
from loaders.projects import source as projects_source
from loaders.projects.mapping import ProjectMapping
from loaders.projects.parse import money_decimal
from loaders.projects.places import PlaceFinder
from loaders.projects.rows import Row, RowReader
from loaders.report import INFO, ImportReport, LoadError, listing

NAME = "projects"


def sniff(path: Path) -> bool:
    """Never by content: project lists are imported with their mapping file."""
    return False


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    """The format-reader interface of loaders.formats."""
    return read_projects(path, report, options)


def read_projects(
    path: Path, report: ImportReport, options: ReadOptions, known_places: pd.DataFrame | None = None,
    earlier: dict[str, str] | None = None,
) -> Bundle:
    """Read a project list with the mapping file `options.mapping`.

    `known_places` (the store's places) are matched first by place_id or name, before the
    gazetteer. `earlier` holds the ids that files read before this one in the same import kept,
    with where ("masterlist.csv line 4"): a row repeating one is rejected as its duplicate, as
    within a file, and the ids this file keeps are added to it. Raises LoadError (one sentence)
    when the file or the mapping cannot be used.
    """
    path = Path(path)
    if options.mapping is None:
        raise LoadError(f"{path.name} needs a mapping file (--mapping) to be read as a project list.")
    spec = projects_mapping.load(options.mapping, options)
    frame = projects_source.read_table(path, spec, report)
    columns = projects_source.resolve(spec, list(frame.columns), path)
    note_unused(frame, columns, spec, report, path)
    finder = PlaceFinder(known_places, spec.source or path.name)
    reader = RowReader(spec, columns, finder)
    reader.money_decimal = budget_decimal(frame, columns, spec, report, path)
    rows = [reader.read(record) for record in frame.to_dict("records")]
    reject_duplicates(rows, path.name, earlier if earlier is not None else {})
    kept = [row for row in rows if not row.rejected]
    counts = report.count(path)
    counts.rows_read += len(rows)
    counts.rows_kept += len(kept)
    counts.rows_rejected += len(rows) - len(kept)
    for issue in (issue for row in rows for issue in row.issues):
        report.add(path, issue["reason"], line=issue["line"], column=issue["column"],
                   value=issue["value"], severity=issue["severity"])  # fmt: skip
    projects = make_projects(kept)
    return Bundle(
        places=make_places(finder, projects),
        projects=projects,
        sources=[{"file": str(path), "format": NAME, "mapping": str(spec.path),
                  "source": spec.source or path.name}],
    )  # fmt: skip


def budget_decimal(frame: pd.DataFrame, columns: dict[str, list[str]], spec: ProjectMapping,
                   report: ImportReport, path: Path) -> str | None:
    """The budgets' decimal mark: the mapping's `decimal`, else the budget column's own
    (`parse.money_decimal`); dot groups read as thousands ('150.000' = 150,000) are reported."""
    if spec.decimal is not None or not columns.get("budget"):
        return spec.decimal
    column = columns["budget"][0]
    decimal, inferred = money_decimal(frame[column])
    if inferred:
        report.add(path, "budgets such as '150.000' read with dots between thousands (150,000); give "
                   "decimal: '.' in the mapping if the dots are decimal points", column=column, severity=INFO)
    return decimal


def note_unused(
    frame: pd.DataFrame, columns: dict[str, list[str]], spec: ProjectMapping, report: ImportReport, path: Path
) -> None:
    used = {c for found in columns.values() for c in found}
    unused = [c for c in frame.columns if not c.startswith("_") and c not in used]
    if unused:
        report.add(path, f"columns not used by the mapping: {listing(unused)}", severity=INFO)
    if "budget" in spec.fields and spec.rates is None:
        reason = "no rate table ('rates:' in the mapping): budget_usd is filled for USD budgets only"
        report.add(path, reason, column="budget", severity=INFO)


def reject_duplicates(rows: list[Row], name: str = "", earlier: dict[str, str] | None = None) -> None:
    """The first row with an id is kept; later ones are rejected, naming the first line (of this
    file, or of an earlier file of the import: `earlier`, to which this file's ids are added)."""
    earlier = {} if earlier is None else earlier
    first: dict[str, int] = {}
    for row in rows:
        if row.rejected:
            continue
        project_id = row.values["project_id"]
        if project_id in first:
            row.reject("project_id", project_id, f"duplicate of line {first[project_id]}")
        elif project_id in earlier:
            row.reject("project_id", project_id, f"duplicate of {earlier[project_id]}")
        else:
            first[project_id] = row.line
    earlier.update({project_id: f"{name} line {line}" for project_id, line in first.items()})


def make_projects(kept: list[Row]) -> pd.DataFrame:
    if not kept:
        return schema.empty("projects")
    table = pd.DataFrame([row.values for row in kept])
    return schema.conform("projects", table)


def make_places(finder: PlaceFinder, projects: pd.DataFrame) -> pd.DataFrame:
    """The places the kept projects use, with the raw `country` for places.harmonise."""
    used = [finder.rows[p] for p in dict.fromkeys(projects["place_id"].dropna())]
    if not used:
        return schema.empty("places").assign(country=pd.Series(dtype="string"))
    table = pd.DataFrame(used)
    country = table["country"] if "country" in table else pd.Series(pd.NA, index=table.index)
    return schema.conform("places", table).assign(country=country.astype("string").to_numpy())
