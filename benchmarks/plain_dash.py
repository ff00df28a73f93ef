"""The baseline of benchmarks/serving_speed.py: the map a user would write with plain Dash, without
this project. One dcc.Graph, two controls, and a callback that filters a long DataFrame (every
place's goal score in every year, read whole into each worker) with pandas and returns
px.scatter_geo. Served by gunicorn exactly as the project is: `gunicorn plain_dash:server` with the
store folder in $PLAIN_DASH_STORE. A second callback does nothing (it hands the goal back): its time
is the floor of any callback on this stack (the client, HTTP, gunicorn, Flask and Dash's dispatch),
which a ratio to the map cannot go below.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html


def long_frame(store: Path) -> pd.DataFrame:
    version = store / "versions" / (store / "CURRENT").read_text(encoding="utf-8").strip()
    scores = pd.read_parquet(version / "goal_scores.parquet", columns=["place_id", "goal", "year", "score"])
    places = pd.read_parquet(version / "places.parquet", columns=["place_id", "name", "lat", "lon"])
    return scores.astype({"place_id": "string"}).merge(places, on="place_id")


frame = long_frame(Path(os.environ["PLAIN_DASH_STORE"]))
years = sorted(frame["year"].unique())
app = Dash(__name__)
app.layout = html.Div([
    dcc.Dropdown(id="goal", options=list(range(1, 18)), value=1),
    dcc.Slider(id="year", min=years[0], max=years[-1], step=1, value=years[-1]),
    dcc.Graph(id="map"),
    dcc.Store(id="echo"),
])


@app.callback(Output("map", "figure"), Input("goal", "value"), Input("year", "value"))
def update(goal: int, year: int):
    rows = frame[(frame["goal"] == int(goal)) & (frame["year"] == int(year))]
    return px.scatter_geo(rows, lat="lat", lon="lon", color="score", hover_name="name",
                          range_color=(0, 100), title=f"Goal {goal}, {year}")


server = app.server


@app.callback(Output("echo", "data"), Input("goal", "value"))
def echo(goal: int):
    return goal
