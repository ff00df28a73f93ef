"""The rows each explore view shows: one filtered frame per view, the same for chart, table and download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from layouts import explore_figures as figures
from layouts import i18n, names
from layouts.explore_filters import MAX_LINES, SORTS, Catalogue, State, chosen_places, indicator_names
from layouts.i18n import N_, _, ngettext
from layouts.reference import DASHBOARD_COLOURS, arrow, goal_label, goal_phrase, rating, text
from loaders.store import StoreData

PLACE_COLUMNS = ["place_id", "name", "country_iso3", "un_region", "un_subregion", "population"]
COLUMN_LABELS = {
    "name": N_("Place"), "position": N_("Position"), "country_iso3": N_("Country"),
    "un_region": N_("UN region"), "un_subregion": N_("UN subregion"), "population": N_("Population"),
    "year": N_("Year"), "score": N_("Score"), "value": N_("Value"), "unit": N_("Unit"),
    "rating": N_("Rating"), "trend": N_("Trend"), "rank": N_("Official rank"),
}
"""Headers of the on-screen table, in English; `column_label` gives them in the reader's language.
The frames (and the downloads) keep the stable English column keys."""


@dataclass(frozen=True)
class Subject:
    """What the ranking, distribution, time series and table measure: the index, a goal or an indicator."""

    kind: str
    label: str
    goal: int | None = None
    indicator: str | None = None
    unit: str = ""
    higher_is_better: bool = True
    phrase: str = ""
    """The subject inside a sentence (a goal takes an article in other languages); `label` titles."""


def subject(cat: Catalogue, state: State) -> Subject:
    if state.indicator:
        row = indicator_names(cat).set_index("indicator_id").loc[state.indicator]
        return Subject("indicator", str(row["name"]), int(row["goal"]), state.indicator,
                       text(row["unit"]), text(row["direction"]) != "lower", str(row["name"]))
    goal = state.goal
    if goal is None and state.target:
        goal = int(state.target.split(".")[0])
    if goal is not None:
        return Subject("goal", goal_label(goal), goal, phrase=goal_phrase(goal))
    return Subject("index", _("the SDG Index"), phrase=_("the SDG Index"))


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


def column_label(column: str) -> str:
    """A column's header in the reader's language (the key itself for a column without one)."""
    return _(COLUMN_LABELS[column]) if column in COLUMN_LABELS else column


def display_frame(frame: pd.DataFrame, cat: Catalogue) -> pd.DataFrame:
    """Readable headers, numbers and region names in the reader's language; the place name links to
    its city page."""
    shown = frame.copy()
    if "population" in shown:
        shown["population"] = shown["population"].map(lambda p: "–" if pd.isna(p) else i18n.integer(p))
    for column in ("un_region", "un_subregion"):
        if column in shown:
            shown[column] = shown[column].map(names.region, na_action="ignore")
    if "country_iso3" in shown:
        shown["country_iso3"] = shown["country_iso3"].map(names.country, na_action="ignore")
    indicators = indicator_names(cat).set_index("indicator_id")["name"] if len(cat.indicators) else {}
    shown["link"] = "/city/" + shown["place_id"]
    shown = shown[["name", *[c for c in shown.columns if c not in ("name", "place_id")]]]
    labels = {c: column_label(c) for c in shown.columns if c in COLUMN_LABELS}
    labels.update({i: indicators[i] for i in shown.columns if i in indicators})
    return shown.rename(columns=labels)




def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def amount(value: float, column: str, unit: str) -> str:
    """One number for a summary: the locale's signs, and the unit after an indicator's value."""
    return figures.number(value, unit if column == "value" else "")


def rating_counts(ratings: pd.Series) -> str:
    """'Ratings: 3 major challenges and 2 SDG achieved.' in the dashboard's fixed order."""
    counts = ratings.value_counts()
    parts = [_("{count} {rating}").format(count=i18n.integer(counts[words]), rating=words)
             for words in (rating(c) for c in DASHBOARD_COLOURS) if counts.get(words)]
    return _("Ratings: {list}.").format(list=i18n.join(parts))


