"""The rows each explore view shows: one filtered frame per view, the same for chart, table and download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from layouts import explore_figures as figures
from layouts.explore_filters import MAX_LINES, SORTS, Catalogue, State, chosen_places
from layouts.reference import arrow, goal_label, rating, text
from loaders.store import StoreData

PLACE_COLUMNS = ["place_id", "name", "country_iso3", "un_region", "un_subregion", "population"]
COLUMN_LABELS = {
    "name": "Place", "position": "Position", "country_iso3": "Country", "un_region": "UN region",
    "un_subregion": "UN subregion", "population": "Population", "year": "Year", "score": "Score",
    "value": "Value", "unit": "Unit", "rating": "Rating", "trend": "Trend", "rank": "Official rank",
}


@dataclass(frozen=True)
class Subject:
    """What the ranking, distribution, time series and table measure: the index, a goal or an indicator."""

    kind: str
    label: str
    goal: int | None = None
    indicator: str | None = None
    unit: str = ""
    higher_is_better: bool = True


def subject(cat: Catalogue, state: State) -> Subject:
    if state.indicator:
        row = cat.indicators.set_index("indicator_id").loc[state.indicator]
        return Subject("indicator", str(row["name"]), int(row["goal"]), state.indicator,
                       text(row["unit"]), text(row["direction"]) != "lower")
    goal = state.goal
    if goal is None and state.target:
        goal = int(state.target.split(".")[0])
    if goal is not None:
        return Subject("goal", goal_label(goal), goal)
    return Subject("index", "the SDG Index")


def measure(subj: Subject, state: State) -> str:
    """The column shown: an indicator's value only when asked for; goals and the index have scores."""
    return "value" if subj.kind == "indicator" and state.measure == "value" else "score"


def subject_scores(store: StoreData, subj: Subject, first: int, last: int) -> pd.DataFrame:
    """place_id, year, score (and value, rating, trend or rank) of the subject, years first..last."""
    if subj.kind == "indicator":
        table = store.tables["indicator_scores"]
        table = table[table["indicator_id"] == subj.indicator]
        columns = ["place_id", "year", "value", "score", "colour", "arrow"]
    elif subj.kind == "goal":
        table = store.tables["goal_scores"]
        table = table[table["goal"] == subj.goal]
        columns = ["place_id", "year", "score", "colour", "arrow"]
    else:
        table = store.tables["index"]
        columns = ["place_id", "year", "score", "rank"]
    table = table[table["year"].between(first, last)][columns].astype({"place_id": "string"})
    if "colour" in table:
        table["rating"] = table["colour"].astype("string").map(rating)
        table["trend"] = table["arrow"].astype("string").map(lambda a: " ".join(arrow(a)))
        table = table.drop(columns=["colour", "arrow"])
    return table


def best_first(frame: pd.DataFrame, column: str, higher_is_better: bool) -> pd.DataFrame:
    ascending = column == "value" and not higher_is_better
    return frame.sort_values([column, "name"], ascending=[ascending, True], na_position="last")


def place_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """One row per chosen place with data for the subject in the year, best first, with its position."""
    subj = subject(cat, state)
    column = measure(subj, state)
    scores = subject_scores(store, subj, state.year, state.year)
    frame = chosen_places(cat.places, state)[PLACE_COLUMNS].merge(scores, on="place_id")
    frame = best_first(frame.dropna(subset=[column]), column, subj.higher_is_better)
    if subj.kind == "indicator":
        frame.insert(frame.columns.get_loc("value") + 1, "unit", subj.unit)
    frame.insert(1, "position", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)


def table_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """The table view: place rows found by name, in the chosen order."""
    frame = place_rows(store, cat, state)
    if state.find:
        frame = frame[frame["name"].str.contains(state.find, case=False, regex=False, na=False)]
    key, direction = state.sort.rsplit("-", 1)
    if key == "score":
        subj = subject(cat, state)
        frame = best_first(frame, measure(subj, state), subj.higher_is_better)
        frame = frame.iloc[::-1] if direction == "asc" else frame
    else:
        frame = frame.sort_values([key, "name"], ascending=[direction == "asc", True])
    return frame.reset_index(drop=True)


def distribution_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    frame = place_rows(store, cat, state)
    return frame.sort_values(["un_region", "position"], na_position="last").reset_index(drop=True)


