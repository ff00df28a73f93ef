"""Plain-language sentences that say what a chart shows (its text alternative)."""

from __future__ import annotations

import pandas as pd

from layouts.reference import RATING_WORDS, goal_label


def subject(goal: int | None) -> str:
    return "the SDG Index" if goal is None else goal_label(goal)


def map_summary(frame: pd.DataFrame, goal: int | None, year: int) -> str:
    scored = frame.dropna(subset=["score"])
    if scored.empty:
        return f"No place has a score for {subject(goal)} in {year}."
    top, bottom = scored.iloc[0], scored.iloc[-1]
    sentences = [
        f"{len(scored)} of {len(frame)} places have a score for {subject(goal)} in {year}.",
        f"Highest: {top['name']} ({top['score']:.1f}); lowest: {bottom['name']} "
        f"({bottom['score']:.1f}); median {scored['score'].median():.1f}.",
    ]
    if "colour" in frame:
        counts = frame["colour"].value_counts()
        parts = [f"{counts[c]} {RATING_WORDS[c]}" for c in RATING_WORDS if counts.get(c)]
        sentences.append("Ratings: " + ", ".join(parts) + ".")
    return " ".join(sentences)


def city_summary(name: str, goal_rows: pd.DataFrame, index_row: pd.Series | None) -> str:
    """'Nairobi is on track for 4 of 15 goals with trend data; the largest challenge is ...'"""
    scored = goal_rows.dropna(subset=["score"])
    if scored.empty:
        return f"There are no goal scores for {name} yet."
    with_trend = goal_rows[goal_rows["arrow"].astype("string").fillna("no_data") != "no_data"]
    on_track = with_trend["arrow"].isin(["on_track", "maintaining"]).sum()
    worst = scored.sort_values("score").iloc[0]
    best = scored.sort_values("score").iloc[-1]
    sentences = []
    if len(with_trend):
        sentences.append(
            f"{name} is on track for {on_track} of {len(with_trend)} goals with trend data."
        )
    else:
        sentences.append(f"{name} has scores for {len(scored)} of 17 goals but no trend data.")
    sentences.append(
        f"The largest challenge is {goal_label(int(worst['goal']))} (score {worst['score']:.0f}); "
        f"the strongest result is {goal_label(int(best['goal']))} (score {best['score']:.0f})."
    )
    if index_row is not None and not pd.isna(index_row.get("score")):
        rank = index_row.get("rank")
        ranked = "" if pd.isna(rank) else f", ranked {int(rank)}"
        sentences.append(f"Its SDG Index score is {index_row['score']:.1f}{ranked}.")
    red = (scored["colour"].astype("string") == "red").sum()
    if red:
        sentences.append("1 goal faces major challenges." if red == 1
                         else f"{red} goals face major challenges.")
    return " ".join(sentences)
