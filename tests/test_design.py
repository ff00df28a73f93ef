"""The design system (one template, one palette, one graph configuration) and the texts that explain
ratings and trends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from layouts import city, design, explain, maps, ranking
from layouts.reference import DASHBOARD_COLOURS


def test_one_graph_configuration_without_box_or_lasso_select():
    for config in (maps.GRAPH_CONFIG, design.GRAPH_CONFIG):
        assert {"select2d", "lasso2d"} <= set(config["modeBarButtonsToRemove"])
        assert config["displaylogo"] is False and config["topojsonURL"] == "/assets/topojson/"
    assert "city_sdg" in pio.templates and pio.templates.default != "city_sdg"


def test_charts_use_the_template_and_no_series_colour_is_a_rating_colour():
    frame = pd.DataFrame({"goal": ["1. No poverty", "2. Zero hunger"], "Nairobi": [40.0, 55.0],
                          "Kampala": [35.0, 60.0]})
    figure = city.compare_figure(frame)
    assert figure.layout.template.layout.font.family == design.FONT
    # each place's pattern drawn over its colour (plotly's default fill mode left the bars blank)
    assert all(t.marker.pattern.fillmode == "overlay" for t in figure.data)
    assert figure.layout.title.text is None  # the card's heading names the chart
    # a goal's name wrapped on the axis gets room for all its lines (French goal 13 takes five)
    long = pd.DataFrame({"goal": ["13. Mesures relatives à la lutte contre les changements climatiques"],
                         "A": [40.0], "B": [50.0]})
    drawn = city.compare_figure(long)
    assert drawn.data[0].y[0].count("<br>") == 4 and drawn.layout.height >= 200 + 16 * 5
    assert list(figure.layout.xaxis.range)[0] == 0  # scores on a zero baseline
    # ticks group thousands as the labels and tables do ("1000" beside "2,8 k" before)
    assert figure.layout.template.layout.xaxis.separatethousands is True
    colours = {trace.marker.color for trace in figure.data}
    assert colours.isdisjoint(DASHBOARD_COLOURS.values())
    assert set(design.PALETTE).isdisjoint(DASHBOARD_COLOURS.values())


def test_axes_write_large_numbers_in_full_in_the_reader_s_format():
    """A Spanish trend's axis read "55k 60k ... 80k": plotly's English SI suffix."""
    from layouts import i18n

    figure = design.figure([{"type": "scatter", "x": [2019, 2020], "y": [55000, 80000]}],
                           {"separators": i18n.separators()})
    assert figure.layout.template.layout.yaxis.exponentformat == "none"
    assert figure.layout.template.layout.xaxis.separatethousands


def test_the_chart_toolbar_icons_contrast_seven_to_one_with_their_backing():
    """plotly's toolbar icons are grey at 30 % opacity (1.7:1 on white; WCAG 1.4.11 asks 3:1, and
    docs/accessibility.md says 7:1)."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    modebar = design.figure([], {}).layout.template.layout.modebar
    backing = 0.9 * 1.0 + 0.1 * luminance("#e5e5e5")  # its white backing, over grey land at worst
    assert (backing + 0.05) / (luminance(modebar.color) + 0.05) >= 7
    assert modebar.activecolor == design.INK


def test_index_scale_has_no_rating_colour_and_the_colour_bar_lies_under_the_map():
    frame = pd.DataFrame({"place_id": ["a", "b"], "name": ["A", "B"], "lat": [0.0, 10.0], "lon": [0.0, 5.0],
                          "score": [20.0, 80.0]})
    figure = maps.place_map(frame, "SDG Index", by_rating=False)
    assert {c for _, c in design.SCORE_SCALE}.isdisjoint(DASHBOARD_COLOURS.values())
    assert figure.data[0].marker.colorbar.orientation == "h"
    assert figure.layout.geo.lataxis.range[0] > -60  # no sliver of Antarctica


def test_an_empty_figure_is_recognised_and_drawn_as_a_sentence():
    assert design.is_empty(go.Figure(go.Bar(x=[], y=[])))
    assert not design.is_empty(go.Figure(go.Bar(x=[1], y=[2])))
    empty = design.empty_figure("Nothing to draw.")
    assert empty.layout.annotations[0].text == "Nothing to draw." and empty.layout.xaxis.visible is False


