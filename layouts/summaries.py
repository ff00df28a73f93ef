"""Plain-language sentences that say what a chart shows (its text alternative)."""

from __future__ import annotations

import pandas as pd

from layouts import i18n
from layouts.i18n import _, ngettext
from layouts.reference import RATING_WORDS, goal_phrase, rating


def subject(goal: int | None) -> str:
    """The index or a goal as it reads inside a sentence."""
    return _("the SDG Index") if goal is None else goal_phrase(goal)


def rating_counts(colours: pd.Series) -> str:
    """'Ratings: 3 major challenges, 2 SDG achieved.' in the dashboard's fixed order."""
    counts = colours.value_counts()
    parts = [_("{count} {rating}").format(count=i18n.integer(counts[c]), rating=rating(c))
             for c in RATING_WORDS if counts.get(c)]
    return _("Ratings: {list}.").format(list=i18n.join(parts))


def map_summary(frame: pd.DataFrame, goal: int | None, year: int) -> str:
    scored = frame.dropna(subset=["score"])
    if scored.empty:
        return _("No place has a score for {subject} in {year}.").format(subject=subject(goal), year=year)
    top, bottom = scored.iloc[0], scored.iloc[-1]
    sentences = [
        ngettext("{count} of {total} places has a score for {subject} in {year}.",
                 "{count} of {total} places have a score for {subject} in {year}.", len(scored)).format(
            count=i18n.integer(len(scored)), total=i18n.integer(len(frame)), subject=subject(goal),
            year=year),
        _("Highest: {top} ({top_score}); lowest: {bottom} ({bottom_score}); median {median}.").format(
            top=top["name"], top_score=i18n.number(top["score"]), bottom=bottom["name"],
            bottom_score=i18n.number(bottom["score"]), median=i18n.number(scored["score"].median())),
    ]
    if "colour" in frame:
        sentences.append(rating_counts(frame["colour"]))
    return " ".join(sentences)


def city_summary(name: str, goal_rows: pd.DataFrame, index_row: pd.Series | None) -> str:
    """'Nairobi is on track for 4 of 15 goals with trend data; the largest challenge is ...'"""
    scored = goal_rows.dropna(subset=["score"])
    if scored.empty:
        return _("There are no goal scores for {place} yet.").format(place=name)
    with_trend = goal_rows[goal_rows["arrow"].astype("string").fillna("no_data") != "no_data"]
    on_track = int(with_trend["arrow"].isin(["on_track", "maintaining"]).sum())
    worst = scored.sort_values("score").iloc[0]
    best = scored.sort_values("score").iloc[-1]
    sentences = []
    if len(with_trend):
        sentences.append(ngettext(
            "{place} is on track for {count} of {total} goal with trend data.",
            "{place} is on track for {count} of {total} goals with trend data.", len(with_trend),
        ).format(place=name, count=on_track, total=len(with_trend)))
    else:
        sentences.append(ngettext(
            "{place} has scores for {count} of 17 goals but no trend data.",
            "{place} has scores for {count} of 17 goals but no trend data.", len(scored),
        ).format(place=name, count=len(scored)))
    sentences.append(
        _("The largest challenge is {worst} (score {worst_score}); the strongest result is {best} "
          "(score {best_score}).").format(
            worst=goal_phrase(int(worst["goal"])), worst_score=i18n.number(worst["score"], 0),
            best=goal_phrase(int(best["goal"])), best_score=i18n.number(best["score"], 0))
    )
    if index_row is not None and not pd.isna(index_row.get("score")):
        rank = index_row.get("rank")
        score = i18n.number(index_row["score"])
        sentences.append(
            _("Its SDG Index score is {score}.").format(score=score) if pd.isna(rank)
            else _("Its SDG Index score is {score}, ranked {rank}.").format(score=score, rank=int(rank))
        )
    red = int((scored["colour"].astype("string") == "red").sum())
    if red:
        sentences.append(ngettext("{count} goal faces major challenges.",
                                  "{count} goals face major challenges.", red).format(count=red))
    return " ".join(sentences)