def scatter_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """One row per chosen place with both x and y in the year; columns named by indicator id."""
    column = state.measure
    table = store.tables["indicator_scores"]
    table = table[table["year"] == state.year].astype({"place_id": "string", "indicator_id": "string"})
    frame = chosen_places(cat.places, state)[PLACE_COLUMNS]
    for indicator in dict.fromkeys([state.x, state.y]):
        values = table[table["indicator_id"] == indicator][["place_id", column]]
        frame = frame.merge(values.rename(columns={column: indicator}), on="place_id")
    return frame.dropna(subset=[state.x, state.y]).sort_values("name").reset_index(drop=True)


def trend_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """place x year within from..to for the chosen places (at most MAX_LINES), or the top five."""
    subj = subject(cat, state)
    column = measure(subj, state)
    scores = subject_scores(store, subj, state.start, state.end).dropna(subset=[column])
    places = chosen_places(cat.places, state)
    if state.places:
        order = [p for p in state.places if p in set(places["place_id"])][:MAX_LINES]
    else:
        latest = scores[scores["year"] == scores["year"].max()]
        latest = latest[latest["place_id"].isin(places["place_id"])].merge(places[["place_id", "name"]])
        order = list(best_first(latest, column, subj.higher_is_better)["place_id"].head(5))
    frame = places[places["place_id"].isin(order)][["place_id", "name", "country_iso3"]]
    frame = frame.merge(scores, on="place_id").drop(columns=["rating", "rank"], errors="ignore")
    if subj.kind == "indicator":
        frame["unit"] = subj.unit
    frame["order"] = frame["place_id"].map({p: i for i, p in enumerate(order)})
    return frame.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)


ROWS = {"ranking": place_rows, "table": table_rows, "distribution": distribution_rows,
        "scatter": scatter_rows, "trend": trend_rows}


def filtered_frame(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """Exactly the rows the current view draws, lists and downloads."""
    return ROWS[state.view](store, cat, state)


def display_frame(frame: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """Readable headers and numbers; the place name links to its city page."""
    shown = frame.copy()
    if "population" in shown:
        shown["population"] = shown["population"].map(lambda p: "–" if pd.isna(p) else f"{p:,.0f}")
    names = cat.indicators.set_index("indicator_id")["name"]
    shown["link"] = "/city/" + shown["place_id"]
    shown = shown[["name", *[c for c in shown.columns if c not in ("name", "place_id")]]]
    labels = {**COLUMN_LABELS, **{i: names.get(i, i) for i in shown.columns if i in names.index}}
    return shown.rename(columns=labels)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def amount(value: float, column: str, unit: str) -> str:
    return f"{value:,.1f}" + (f" {unit}" if column == "value" and unit else "")


def ranking_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int) -> str:
    what = "values" if column == "value" else "scores"
    if frame.empty:
        return f"No chosen place has {what} for {subj.label} in {year}."
    top, bottom = frame.iloc[0], frame.iloc[-1]
    order = "lower is better" if column == "value" and not subj.higher_is_better else "higher is better"
    if len(frame) == 1:
        shown = amount(top[column], column, subj.unit)
        return f"Only {top['name']} has {what} for {subj.label} in {year}: {shown}."
    sentences = [
        f"{len(frame)} places have {what} for {subj.label} in {year} ({order}).",
        f"Best: {top['name']} ({amount(top[column], column, subj.unit)}); "
        f"last: {bottom['name']} ({amount(bottom[column], column, subj.unit)}); "
        f"median {amount(frame[column].median(), column, subj.unit)}.",
    ]
    if "rating" in frame:
        counts = frame["rating"].value_counts()
        sentences.append("Ratings: " + ", ".join(f"{n} {words}" for words, n in counts.items()) + ".")
    return " ".join(sentences)


def strength(r: float) -> str:
    size = "no clear" if abs(r) < 0.1 else "a weak" if abs(r) < 0.3 else "a moderate" if abs(r) < 0.5 \
        else "a strong"
    return size + ("" if abs(r) < 0.1 else " positive" if r > 0 else " negative")


def scatter_summary(frame: pd.DataFrame, state: State, x_name: str, y_name: str) -> str:
    what = "values" if state.measure == "value" else "scores"
    if frame.empty:
        return f"No chosen place has {what} for both {x_name} and {y_name} in {state.year}."
    sentence = (f"{len(frame)} places have {what} for both {x_name} (across) "
                f"and {y_name} (up) in {state.year}.")
    if len(frame) >= 3 and frame[state.x].std() > 0 and frame[state.y].std() > 0:
        r = frame[state.x].corr(frame[state.y])
        sentence += f" The two show {strength(r)} relationship (correlation {r:.2f})."
    return sentence


def distribution_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int) -> str:
    if frame.empty:
        return f"No chosen place has data for {subj.label} in {year}."
    parts = [
        f"{region}: median {amount(part[column].median(), column, subj.unit)} over {len(part)} "
        f"place{'' if len(part) == 1 else 's'} "
        f"(from {amount(part[column].min(), column, subj.unit)} to "
        f"{amount(part[column].max(), column, subj.unit)})"
        for region, part in frame.groupby(frame["un_region"].fillna("Unknown"))
    ]
    return f"{capital(subj.label)} in {year} by UN region. " + "; ".join(parts) + "."


