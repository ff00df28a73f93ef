"""A long ranking folded on a phone: the words name how many bars of how many, a short one is left alone."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import html

from layouts import phone_ranking
from layouts.phone_ranking import PHONE_BARS


def texts(node) -> list[str]:
    """Every string in a component tree, in order."""
    if isinstance(node, str):
        return [node]
    children = getattr(node, "children", None)
    children = children if isinstance(children, list) else [children] if children is not None else []
    return [text for child in children for text in texts(child)]


def test_bars_are_counted_over_every_rating_s_trace():
    figure = go.Figure([go.Bar(y=["a", "b"], x=[1, 2], orientation="h"),
                        go.Bar(y=["c"], x=[3], orientation="h")])
    assert phone_ranking.bar_count(figure) == 3


def test_a_ranking_longer_than_a_phone_s_bars_says_how_many_it_shows_of_how_many():
    chart = html.Div("chart")
    folded = phone_ranking.folded(chart, 1200, "fold")
    assert folded.id == "fold" and folded.children[0] is chart
    assert folded.children[1].to_plotly_json()["props"]["data-phone-bars"] == str(PHONE_BARS)
    assert folded.children[1].children[1].to_plotly_json()["props"]["aria-controls"] == "fold"
    words = " ".join(texts(folded.children[1]))
    assert f"the first {PHONE_BARS} of the chart's 1,200 bars" in words and "data table" in words
    assert "Show all 1,200 bars" in words
    assert "d-sm-none" in folded.children[1].className  # the words are a phone's only


def test_a_short_ranking_is_its_chart_alone():
    chart = html.Div("chart")
    assert phone_ranking.folded(chart, PHONE_BARS, "fold") is chart
