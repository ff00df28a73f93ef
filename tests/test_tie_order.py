"""The one order of places on maps, lists and rankings: by score, ties by name A to Z, accents aside."""

import numpy as np
import pandas as pd
import pytest

from layouts import names, scores


def plain_order(frame: pd.DataFrame, ascending: bool) -> list:
    """The rule written the slow way: a stable sort on the score and every row's folded name."""
    key = [names.alphabetical(name) if isinstance(name, str) else "" for name in frame["name"]]
    return frame.assign(key=key).sort_values(["score", "key"], ascending=[ascending, True],
                                             na_position="last", kind="stable").index.tolist()


def test_ties_go_by_name_accents_and_case_aside_and_places_without_a_score_last():
    frame = pd.DataFrame({"name": ["Zaragoza", "Ávila", "bilbao", "Cádiz", "Alcoy", ""],
                          "score": [50.0, 50.0, np.nan, 70.0, np.nan, 50.0]})
    assert scores.best_first(frame)["name"].tolist() == ["Cádiz", "", "Ávila", "Zaragoza", "Alcoy", "bilbao"]
    assert scores.best_first(frame, ascending=True)["name"].tolist()[:3] == ["", "Ávila", "Zaragoza"]


@pytest.mark.parametrize("seed", range(20))
def test_the_fast_order_is_the_plain_rule_on_any_frame(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(0, 80))
    pool = ["Álvaro", "alvaro", "Bé", "be", "Zed", "ábc", None, "Côte", "cote", "A", "b"]
    drawn = [pool[i] for i in rng.integers(0, len(pool), size)]
    frame = pd.DataFrame({"name": pd.array(drawn, dtype="string"),
                          "score": np.where(rng.random(size) < .2, np.nan, rng.integers(0, 6, size) * 1.5),
                          "other": rng.random(size)}, index=rng.permutation(size) + 100)
    for ascending in (False, True):
        ordered = scores.best_first(frame, ascending=ascending)
        assert ordered.index.tolist() == plain_order(frame, ascending)
        assert list(ordered.columns) == ["name", "score", "other"]


def test_a_frame_without_names_or_ties_is_only_sorted():
    frame = pd.DataFrame({"score": [1.0, 3.0, 2.0]})
    assert scores.best_first(frame)["score"].tolist() == [3.0, 2.0, 1.0]
    named = pd.DataFrame({"name": ["b", "a", "c"], "score": [1.0, 3.0, 2.0]})
    assert scores.best_first(named)["name"].tolist() == ["a", "c", "b"]