def rows(*specs):
    return pd.DataFrame([{"goal": 3, "name": n, "score": s, "colour": c} for n, s, c in specs])


def test_why_rating_names_the_two_weakest_indicators():
    goal = rows(("Life expectancy", 70.0, "yellow"), ("Road deaths", 20.0, "red"),
                ("Vaccination", 35.0, "red"), ("Clinics", 90.0, "green"))
    reasons = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["red"]}), {3: 4})
    short, full = reasons[3]
    assert full == ("Rated major challenges: set by its two weakest indicators, "
                    "Road deaths (major challenges) and Vaccination (major challenges).")
    assert short == "Weakest: Road deaths"


def test_why_rating_says_which_indicator_names_are_in_another_language():
    """The Africa index's names are English: a French page's "Plus faible : Mean years of schooling"
    read as French words, where every other list marks them "(en anglais)"."""
    from layouts import i18n

    goal = rows(("Mean years of schooling", 20.0, "red"), ("Taux de scolarisation", 35.0, "red")).assign(
        name_language=["en", "fr"])
    with i18n.use("fr"):
        short, full = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["red"]}), {3: 2})[3]
    assert short == "Plus faible\u00a0: Mean years of schooling (en anglais)"
    assert full.endswith("Mean years of schooling (en anglais) (défis majeurs) et Taux de scolarisation "
                         "(défis majeurs).")


def test_a_goal_without_a_rating_says_there_are_too_few_indicators():
    goal = rows(("Life expectancy", 70.0, "yellow"))
    _, full = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["grey"]}), {3: 4})[3]
    assert full.startswith("Too few indicators to rate: 1 of its 4 indicators has a rating here")


def test_a_goal_with_values_but_no_score_says_so_not_that_it_has_no_data():
    """One city alone in a store (Los Angeles' Open SDG site): its values have no spread to be scored
    against, so no indicator has a score; its goals said "no indicator of this goal has data here"
    above tables of its values."""
    goal = pd.DataFrame({"goal": [3, 3, 3], "name": ["Road deaths", "Clinics", "Smoking"],
                         "score": [np.nan] * 3, "colour": [None] * 3, "value": [7.3, 2544.0, np.nan]})
    short, full = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["grey"]}), {3: 4})[3]
    assert full == ("Not rated: 2 of its 4 indicators have data here, but no score: scoring needs a best "
                    "and a worst value, which neither the source nor the spread of places' values gives.")
    assert short == ""  # the tile says "no score": said once (Bristol's Goal 4 said it twice)
    scored = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["grey"], "score": [61.0]}),
                                  {3: 4})[3][0]
    assert scored == "No rated indicator"  # a score without a rating: why it has none
    nothing = goal.assign(value=np.nan)
    _, full = explain.goal_reasons(nothing, pd.DataFrame({"goal": [3], "colour": ["grey"]}), {3: 4})[3]
    assert full == "Not rated: no indicator of this goal has data here."
    without_values = goal.drop(columns="value")  # rows that carry no values: their scores are what counts
    _, full = explain.goal_reasons(without_values, pd.DataFrame({"goal": [3], "colour": ["grey"]}), {3: 4})[3]
    assert full == "Not rated: no indicator of this goal has data here."


def test_trend_words_name_the_score_and_the_value_direction_is_said_apart():
    assert explain.score_trend("decreasing") == "score ↓ decreasing"
    rising = pd.Series([10.0, 12.0, 15.0], index=[2015, 2018, 2021])
    assert explain.value_direction(rising) == "value ↗ rose 2015-2021"
    assert explain.value_direction(rising[::-1].set_axis([2015, 2018, 2021])) == "value ↘ fell 2015-2021"
    assert explain.value_direction(pd.Series([5.0], index=[2020])) == ""


def test_rank_is_said_with_its_group_size():
    assert ranking.rank_words(148, 150) == "rank 148 of 150"


def test_folded_text_ignores_accents_case_and_punctuation():
    assert ranking.folded("São-Paulo") == "sao paulo"
    assert ranking.folded("N'Djamena") == "n djamena"
    assert ranking.folded("Malmö") == ranking.folded("MALMO")


