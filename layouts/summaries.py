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
