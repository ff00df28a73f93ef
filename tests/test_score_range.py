"""The map's colour scale spans the scores it draws (out to the tens), not always 0 to 100."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layouts import maps
from layouts.score_range import score_range, widened
from loaders.paths import DEMO_STORE
from loaders.store import Store
from views import map as map_view


@pytest.mark.parametrize(("scores", "expected"), [
    ([29.6, 45.4, 75.7], (20.0, 80.0)),  # Bolivia's 2020 index: was one shade of 0-100
    ([50.0, 50.0], (40.0, 60.0)),  # all alike: at least 20 points wide, around them
    ([0.4, 99.2], (0.0, 100.0)),
    ([95.0, 99.0], (80.0, 100.0)),  # widened inside 0-100 only
    ([3.0], (0.0, 20.0)),
    ([], (0.0, 100.0)),
    ([np.nan, None], (0.0, 100.0)),
])
def test_the_scale_spans_the_scores_out_to_the_tens(scores, expected):
    assert score_range(pd.Series(scores, dtype="Float64")) == expected
    assert widened(np.array(scores, dtype=float)) == expected


def scored_traces(figure) -> list:
    return [t for t in figure.data if t.type == "scattergeo" and t.marker.cmin is not None] + \
        [t for t in figure.data if t.type == "choropleth" and t.zmin is not None and t.showscale is not False]


def test_the_map_colours_the_places_it_draws_on_their_own_span():
    store = Store(DEMO_STORE).read(Store(DEMO_STORE).current_version())
    state, _problems = map_view.parse({}, store)
    shown = map_view.build(store, state, with_table=False)
    drawn = map_view.shown_places(store, state)["score"].dropna().astype(float)
    low, high = 10 * np.floor(drawn.min() / 10), 10 * np.ceil(drawn.max() / 10)
    markers = [t for t in shown.figure.data if t.type == "scattergeo" and t.marker.cmin is not None]
    assert markers and {(t.marker.cmin, t.marker.cmax) for t in markers} == {(low, high)}
    assert (low, high) != (0, 100)  # the demo's index spans less than the whole scale
    countries, _problems = map_view.parse({"view": "countries"}, store)
    means = map_view.build(store, countries, with_table=False).figure.data[0]
    assert means.zmin >= low and means.zmax <= high


def test_a_figure_built_alone_keeps_the_whole_scale():
    frame = pd.DataFrame({"place_id": ["a", "b"], "name": ["A", "B"], "lat": [1.0, 2.0], "lon": [1.0, 2.0],
                          "score": [40.0, 60.0], "country_iso3": ["KEN", "KEN"]})
    figure = maps.place_map(frame, "t", by_rating=False)
    assert {(t.marker.cmin, t.marker.cmax) for t in figure.data if t.marker.cmin is not None} == {(0, 100)}
    narrowed = maps.place_map(frame, "t", by_rating=False, scale=(40.0, 60.0))
    assert {(t.marker.cmin, t.marker.cmax) for t in narrowed.data if t.marker.cmin is not None} == {(40, 60)}