def trend_summary(frame: pd.DataFrame, subj: Subject, column: str, state: State) -> str:
    span = f"from {state.start} to {state.end}"
    if frame.empty:
        return f"No chosen place has data for {subj.label} {span}."
    lead = f"{capital(subj.label)} {span}" + ("" if state.places else ", for the five best places") + ". "
    parts = []
    for _, part in frame.groupby("place_id", sort=False):
        first, last = part.iloc[0], part.iloc[-1]
        change = last[column] - first[column]
        moved = "unchanged" if abs(change) < 0.05 else f"{'up' if change > 0 else 'down'} {abs(change):,.1f}"
        parts.append(f"{first['name']}: {amount(first[column], column, subj.unit)} in {first['year']} to "
                     f"{amount(last[column], column, subj.unit)} in {last['year']} ({moved})")
    left_out = len(state.places) - frame["place_id"].nunique() if state.places else 0
    note = f" {left_out} chosen places are not drawn (no data, or more than {MAX_LINES})." if left_out else ""
    return lead + "; ".join(parts) + "." + note


def table_summary(frame: pd.DataFrame, subj: Subject, state: State, sort_label: str) -> str:
    found = f" whose name contains '{state.find}'" if state.find else ""
    count = f"{len(frame)} place" + ("" if len(frame) == 1 else "s")
    return f"{count}{found} with data for {subj.label} in {state.year}. Order: {sort_label}."


def chart(frame: pd.DataFrame, cat: Catalogue, state: State) -> tuple[str, go.Figure | None, str]:
    """The view's title, figure (None for the table view) and text summary, from the view's frame."""
    subj = subject(cat, state)
    column, unit, year = measure(subj, state), subj.unit, state.year
    what = "values" if column == "value" else "scores"
    if state.view == "ranking":
        return (f"Ranking by {subj.label} ({what}), {year}", figures.ranking_figure(frame, column, unit),
                ranking_summary(frame, subj, column, year))
    if state.view == "distribution":
        return (f"{capital(subj.label)} ({what}) by UN region, {year}",
                figures.distribution_figure(frame, column, unit),
                distribution_summary(frame, subj, column, year))
    if state.view == "trend":
        return (f"{capital(subj.label)} ({what}), {state.start} to {state.end}",
                figures.trend_figure(frame, column, unit), trend_summary(frame, subj, column, state))
    if state.view == "scatter":
        meta = cat.indicators.set_index("indicator_id")
        x_name, y_name = str(meta.loc[state.x, "name"]), str(meta.loc[state.y, "name"])
        x_unit, y_unit = (text(meta.loc[i, "unit"]) for i in (state.x, state.y))
        axes = (f"{x_name}, {figures.axis_title(state.measure, x_unit).lower()}",
                f"{y_name}, {figures.axis_title(state.measure, y_unit).lower()}")
        return (f"{y_name} against {x_name}, {year}",
                figures.scatter_figure(frame, state.x, state.y, axes, state.size),
                scatter_summary(frame, state, x_name, y_name))
    return (f"Places by {subj.label}, {year}", None, table_summary(frame, subj, state, SORTS[state.sort]))
