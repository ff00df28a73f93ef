"""A municipal SDG atlas published as several tables joined on one key (SDSN Bolivia's atlas as
kept in ds4bolivia): raw 'sdgN_x' variables, a names table (municipality, department) in a sibling
folder, a variable dictionary in the README beside the values, and the published indices."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from loaders import places, schema
from loaders.bundle import Bundle
from loaders.codes import goal_in_id
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.sdsn import checks
from loaders.sdsn.columns import classify
from loaders.sdsn.common import count_rows, edition_year, fold, melt_cells, numbers
from loaders.sdsn.units import country_in_texts
from loaders.textio import LINE, read_text, report_trailing

VARIABLE = re.compile(r"^sdg\d{1,2}_\w+$", re.I)
DICTIONARY_ROW = re.compile(r"^\|\s*\*{0,2}(?P<code>[\w.]+)\*{0,2}\s*\|\s*(?P<text>[^|]+?)\s*\|\s*$")
NAME_WORDS = ("mun", "municipality", "municipio", "name", "city", "nombre")
REGION_WORDS = ("dep", "department", "departamento", "region", "state", "province")


def key_column(columns: list[str]) -> str | None:
    """The join key: the first column named like an id ('asdf_id', 'id', 'mun_id')."""
    return next((c for c in columns if fold(c) in ("id", "key") or fold(c).endswith(" id")), None)


def is_atlas(columns: list[str]) -> bool:
    return key_column(columns) is not None and sum(bool(VARIABLE.match(c)) for c in columns) >= 10


def around(folder: Path) -> list[Path]:
    """CSV files in the folder and in the folders beside it."""
    return sorted(set(folder.glob("*.csv")) | set(folder.parent.glob("*/*.csv")))


def siblings(path: Path) -> list[Path]:
    """CSV files next to the file and one folder level around it."""
    return [p for p in around(path.parent) if p != path]


def dictionary(path: Path) -> dict[str, str]:
    """{code: description} from markdown table rows ('| **sdg1_1_ubn** | Unsatisfied ... |')."""
    out: dict[str, str] = {}
    for readme in sorted(path.parent.glob("*.md")):
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
            match = DICTIONARY_ROW.match(line.strip())
            if match:
                out[match["code"]] = match["text"]
    return out


def names_file(path: Path, key: str) -> tuple[Path, pd.DataFrame] | None:
    """The sibling table with the same key and a place-name column, and its path."""
    for other in siblings(path):
        frame = read_text(other).frame
        if key in frame.columns and any(fold(c) in NAME_WORDS for c in frame.columns):
            return other, frame
    return None


def results_file(path: Path, key: str) -> tuple[Path, pd.DataFrame] | None:
    """The sibling table with the same key and published index columns, and its path."""
    for other in siblings(path):
        frame = read_text(other).frame
        if key in frame.columns and len(classify([c for c in frame.columns], [])) >= 5:
            return other, frame
    return None


def names_table(path: Path, key: str) -> pd.DataFrame | None:
    found = names_file(path, key)
    return None if found is None else found[1]


def results_table(path: Path, key: str) -> pd.DataFrame | None:
    found = results_file(path, key)
    return None if found is None else found[1]


COMPANION_ROLES = ((names_file, "the names of its places"), (results_file, "the indices it publishes"))
"""What an atlas reads from the tables beside its values file, in words for the import report."""


def companion_role(atlas: Path, key: str, path: Path) -> str | None:
    """What the atlas values file `atlas` reads from `path` beside it, or None."""
    return companions(str(atlas.resolve()), key, atlas.stat().st_mtime_ns).get(str(path.resolve()))


@functools.lru_cache(maxsize=256)
def companions(atlas: str, key: str, _modified: int) -> dict[str, str]:
    """{resolved path: role} of the tables the atlas values file reads beside it: found once per
    file and version of it, as a folder of many tables asks for each of them."""
    found = {}
    for find, role in COMPANION_ROLES:
        hit = find(Path(atlas), key)
        if hit is not None:
            found.setdefault(str(hit[0].resolve()), role)
    return found


def atlas_places(frame: pd.DataFrame, key: str, path: Path, report: ImportReport, country: str | None):
    names = names_table(path, key)
    if names is None:
        raise LoadError(f"{path.name}: no table beside it names the places of its '{key}' column.")
    cols = list(names.columns)
    name = next(c for c in cols if fold(c) in NAME_WORDS)
    region = next((c for c in cols if fold(c) in REGION_WORDS), None)
    code = next(
        (c for c in cols if c != key and fold(c).endswith(" id") and fold(c).startswith(fold(name))), None
    )
    table = names.drop(columns=LINE).drop_duplicates(key).set_index(key)
    joined = frame[[key, LINE]].join(table, on=key)
    label = joined[name].fillna("").str.strip()
    parent = joined[region].fillna("").str.strip() if region else pd.Series("", index=frame.index)
    pid = pd.Series(
        [
            places.place_id("city", f"{n} {p}".strip(), country) if n else pd.NA
            for n, p in zip(label, parent, strict=True)
        ],
        index=frame.index,
        dtype="string",
    )
    for line, value in zip(frame.loc[label == "", LINE], frame.loc[label == "", key], strict=True):
        report.add(
            path, f"no name for this '{key}' in the names table", line=int(line), column=key, value=value
        )
    out = pd.DataFrame(
        {
            "place_id": pid,
            "name": label,
            "kind": "city",
            "country_iso3": country,
            "code": joined[code] if code else pd.NA,
            "un_region": pd.NA,
        }
    )
    out["area"] = parent.where(parent != "")
    return out, pid


def read_atlas(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    table = read_text(path)
    report_trailing(table, report)
    frame = table.frame
    columns = [c for c in frame.columns if c != LINE]
    key = key_column(columns)
    texts = [t for t in dictionary_texts(path)]
    country = places.country_iso3(options.country) if options.country else country_in_texts(texts)
    if country is None:
        report.add(path, "no country found in the README; give --country", severity=WARNING)
    place, pid = atlas_places(frame, key, path, report, country)
    pid = place["place_id"] = checks.reject_rows(pid, frame, frame[key], key, path, report, table.short_rows)
    count_rows(report, str(path), len(frame), int(pid.isna().sum()))
    words = dictionary(path)
    variables = [c for c in columns if VARIABLE.match(c)]
    population = next((c for c in columns if fold(c).startswith("population")), None)
    if population:
        place["population"] = pd.to_numeric(frame[population], errors="coerce").to_numpy()
    for column in [c for c in columns if c not in {*variables, key, population}]:
        report.add(path, "column not an SDG variable; not imported", column=column, severity=WARNING)
    meta = pd.DataFrame({"indicator_id": variables})
    meta["name"] = meta["indicator_id"].map(
        lambda c: re.sub(r",\s*(average\s*)?(19|20)\d\d.*?(?=\(|$)", " ", words.get(c, c)).strip()
    )
    meta["unit"] = meta["indicator_id"].map(lambda c: unit_of(words.get(c, "")))
    meta["goal"] = meta["indicator_id"].map(goal_in_id)
    meta["description"] = meta["indicator_id"].map(words)
    year = edition_year(path.name, " ".join(texts)) or 2020
    obs = numbers(melt_cells(frame, pid, {c: c for c in variables}), path, report)
    obs = obs.rename(columns={"key": "indicator_id"})
    data_years = (
        meta.set_index("indicator_id")["description"].astype("string").str.extract(r"((?:19|20)\d\d)\D*$")[0]
    )
    obs["year"] = pd.to_numeric(obs["indicator_id"].map(data_years), errors="coerce").fillna(year).astype(int)
    published = published_atlas(path, key, frame, pid, year)
    meta = directions_from_goal_scores(meta, obs, published["goal_scores"], path, report)
    bundle = Bundle(
        places=schema.conform(
            "places", place.dropna(subset=["place_id"]).drop_duplicates("place_id").assign(source="SDSN")
        ),
        indicators=schema.conform("indicators", meta.assign(source="SDSN")),
        observations=schema.conform("observations", obs.assign(source="SDSN", year_label="")),
        options={"edition_year": year},
    )
    return bundle, published


def directions_from_goal_scores(meta: pd.DataFrame, obs: pd.DataFrame, goal_scores: pd.DataFrame,
                                path: Path, report: ImportReport) -> pd.DataFrame:
    """Which way is better for each variable, from how its values rise or fall with the goal index
    the atlas publishes for its goal (`cities.infer_directions`), else from words in its name. The
    files state no direction, and 30 of Bolivia's 62 variables (unsatisfied basic needs, malaria
    incidence, school dropout...) were scored as if more were better: Carangas, where 97.6 % of
    people lack basic needs, had the best score of 339 municipalities."""
    from loaders.sdsn.cities import infer_directions

    if meta.empty:
        return meta
    scored = goal_scores.dropna(subset=["score"])[["place_id", "goal", "score"]]
    rated = obs[["place_id", "indicator_id", "value"]].merge(meta[["indicator_id", "name", "goal"]],
                                                             on="indicator_id")
    rated = rated.merge(scored, on=["place_id", "goal"], how="left").rename(columns={"score": "rank"})
    found = infer_directions(rated[["indicator_id", "name", "value", "rank"]],
                             "the published goal index")
    meta = meta.assign(direction=meta["indicator_id"].map(found["direction"]))
    for code, direction, how in zip(found.index, found["direction"], found["how"], strict=True):
        report.add(path, f"no direction stated: '{direction} is better' inferred from {how}", column=code,
                   severity=INFO if how.startswith("the published") else WARNING)
    return meta


def unit_of(text: str) -> str | None:
    found = re.findall(r"\(([^()]*)\)\s*$", text)
    return found[-1] if found else None


def dictionary_texts(path: Path) -> list[str]:
    lines = []
    for readme in sorted(path.parent.glob("*.md")):
        lines += [
            line for line in readme.read_text(encoding="utf-8", errors="replace").splitlines()[:12] if line
        ]
    return lines


def published_atlas(path: Path, key: str, frame: pd.DataFrame, pid: pd.Series, year: int) -> dict:
    """The published municipal index and goal indices, keyed like the scorer's tables."""
    results = results_table(path, key)
    cells = pd.DataFrame(columns=["place_id", "indicator_id", "year", "score", "colour", "arrow"])
    empty = {
        "indicator_scores": cells,
        "goal_scores": cells.rename(columns={"indicator_id": "goal"}),
        "index": pd.DataFrame(columns=["place_id", "year", "score", "rank"]),
    }
    if results is None:
        return empty
    kept = pid.notna()
    ids = dict(zip(frame.loc[kept, key], pid[kept], strict=True))  # a key's rejected second row maps nothing
    results = results.assign(place_id=results[key].map(ids)).dropna(subset=["place_id"])
    roles = classify([c for c in results.columns], [])
    goals = {c: k for c, (role, k) in roles.items() if role == "goal_score"}
    long = melt_cells(results.assign(_line=results[LINE]), results["place_id"], goals)
    goal_scores = pd.DataFrame(
        {
            "place_id": long["place_id"],
            "goal": long["key"].astype(int),
            "year": year,
            "score": pd.to_numeric(long["text"], errors="coerce"),
        }
    )
    index_col = next(
        (c for c in results.columns if fold(c) in ("imds", "index", "sdg index", "index score")), None
    )
    index = pd.DataFrame(
        {
            "place_id": results["place_id"],
            "year": year,
            "score": pd.to_numeric(results[index_col], errors="coerce") if index_col else pd.NA,
        }
    )
    index["rank"] = index["score"].rank(ascending=False, method="min")
    goal_scores = goal_scores.assign(colour=pd.NA, arrow=pd.NA)
    return {**empty, "index": index, "goal_scores": goal_scores}