def test_budget_bars_are_labelled_in_the_axis_unit_and_never_shrink_out_of_reading():
    from layouts import projects_figures

    frame = pd.DataFrame({"goal": [1, 2, 3], "colour": ["#E5243B"] * 3, "projects": [34, 2, 0],
                          "budget_usd": [154_300_000.0, 6_300_000.0, 0.0]})
    figure = projects_figures.goal_bars(frame)
    assert figure["data"][1]["text"] == ["154", "6.3", "0.0"]
    assert figure["layout"]["xaxis2"]["range"][1] > 154.3 and figure["layout"]["xaxis"]["range"][1] > 34
    assert figure["layout"]["uniformtext"] == {"minsize": 9, "mode": "hide"}


def test_close_points_put_their_labels_on_different_sides():
    from layouts.projects_figures import label_positions

    sides = label_positions([10.0, 10.5, 30.0, 10.2], [5.0, 5.2, 20.0, 4.9], 60.0)
    assert sides[2] == "top center"  # far from the others: above
    assert len({str(sides[0]), str(sides[1]), str(sides[3])}) == 3  # goals 5 and 15 no longer read "155"
    assert any(isinstance(side, tuple) for side in sides)  # touching markers: a label on a line
    on_axis = label_positions([3.0, 8.0], [0.0, 0.0], 90.0)
    assert on_axis[0] == "top center" and "bottom center" not in on_axis  # never under the axis


def test_every_goal_label_on_the_funding_gap_chart_is_nearest_its_own_point():
    """On the demo's chart goals 3 and 16 lie close (38 % red; 3.1 and 0.8 % of budget): each label
    stays nearer its own dot than any other, across both traces (it read "3" beside goal 16)."""
    import math

    from dashboard import data
    from layouts.projects_figures import LABEL_OFFSETS, PLOT_PIXELS
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import registry

    store = data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())
    figure = registry.build("financing-gaps", {}, store).figure
    points = [(x, y, label, side) for trace in figure.data if trace.mode == "markers+text"
              for x, y, label, side in zip(trace.x, trace.y, trace.text, trace.textposition, strict=True)]
    led = {(a.x, a.y): a.text for a in figure.layout.annotations if a.showarrow}
    unit = figure.layout.xaxis.range[1] / PLOT_PIXELS
    assert len(points) >= 15 and led  # the demo's touching markers 14, 10 and 2 need a line
    for x, y, label, side in points:
        if not label:  # crowded: its label is led to it by a line
            assert (x, y) in led
            continue
        dx, dy = LABEL_OFFSETS[side]
        lx, ly = x + dx * unit, y + dy * unit
        nearest = min(points, key=lambda p: math.hypot(p[0] - lx, p[1] - ly))
        assert nearest[:2] == (x, y), (label, side, nearest)
    labels = [label for *_xy, label, _side in points if label] + list(led.values())
    assert sorted(labels, key=int) == [str(g) for g in sorted(int(p[2] or led[p[:2]]) for p in points)]


def test_region_names_under_boxes_wrap_instead_of_slanting():
    from layouts import explore_figures

    frame = pd.DataFrame({"un_region": ["Latin America and the Caribbean"] * 2, "score": [40.0, 50.0],
                          "name": ["A", "B"], "country_iso3": ["BRA", "MEX"]})
    figure = explore_figures.distribution_figure(frame, "score")
    assert "<br>" in figure.data[0].name and figure.layout.xaxis.tickangle == 0


def test_an_unrated_goal_counts_rated_indicators_not_values():
    """Bristol's goal 16 read "2 of its 4 indicators have data; a rating needs at least half": two of
    four is half. What its rating lacked was indicators with a rating (values without thresholds)."""
    goal = rows(("Bribery", 30.0, "red"), ("Satisfaction", 80.0, "grey"))
    short, full = explain.goal_reasons(goal, pd.DataFrame({"goal": [3], "colour": ["grey"]}), {3: 4})[3]
    assert full == "Too few indicators to rate: 1 of its 4 indicators has a rating here."
    assert short == "Too few indicators to rate (1 of 4 rated)"
    none_rated = rows(("Satisfaction", 80.0, "grey"))
    scored = pd.DataFrame({"goal": [3], "colour": ["grey"], "score": [80.0]})
    short, full = explain.goal_reasons(none_rated, scored, {3: 4})[3]
    assert full == "Not rated: 1 of its 4 indicators has data here, but none has a rating."
    assert short == "No rated indicator"