def ranking_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int) -> str:
    values = column == "value"
    if frame.empty:
        message = (_("No chosen place has values for {subject} in {year}.") if values
                   else _("No chosen place has scores for {subject} in {year}."))
        return message.format(subject=subj.phrase, year=year)
    top, bottom = frame.iloc[0], frame.iloc[-1]
    if len(frame) == 1:
        message = (_("Only {place} has values for {subject} in {year}: {amount}.") if values
                   else _("Only {place} has scores for {subject} in {year}: {amount}."))
        return message.format(place=top["name"], subject=subj.phrase, year=year,
                              amount=amount(top[column], column, subj.unit))
    count = len(frame)
    if not values:
        lead = ngettext("{count} place has scores for {subject} in {year} (higher is better).",
                        "{count} places have scores for {subject} in {year} (higher is better).", count)
    elif subj.higher_is_better:
        lead = ngettext("{count} place has values for {subject} in {year} (higher is better).",
                        "{count} places have values for {subject} in {year} (higher is better).", count)
    else:
        lead = ngettext("{count} place has values for {subject} in {year} (lower is better).",
                        "{count} places have values for {subject} in {year} (lower is better).", count)
    sentences = [
        lead.format(count=i18n.integer(count), subject=subj.phrase, year=year),
        _("Best: {top} ({top_amount}); last: {bottom} ({bottom_amount}); median {median}.").format(
            top=top["name"], top_amount=amount(top[column], column, subj.unit),
            bottom=bottom["name"], bottom_amount=amount(bottom[column], column, subj.unit),
            median=amount(frame[column].median(), column, subj.unit)),
    ]
    if "rating" in frame:
        sentences.append(rating_counts(frame["rating"]))
    return " ".join(sentences)


STRENGTHS = {
    "none": N_("The two show no clear relationship (correlation {r})."),
    "weak positive": N_("The two show a weak positive relationship (correlation {r})."),
    "weak negative": N_("The two show a weak negative relationship (correlation {r})."),
    "moderate positive": N_("The two show a moderate positive relationship (correlation {r})."),
    "moderate negative": N_("The two show a moderate negative relationship (correlation {r})."),
    "strong positive": N_("The two show a strong positive relationship (correlation {r})."),
    "strong negative": N_("The two show a strong negative relationship (correlation {r})."),
}
"""One whole sentence per strength and sign of a correlation, so each language words it its own way."""


def strength(r: float) -> str:
    """The sentence that says how strongly, and which way, two indicators go together."""
    size = abs(r)
    if size < 0.1:
        key = "none"
    else:
        key = "weak" if size < 0.3 else "moderate" if size < 0.5 else "strong"
        key += " positive" if r > 0 else " negative"
    return _(STRENGTHS[key]).format(r=i18n.number(r, 2))


def scatter_summary(frame: pd.DataFrame, state: State, x_name: str, y_name: str) -> str:
    values = state.measure == "value"
    if frame.empty:
        message = (_("No chosen place has values for both {x} and {y} in {year}.") if values
                   else _("No chosen place has scores for both {x} and {y} in {year}."))
        return message.format(x=x_name, y=y_name, year=state.year)
    count = len(frame)
    if values:
        lead = ngettext("{count} place has values for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have values for both {x} (across) and {y} (up) in {year}.", count)
    else:
        lead = ngettext("{count} place has scores for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have scores for both {x} (across) and {y} (up) in {year}.", count)
    sentences = [lead.format(count=i18n.integer(count), x=x_name, y=y_name, year=state.year)]
    if count >= 3 and frame[state.x].std() > 0 and frame[state.y].std() > 0:
        sentences.append(strength(frame[state.x].corr(frame[state.y])))
    return " ".join(sentences)


def distribution_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int) -> str:
    if frame.empty:
        return _("No chosen place has data for {subject} in {year}.").format(subject=subj.phrase, year=year)
    sentences = [_("{subject} in {year} by UN region.").format(subject=capital(subj.phrase), year=year)]
    for region, part in figures.by_region(frame):
        sentences.append(ngettext(
            "{region}: median {median} over {count} place (from {low} to {high}).",
            "{region}: median {median} over {count} places (from {low} to {high}).", len(part),
        ).format(region=region, median=amount(part[column].median(), column, subj.unit),
                 count=i18n.integer(len(part)), low=amount(part[column].min(), column, subj.unit),
                 high=amount(part[column].max(), column, subj.unit)))
    return " ".join(sentences)


