"""Explore's charts give their mode bar's room back where a phone hides the mode bar: the 30 px of
their 40 px top margin move into a strip above the chart that site.css draws from 576 px only."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard import chrome
from layouts import explore_figures
from views.base import View


def scatter() -> go.Figure:
    return explore_figures.finish([{"type": "scatter", "x": [1, 2], "y": [3, 4]}], {}, 460)


def test_an_explore_chart_s_mode_bar_room_moves_above_it():
    figure = scatter()
    assert figure.layout.margin.t == 40
    assert chrome.mode_bar_strip(figure)
    assert figure.layout.margin.t == 10 and figure.layout.height == 430  # the plot keeps its 400 px


def test_a_chart_with_something_in_its_top_margin_keeps_it():
    above = scatter().update_layout(legend={"y": 1.02, "yanchor": "bottom", "yref": "paper"}, showlegend=True)
    titled = scatter().update_layout(title={"text": "A title"})
    tight = explore_figures.finish([], {}, 200).update_layout(margin_t=10)
    for figure in (above, titled, tight):
        before = (figure.layout.margin.t, figure.layout.height)
        assert not chrome.mode_bar_strip(figure)
        assert (figure.layout.margin.t, figure.layout.height) == before


def test_the_graph_carries_the_strip_s_class_and_its_shorter_height():
    view = View(title="t", summary="s", table=None, full_path="/explore", figure=scatter())
    graph = chrome.view_chart(view, "explore-graph", strip=True)
    assert graph.className == chrome.STRIP and graph.style == {"height": "430px"}
    plain = chrome.view_chart(View(title="t", summary="s", table=None, full_path="/", figure=scatter()))
    assert getattr(plain, "className", None) is None and plain.style == {"height": "460px"}