def test_a_chart_comes_out_of_the_view_cache_as_it_went_in():
    """Pickled with its number arrays as bytes and its text arrays as strings (`Chart.__reduce__`),
    a map gives the same JSON after the round trip, names with accents included."""
    import pickle

    import numpy as np
    import plotly.io as pio

    frame = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["Åre", "São Paulo", "Nairobi"],
                          "lat": [63.4, -23.5, -1.3], "lon": [13.1, -46.6, 36.8], "score": [80.0, 45.5, None],
                          "colour": ["green", "red", None], "arrow": ["on_track", "decreasing", None]})
    figure = maps.place_map(frame, "t", by_rating=True)
    assert any(isinstance(t.text, np.ndarray) and t.text.dtype.kind == "U" for t in figure.data)
    again = pickle.loads(pickle.dumps(figure, protocol=pickle.HIGHEST_PROTOCOL))
    assert pio.to_json(again) == pio.to_json(figure)
    assert [list(t.text) for t in again.data] == [list(t.text) for t in figure.data]


def test_a_chart_encodes_its_arrays_as_plotly_does():
    """`design.typed` (the Chart's dict) gives the JSON of plotly's own base64 step on every kind
    of array a figure can hold: NaN, integers that narrow or cannot, unsigned, booleans, text,
    empty, 2-D, strided, a pandas Series, arrays in lists (left as they are) and under the keys
    plotly skips; and on a built map."""
    import json

    import numpy as np
    from _plotly_utils.utils import PlotlyJSONEncoder, convert_to_base64

    def plotly_way(value):
        plain = design.structure(value)
        convert_to_base64(plain)
        return json.dumps(plain, cls=PlotlyJSONEncoder, sort_keys=True)

    def ours(value):
        return json.dumps(design.typed(value), cls=PlotlyJSONEncoder, sort_keys=True)

    family = {
        "x": np.array([1.5, np.nan, 3.0]), "small": np.array([1, 2, 300]), "wide": np.array([-5, 70_000]),
        "huge": np.array([2**40, 1]), "unsigned": np.array([1, 2], dtype="uint64"),
        "flags": np.array([True, False]), "text": np.array(["a", "Åre"]), "empty": np.array([]),
        "grid": np.arange(6.0).reshape(2, 3), "strided": np.arange(10.0)[::2],
        "single": np.array([1.0], dtype="float32"), "series": pd.Series([1.0, 2.0]),
        "listed": [np.array([1.0]), {"y": np.array([2, 3], dtype="int32")}], "pair": (np.array([1.0]), 2),
        "range": np.array([0.0, 1.0]), "geojson": {"z": np.array([1.0])},
        "y0": np.float64(1.5), "count": np.int64(7), "when": np.datetime64("2020-01-02"),
        "masked": np.ma.masked_array([1, 2**40], mask=[False, True]), "zero_d": np.array(2.5),
        "dates": np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[ns]"),
        "index": pd.Index([1.0, 2.0]), "nullable": pd.array([1, None], dtype="Int64"),
    }
    assert ours(family) == plotly_way(family)
    assert '"dtype": "f8"' in ours(family) and '"range": [0.0, 1.0]' in ours(family)
    assert '"y0": 1.5' in ours(family)  # a shape's position stays a number plotly.js can read
    frame = pd.DataFrame({"place_id": ["a", "b"], "name": ["Åre", "Lima"], "lat": [63.4, -12.0],
                          "lon": [13.1, -77.0], "score": [80.0, None], "colour": ["green", None],
                          "arrow": ["on_track", None]})
    figure = maps.place_map(frame, "t", by_rating=True)
    plain = {"data": [trace.to_plotly_json() for trace in figure.data],
             "layout": figure.layout.to_plotly_json()}
    assert ours(plain) == plotly_way(plain)
    assert json.dumps(figure.to_dict(), cls=PlotlyJSONEncoder, sort_keys=True) == plotly_way(plain)
