"""What an explore view measures (the index, a goal or an indicator) and its scores, read once per slice."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from layouts import i18n, place_facts, texts
from layouts.i18n import _
from layouts.reference import arrow, goal_label, goal_phrase, rating, text
from loaders.store import StoreData
from views.explore.contents import indicator_names
from views.explore.model import Catalogue, State

CODES = ("colour", "arrow")
"""The rating's and trend's codes (`green`, `on_track`), as the scores tables hold them: in the
downloads, not on the page, which shows the words (`rating`, `trend`)."""


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
    """The subject inside a sentence (a goal takes an article in other languages); `label` titles. An
    indicator's name in another language than the reader's is marked after it in `label` (a title
    is a picture's too, which cannot tag it), and is bare in `phrase`, tagged where a page shows it
    (`languages`)."""
    assumed: bool = False
    """An indicator scored in an assumed direction (the source states none, neither bounds nor name
    tell): its values are ranked highest first, never 'best' (UNdata's populations)."""
    source_unit: str = ""
    """The unit as the source wrote it, for the rows a download holds; `unit` is as the pages write
    it (`texts.short_unit`: "%" for Bristol's "Percentage (%)", as on the city page)."""
    languages: tuple[tuple[str, str], ...] = ()
    """(words, language) of the phrase's words in another language than the reader's."""

    @property
    def titled(self) -> str:
        """The subject inside a title: a goal as a sentence holds it ("selon l'objectif 3"), an
        indicator with its language marked where it is not the reader's."""
        return self.label if self.kind == "indicator" else self.phrase or self.label


def subject(cat: Catalogue, state: State) -> Subject:
    if state.indicator:
        row = indicator_names(cat).set_index("indicator_id").loc[state.indicator]
        goal = None if pd.isna(row["goal"]) else int(row["goal"])  # an indicator of no goal (a pillar's)
        unit = text(row["unit"])
        plain = str(row.get("listed_name", row["name"]))
        words = pd.Series([texts.short_unit(unit), plain])
        foreign = texts.foreign_words(words, pd.Series([row.get("unit_language"), row.get("name_language")]))
        return Subject("indicator", str(row["name"]), goal, state.indicator,
                       texts.short_unit(unit), text(row["direction"]) != "lower", plain,
                       bool(row.get("assumed", False)), text(row.get("stated_unit", row["unit"])),
                       tuple(foreign.items()))
    goal = state.goal
    if goal is None and state.target:
        goal = int(state.target.split(".")[0])
    if goal is not None:
        return Subject("goal", goal_label(goal), goal, phrase=goal_phrase(goal))
    return Subject("index", _("the SDG Index"), phrase=_("the SDG Index"))


def measure(subj: Subject, state: State) -> str:
    """The column shown: an indicator's value only when asked for; goals and the index have scores."""
    return "value" if subj.kind == "indicator" and state.measure == "value" else "score"


SHARED_SCORES = 8
"""Subject slices a loaded version keeps: an explore state's ranking, its table, another order of it
and the sentence on the places it leaves out (`build.measured_elsewhere`) read the same slice."""


def subject_scores(store: StoreData, subj: Subject, first: int, last: int) -> pd.DataFrame:
    """place_id, year, score (and value, rating, trend or rank) of the subject, years first..last;
    read once per version, language and slice (read only)."""
    key = (subj.kind, subj.goal, subj.indicator, first, last, i18n.language())
    return store.kept("subject-scores", key, lambda: read_subject_scores(store, subj, first, last),
                      limit=SHARED_SCORES)


def read_subject_scores(store: StoreData, subj: Subject, first: int, last: int) -> pd.DataFrame:
    if subj.kind == "indicator":
        table = store.select("indicator_scores", indicator_id=subj.indicator,
                             year=list(range(first, last + 1)))
        columns = ["place_id", "year", "value", "value_year", "score", "colour", "arrow"]
        columns = [c for c in columns if c in table]
    elif subj.kind == "goal":
        table = store.select("goal_scores", goal=subj.goal, year=list(range(first, last + 1)))
        columns = ["place_id", "year", "score", "colour", "arrow"]
    else:
        index = store.tables["index"]
        # the years asked first: the lone ranks of a national index's 250,000 rows took 100 ms
        table = lone_ranks_left_out(store, index[index["year"].between(first, last)])
        columns = ["place_id", "year", "score", "rank"]
        if "ranked" in table:  # an index only where the method's coverage rule is met
            table = table.assign(score=table["score"].where(table["ranked"].astype("boolean").fillna(False)))
    table = table[table["year"].between(first, last)][columns].astype({"place_id": "string"})
    if "value_year" in table:
        table["value_year"] = pd.to_numeric(table["value_year"], errors="coerce").astype("Int64")
    if "colour" in table:
        trend = i18n.once_each(table["arrow"].astype("string"), lambda a: " ".join(arrow(a)))
        table["rating"] = pd.array(i18n.once_each(table["colour"].astype("string"), rating), dtype="string")
        table["trend"] = pd.array(trend, dtype="string")
        # the codes stay beside the words: the API's and the downloads' `colour` and `arrow` read the
        # same in every language (the words change with `lang`; the page shows them only)
        table = table[[c for c in table.columns if c not in CODES] + list(CODES)]
    return table


def lone_ranks_left_out(store: StoreData, index: pd.DataFrame) -> pd.DataFrame:
    """The index without the ranks `place_facts.lone_ranks` says are alone in their ranking of the year."""
    alone = place_facts.lone_ranks(index, place_facts.kinds_of(store))
    return index.assign(rank=index["rank"].mask(alone)) if alone.any() else index
