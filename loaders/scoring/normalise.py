"""Bounds (from metadata, or computed from the data) and the 0-100 normalised score."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from loaders.scoring.panel import Panel

TOP_N = 5
WORST_QUANTILE = 0.025

LOWER_IS_BETTER = re.compile(
    r"mortality|death|fatalit|homicid|poverty|depriv|unemploy|obes|smok|waste|emission|co2|"
    r"pm2\.?5|pollut|nox|burglar|robber|crime|\bgap\b|gini|overburden|early leavers|neet|sealing|"
    r"slavery|prison|detain|insecurity|homeless|rough sleep|hunger|undernourish|malnutrition|"
    r"stunting|violence|slum|eutrophic|not in employment|incidence|infestation|"
    r"adolescent (?:fertility|birth)|drop-?out|vulnerab|deforest|zero consumption|"
    # read in real files whose names said so and were scored the wrong way round (Nepal's and Los
    # Angeles' Open SDG sites, SDSN's US states, Bolivia's atlas)
    r"unsatisfied|unmet need|stunted|wasted|wasting|overweight|underweight|standard deviations|"
    r"infections?\b|neglected tropical|alcohol|tobacco|large household expenditure|out[- ]of[- ]pocket|"
    r"married or in a union before|child marriage|child labou?r|informal employment|not in education|"
    r"punishment|psychological aggression|incarcerat|\bjail|overcrowd|inequalit|\bdeserts?\b|burden|"
    r"\bdo(?:es)? not (?:have|study)\b|"
    # losses to disasters and the air's particles (the UN's FIS4SDGs city files: a city's disaster
    # deaths, damaged dwellings and economic losses were scored as if more were better)
    r"affected|damaged|destroyed|disrupt|injur|\bloss(?:es)?\b|\bmissing\b|\bill\b|particulate|illitera|"
    # the same words in Spanish and French, for a city's or an office's own files in its language
    r"mortalidad|mortalit[ée]|muertes?\b|defunci|d[ée]c[èe]s|pobreza|pauvret[ée]|desemple|desocupa|"
    r"ch[ôo]mage|ch[ôo]meurs?|homicidio|violencia|desnutrici|sous-?alimentation|malnutrici|retard de "
    r"croissance|[ée]maciaci[óo]n|[ée]maciation|analfabet|analphab|tugurio|taudis|asentamientos "
    r"informales|inseguridad|ins[ée]curit[ée]|contaminaci[óo]n|emisi[óo]n|[ée]missions?\b|residuos|"
    r"d[ée]chets|desigualdad|in[ée]galit[ée]|embarazo adolescente|grossesses? pr[ée]coces?|trabajo "
    r"infantil|travail des enfants|mari[ée]+s? .*avant|casad[ao]s? .*antes|hacinamiento|surpeuplement|"
    r"sin hogar|sans[- ]abri|d[ée]lit|delito|criminalit|p[ée]rdidas?\b|pertes?\b|afectad|sinistr|"
    r"heridos|bless[ée]s|desaparecid|disparus?\b|partículas|particules|no tratad|non trait",
    re.I,
)
"""Words that mark a 'lower is better' indicator, read in its name only where neither its metadata
nor its bounds say which way is better (nor, for SDSN's files, its published colours)."""
HIGHER_DESPITE = re.compile(
    r"(?<!un)treat|inclusi|access|coverage|parity|recycl|(?<!un)satisf|protect|reduc|(?<!un)safe|\blaws?\b|"
    r"collect|manag|avoid|\bfree\b|-free|prevent|"
    r"(?<!no )tratad|tratamiento|(?<!non )traitement|(?<!non )trait[ée]e?s?\b|acceso|acc[èe]s|cobertura|"
    r"couverture|paridad|parit[ée]|reciclad|recolec|r[ée]duc|protecci[óo]n|sin (?:desechos|humo)|"
    r"gesti[óo]n|gestion|\b[ée]vit|prevenci[óo]n|pr[ée]vention|(?<!in)seguridad|(?<!in)s[ée]curit[ée]", re.I)
"""Words that keep a name higher-is-better though it has one of LOWER_IS_BETTER's: 'Wastewater
treatment', 'LGBT inclusion in hate crime laws', 'Emission reductions', 'Municipal solid waste
collected', 'Smoke-free homes' (but not 'unsafe water' or 'untreated wastewater'), and the same
in Spanish and French ('Cobertura de recolección de residuos', 'Taux de traitement des déchets')."""

BOUNDS_COLUMNS = [
    "indicator_id",
    "goal",
    "direction",
    "direction_source",
    "best",
    "worst",
    "bounds_source",
    "green_threshold",
    "yellow_threshold",
    "orange_threshold",
    "red_threshold",
    "target_value",
    "target_year",
    "reference_year",
    "n_values",
    "whole_totals",
]


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def directions(meta: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """'higher'/'lower' from the metadata, else from best vs worst, else 'lower' where the name
    says so (`named_lower`: source 'name'), else assumed 'higher'."""
    given = meta.get("direction", pd.Series(pd.NA, index=meta.index)).astype("string").str.lower()
    from_bounds = pd.Series(
        np.select([meta["best"] > meta["worst"], meta["best"] < meta["worst"]], ["higher", "lower"], ""),
        index=meta.index,
    )
    known = given.isin(["higher", "lower"]).fillna(False).astype(bool)
    inferred = from_bounds != ""
    named = named_lower(meta["name"]) if "name" in meta else pd.Series(False, index=meta.index)
    fallback = pd.Series(np.where(named, "lower", "higher"), index=meta.index)
    direction = given.where(known, from_bounds.where(inferred, fallback)).astype(str)
    source = np.select([known, inferred, named.to_numpy(dtype=bool)], ["metadata", "bounds", "name"],
                       "assumed")
    return direction, pd.Series(source, index=meta.index)


def named_lower(names: pd.Series) -> pd.Series:
    """Whether each indicator's name marks it 'lower is better' (LOWER_IS_BETTER), read before the
    first ': ', which in Open SDG names starts a breakdown ('Percentage who feel safe outdoors
    after dark: Deprivation' is by deprivation, and higher is better)."""
    main = names.astype("string").str.split(": ", n=1).str[0]
    lower = main.str.contains(LOWER_IS_BETTER).fillna(False).astype(bool)
    return lower & ~main.str.contains(HIGHER_DESPITE).fillna(False).astype(bool)


def data_bounds(values: pd.DataFrame) -> pd.DataFrame:
    """best = mean of the 5 best values, worst = 2.5th percentile (mirrored for 'lower').

    `values` has indicator_id, sign (+1 higher / -1 lower) and value, one row per place.
    """
    signed = values.assign(v=values["value"] * values["sign"]).dropna(subset=["v"])
    grouped = signed.groupby("indicator_id")
    top = signed.sort_values("v", ascending=False).groupby("indicator_id").head(TOP_N)
    out = pd.DataFrame(
        {
            "best": top.groupby("indicator_id")["v"].mean(),
            "worst": grouped["v"].quantile(WORST_QUANTILE),
            "n_values": grouped["v"].size(),
            "sign": grouped["sign"].first(),
        }
    )
    out["best"] *= out["sign"]
    out["worst"] *= out["sign"]
    return out.drop(columns="sign")


def stated(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators' metadata by indicator_id (the last row of each), bounds and thresholds as
    numbers, with the direction each is scored in and where it came from (`directions`)."""
    meta = indicators.drop_duplicates("indicator_id", keep="last").copy()
    meta["indicator_id"] = meta["indicator_id"].astype(str)
    meta = meta.set_index("indicator_id")
    for column in ("best", "worst", "green_threshold", "yellow_threshold", "orange_threshold",
                   "red_threshold", "goal", "target_value", "target_year"):
        meta[column] = numeric(meta, column)
    meta["direction"], meta["direction_source"] = directions(meta)
    return meta


SUM_RATIO = (0.8, 1.25)
"""A whole's value within these shares of the sum of its parts' (and above each of them) is their
total, a count (`whole_totals`); a rate or a share lies between its parts' values."""
MIN_PARTS = 3
"""Parts with a value a whole needs before its value is read as their total: with two, a rate can
happen to lie near their sum (a country's 44 % beside its cities' 20 % and 25 %)."""


def whole_totals(panel: Panel, column: int, parents: tuple[tuple[str, str], ...]) -> pd.Series:
    """Per indicator of `panel`: the wholes whose value in `column` is the total of their parts'
    (at least MIN_PARTS of them with a value, the whole above each and within SUM_RATIO of their
    sum), joined by ";" ("" for none): people, households, tonnes, counted in the whole as in its
    parts. Such a whole is not scored on it (`Settings.parents`); each whole is judged on its own,
    so a country's rate above its cities' is still scored beside another country's count."""
    found = pd.Series("", index=panel.indicators, dtype=object)
    if not parents or not panel.n_pairs:
        return found
    whole_of = pd.Series(dict(parents)).reindex(panel.places.astype(str))
    whole_code = panel.places.get_indexer(whole_of.fillna("").to_numpy(dtype=str))  # -1: no whole
    pairs = pd.DataFrame({"indicator": panel.indicator_code, "place": panel.place_code,
                          "value": panel.value[:, column]}).dropna(subset=["value"])
    parts = pairs.assign(whole=whole_code[pairs["place"].to_numpy()])
    parts = parts[parts["whole"] >= 0]
    if parts.empty:
        return found
    summed = parts.groupby(["indicator", "whole"])["value"].agg(["sum", "max", "size"])
    own = pairs.set_index(["indicator", "place"])["value"]
    own.index = own.index.set_names(["indicator", "whole"])
    summed["own"] = own.reindex(summed.index).to_numpy()
    low, high = SUM_RATIO
    total = (summed["size"] >= MIN_PARTS) & (summed["own"] > summed["max"]) & (summed["max"] > 0) & (
        summed["own"] >= low * summed["sum"]) & (summed["own"] <= high * summed["sum"])
    chosen = total[total].reset_index()[["indicator", "whole"]]
    names = panel.places.astype(str).to_numpy()
    for indicator, group in chosen.groupby("indicator"):
        found.iloc[int(indicator)] = ";".join(sorted(names[group["whole"].to_numpy()]))
    return found


def bounds_table(indicators: pd.DataFrame, panel: Panel, wholes: tuple[str, ...] = (),
                 parents: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    """One row per indicator: direction, the bounds used and where they came from, and the
    effective thresholds (yellow defaults to the green-red midpoint, orange to red). The values
    of `wholes` (a city beside its own districts) do not count in bounds taken from the data;
    `whole_totals` names the wholes whose value is the total of their `parents`' parts."""
    meta = stated(indicators)
    sign = np.where(meta["direction"] == "lower", -1.0, 1.0)
    reference = panel.score_columns[-1] if len(panel.score_columns) else 0
    latest = pd.DataFrame(
        {"indicator_id": panel.indicator_id, "value": panel.value[:, reference] if panel.n_pairs else []}
    )
    latest["sign"] = latest["indicator_id"].map(pd.Series(sign, index=meta.index)).fillna(1.0)
    if wholes and panel.n_pairs:
        whole = panel.places.isin(list(wholes))[panel.place_code]
        latest = latest[~whole]
    computed = data_bounds(latest).reindex(meta.index)
    missing = meta["best"].isna() | meta["worst"].isna()
    meta["bounds_source"] = np.where(missing, "data", "metadata")
    meta["best"] = meta["best"].fillna(computed["best"])
    meta["worst"] = meta["worst"].fillna(computed["worst"])
    meta.loc[meta["best"].isna() | meta["worst"].isna(), "bounds_source"] = "none"
    meta["n_values"] = computed["n_values"].fillna(0).astype(int)
    meta["reference_year"] = int(panel.years[reference]) if len(panel.years) else pd.NA
    totals = whole_totals(panel, reference, parents) if len(panel.years) else pd.Series(dtype=object)
    meta["whole_totals"] = totals.reindex(meta.index.astype(str)).fillna("").to_numpy(dtype=object)
    midpoint = (meta["green_threshold"] + meta["red_threshold"]) / 2
    meta["yellow_threshold"] = meta["yellow_threshold"].fillna(midpoint)
    meta["orange_threshold"] = meta["orange_threshold"].fillna(meta["red_threshold"])
    return meta.reset_index()[BOUNDS_COLUMNS]


def normalise(values: np.ndarray, best: np.ndarray, worst: np.ndarray, clip: bool = True) -> np.ndarray:
    """100 * (x - worst) / (best - worst); one formula for both directions (best < worst
    when lower is better). NaN when the bounds are missing or equal."""
    span = np.where(best == worst, np.nan, best - worst)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = 100.0 * (values - worst) / span
    return np.clip(score, 0.0, 100.0) if clip else score