def place_change(part: pd.DataFrame, column: str, unit: str) -> str:
    """'Nairobi: 60.0 in 2020 to 65.0 in 2021 (up 5.0).' for one place's line."""
    first, last = part.iloc[0], part.iloc[-1]
    change = last[column] - first[column]
    if abs(change) < 0.05:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (unchanged).")
    elif change > 0:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (up {change}).")
    else:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (down {change}).")
    return message.format(place=first["name"], first=amount(first[column], column, unit),
                          first_year=first["year"], last=amount(last[column], column, unit),
                          last_year=last["year"], change=i18n.number(abs(change), 1))


def trend_summary(frame: pd.DataFrame, subj: Subject, column: str, state: State) -> str:
    if frame.empty:
        return _("No chosen place has data for {subject} from {start} to {end}.").format(
            subject=subj.phrase, start=state.start, end=state.end)
    lead = (_("{subject} from {start} to {end}.") if state.places
            else _("{subject} from {start} to {end}, for the five best places."))
    sentences = [lead.format(subject=capital(subj.phrase), start=state.start, end=state.end)]
    sentences += [place_change(part, column, subj.unit)
                  for _place, part in frame.groupby("place_id", sort=False)]
    left_out = len(state.places) - frame["place_id"].nunique() if state.places else 0
    if left_out:
        sentences.append(ngettext(
            "{count} chosen place is not drawn (no data, or more than {most}).",
            "{count} chosen places are not drawn (no data, or more than {most}).", left_out,
        ).format(count=i18n.integer(left_out), most=i18n.integer(MAX_LINES)))
    return " ".join(sentences)


def table_summary(frame: pd.DataFrame, subj: Subject, state: State, sort_label: str) -> str:
    count = len(frame)
    if state.find:
        message = ngettext(
            "{count} place whose name contains '{find}' has data for {subject} in {year}. Order: {order}.",
            "{count} places whose name contains '{find}' have data for {subject} in {year}. "
            "Order: {order}.", count)
    else:
        message = ngettext("{count} place has data for {subject} in {year}. Order: {order}.",
                           "{count} places have data for {subject} in {year}. Order: {order}.", count)
    return message.format(count=i18n.integer(count), find=state.find, subject=subj.phrase, year=state.year,
                          order=sort_label)


def scatter_axis(name: str, column: str, unit: str) -> str:
    """'PM2.5, value (µg/m³)': the indicator and what of it the axis shows."""
    if column == "score":
        return _("{indicator}, score (0-100)").format(indicator=name)
    if unit:
        return _("{indicator}, value ({unit})").format(indicator=name, unit=unit)
    return _("{indicator}, value").format(indicator=name)


def chart(frame: pd.DataFrame, cat: Catalogue, state: State) -> tuple[str, go.Figure | None, str]:
    """The view's title, figure (None for the table view) and text summary, from the view's frame."""
    subj = subject(cat, state)
    column, unit, year = measure(subj, state), subj.unit, state.year
    values = column == "value"
    if state.view == "ranking":
        title = (_("Ranking by {subject} (values), {year}") if values
                 else _("Ranking by {subject} (scores), {year}"))
        return (title.format(subject=subj.label, year=year), figures.ranking_figure(frame, column, unit),
                ranking_summary(frame, subj, column, year))
    if state.view == "distribution":
        title = (_("{subject} (values) by UN region, {year}") if values
                 else _("{subject} (scores) by UN region, {year}"))
        return (title.format(subject=capital(subj.label), year=year),
                figures.distribution_figure(frame, column, unit),
                distribution_summary(frame, subj, column, year))
    if state.view == "trend":
        title = (_("{subject} (values), {start} to {end}") if values
                 else _("{subject} (scores), {start} to {end}"))
        return (title.format(subject=capital(subj.label), start=state.start, end=state.end),
                figures.trend_figure(frame, column, unit), trend_summary(frame, subj, column, state))
    if state.view == "scatter":
        meta = indicator_names(cat).set_index("indicator_id")
        x_name, y_name = str(meta.loc[state.x, "name"]), str(meta.loc[state.y, "name"])
        x_unit, y_unit = (text(meta.loc[i, "unit"]) for i in (state.x, state.y))
        axes = (scatter_axis(x_name, state.measure, x_unit), scatter_axis(y_name, state.measure, y_unit))
        return (_("{y} against {x}, {year}").format(y=y_name, x=x_name, year=year),
                figures.scatter_figure(frame, state.x, state.y, axes, state.size),
                scatter_summary(frame, state, x_name, y_name))
    return (_("Places by {subject}, {year}").format(subject=subj.label, year=year), None,
            table_summary(frame, subj, state, _(SORTS[state.sort])))
