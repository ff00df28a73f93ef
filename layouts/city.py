"""The city profile's pieces: goal tiles, peers and the side-by-side comparison (indicator rows and
tables: `indicator_rows`, `indicator_tables`; values and sparklines: `sparklines`)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts import design, explain, i18n, names, place_facts
from layouts.i18n import _, ngettext
from layouts.indicator_rows import records
from layouts.indicator_tables import rating_dot
from layouts.reference import DASHBOARD_COLOURS, goal_label, goal_name, rating
from layouts.static_tree import StaticTree
from loaders.scoring.peers import peer_kind, peer_kinds
from loaders.store import StoreData


def goal_tile(goal: int, row: dict | pd.Series | None, projects: int, reason: str = "",
              rated: bool = True, trends: bool = True) -> list:
    """A tile in the goal's own colour showing score, rating (words + colour dot), the score's
    trend and, in short, why it has its rating (the goal's section says it in full). A static-tree
    element (`layouts.static_tree`), made as a list: as Dash components the 17 tiles were about 150
    components built and then taken apart again, a sixth of a city page's time. Without `rated`
    (a source that rates nothing) the score stands alone, and without `trends` (no goal of the
    place has one) there is no trend line: the place's summary says each once, where every one of
    a US state's 17 tiles said "not rated" and "no trend assessed"."""
    score = row["score"] if row is not None else None
    colour = row["colour"] if row is not None else "grey"
    has_score = score is not None and not pd.isna(score)
    words = rating(colour) if colour != "grey" else _("not rated")
    # "no score", not "no data": a goal whose values have no score (one city alone in a store: no
    # spread to score against) said "no data" above its values
    shown = (_("{score} · {rating}").format(score=i18n.number(score, 0), rating=words) if rated
             else _("score {score}").format(score=i18n.number(score, 0))) if has_score else _("no score")
    # colours from site.css; a goal without a score has no indicator section to open (its link led
    # nowhere), so its tile is no link
    tile = (["a", {"className": f"goal-tile sdg-{goal}", "href": f"#goal-{goal}"}] if has_score
            else ["div", {"className": f"goal-tile sdg-{goal}"}])
    tile += [["div", {"className": "tile-number"}, _("Goal {number}").format(number=goal)],
             ["div", {"className": "tile-name"}, goal_name(goal)],
             ["div", {"className": "tile-rating"},
              *([["span", {"className": rating_dot(colour)}]] if rated else []), ["span", {}, shown]]]
    if trends:
        tile.append(["div", {"className": "tile-trend"},
                     explain.score_trend(row["arrow"] if row is not None else None)])
    if reason:
        tile.append(["div", {"className": "tile-why"}, reason])
    if projects:
        tile.append(["div", {"className": "tile-projects"}, ngettext(
            "{count} project", "{count} projects", projects).format(count=i18n.integer(projects))])
    return tile


def goal_tiles(goal_rows: pd.DataFrame, project_counts: dict[int, int],
               reasons: dict[int, tuple[str, str]] | None = None, rated: bool = True) -> StaticTree:
    """The 17 goal tiles, as one StaticTree (read-only links to the goals' sections); `rated`: the
    source rates some goal (`goal_tile`)."""
    columns = [c for c in ("goal", "score", "colour", "arrow") if c in goal_rows.columns]
    by_goal = {int(row["goal"]): row for row in records(goal_rows, columns)}  # last row of a goal wins
    reasons = reasons or {}
    trends = any(isinstance(row.get("arrow"), str) and row["arrow"] != "no_data" for row in by_goal.values())
    tiles = [goal_tile(g, by_goal.get(g), project_counts.get(g, 0), reasons.get(g, ("", ""))[0],
                       rated, trends) for g in range(1, 18)]
    return StaticTree(tree=["div", {"className": "goal-tiles"}, *tiles])


def places_by_id(store: StoreData) -> pd.DataFrame:
    """The places indexed by id, once per version."""
    return store.places.set_index("place_id")


def ranked_by_year(store: StoreData) -> dict[int, pd.DataFrame]:
    """Each year's index of the places the coverage rule ranks (score and rank by place id), once per
    version: peers are compared only where they are comparable."""
    index = store.tables["index"]
    if "ranked" in index:
        index = index[index["ranked"].astype("boolean").fillna(False).to_numpy(dtype=bool)]
    if "whole" not in index:  # scored before wholes were ranked apart: among their parts, as then
        index = index.assign(whole=False)
    index = index.assign(whole=index["whole"].astype("boolean").fillna(False).to_numpy(dtype=bool))
    return {int(year): rows[["score", "rank", "whole"]].set_axis(plain_ids(rows["place_id"]))
            for year, rows in index.groupby("year", sort=False)}


def ranked_whole(store: StoreData, place_id: str, year: int | None) -> bool:
    """Whether the place is ranked in `year` as the whole of places ranked then (the index's `whole`:
    València beside its districts), so that its peers are such wholes, as its rank is."""
    if year is None:
        return False
    index = store.prepared(ranked_by_year).get(int(year))
    return index is not None and bool(index["whole"].get(str(place_id), False))


def plain_ids(ids: pd.Series | pd.Index) -> pd.Index:
    """Place ids as an index of plain strings: looking categorical ids up costs a compatibility check
    of both categories on every call (most of a peer table's time at 10,000 places)."""
    return pd.Index(ids.astype(str).to_numpy(object))


def peer_table(store: StoreData, place_id: str, year: int | None) -> pd.DataFrame:
    """The other cities of the same UN subregion (the place itself left out) with their index score
    and rank in `year`, best first (cities without a score last)."""
    places = store.prepared(places_by_id)
    if place_id not in places.index or year is None:  # a store of projects alone has no year of scores
        return pd.DataFrame()
    place = places.loc[place_id]
    every = subregion_peers(store, place["un_subregion"], int(year), place["kind"],
                            ranked_whole(store, place_id, year))
    others = np.flatnonzero(every["place_id"].to_numpy(dtype=object) != place_id)
    return every.iloc[others].reset_index(drop=True)


def subregion_peers(store: StoreData, subregion: object, year: int, kind: object = "city",
                    whole: bool = False) -> pd.DataFrame:
    """Every city of a UN subregion with its index score and rank in `year`, best first, of the
    ranking of a place of `kind` (a `whole` among such wholes, its parts without it): made once
    per version for the subregions and years pages ask about, since every city page of the
    subregion lists the same peers but itself."""
    def build() -> pd.DataFrame:
        places = store.prepared(places_by_id)
        index = store.prepared(ranked_by_year).get(year, pd.DataFrame(columns=["score", "rank", "whole"]))
        index = index[index["whole"].to_numpy(dtype=bool) == whole]
        same = (places["un_subregion"] == subregion) & (peer_kinds(places["kind"]) == group)
        peers = places[same.astype("boolean").fillna(False).to_numpy(dtype=bool)]
        found = index.index.get_indexer(plain_ids(peers.index))
        peers, found = peers[found >= 0].copy(), found[found >= 0]
        peers["score"] = index["score"].array.take(found)
        peers["rank"] = index["rank"].array.take(found)
        peers = peers.sort_values(["score", "name"], ascending=[False, True], na_position="last")
        peers = peers.reset_index()[["place_id", "name", "country_iso3", "population", "score", "rank"]]
        return peers.assign(label=namesake_labels(store, peers, group),
                            digits=written_digits(store, peers, year, whole))
    group = peer_kind(kind)  # of the place's kind, as its ranks are
    return store.kept("subregion-peers", (str(subregion), year, group, bool(whole)), build)


def namesake_labels(store: StoreData, peers: pd.DataFrame, group: str) -> pd.Series:
    """The peers' names as the map's list names them (`names.place_labels`): with its department
    where another place of the peer group has its name, among every place of the store, not only
    the peers (Bolivia's San Pedro (Santa Cruz) and San Pedro (Pando))."""
    places = store.prepared(places_by_id)
    named = places[(peer_kinds(places["kind"]) == group).to_numpy(dtype=bool, na_value=False)]
    repeated = named["name"][named["name"].duplicated(keep=False).to_numpy(dtype=bool, na_value=False)]
    shared = peers["name"].isin(set(repeated.dropna())).to_numpy(dtype=bool)
    if not shared.any():
        return peers["name"]
    namesakes = named[named["name"].isin(set(peers["name"][shared]))].reset_index()
    labels = names.place_labels(namesakes).astype(str).set_axis(namesakes["place_id"].astype(str))
    return peers["name"].where(~shared, peers["place_id"].astype(str).map(labels))


def written_digits(store: StoreData, peers: pd.DataFrame, year: int, whole: bool) -> list[int]:
    """The decimals each peer's index is written with on its own page and in the map's list
    (`place_facts.written_digits` in its ranking), not those that part it from the peers listed beside
    it: Bolivia's peers read "53.502" and "51.6" where the map wrote 53.50 and 51.58."""
    table = store.tables.get("index")
    if table is None or table.empty or peers.empty:
        return [1] * len(peers)
    _rows, _at, groups = place_facts.year_rows(store, table, year)
    kinds, none = place_facts.kinds_of(store), (np.zeros(0), np.zeros(0, dtype=int))
    ids, scores = peers["place_id"].astype(str), peers["score"].astype("float64")
    return [place_facts.written_digits(*groups.get(place_facts.ranking_of(kinds.get(place), whole), none),
                                       score)
            if score == score else 1 for place, score in zip(ids, scores, strict=True)]


COMPARE_CHOICES = 12
"""Peers offered for a side-by-side comparison: a national store has thousands in one subregion."""


def nearest_peers(peers: pd.DataFrame, score: object, count: int | None = None) -> list[str]:
    """The `count` (COMPARE_CHOICES) peers of `peer_table` nearest to `score` in index score, best
    first; without a score, the best ones."""
    return peers["place_id"].iloc[nearest_positions(peers, score, count)].tolist()


def nearest_positions(peers: pd.DataFrame, score: object, count: int | None = None) -> np.ndarray:
    """Where `nearest_peers` are in `peers`, in its order."""
    count = COMPARE_CHOICES if count is None else count
    if len(peers) <= count:
        return np.arange(len(peers))
    if score is None or pd.isna(score):
        return np.arange(count)
    scores = pd.to_numeric(peers["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    distance = np.where(np.isnan(scores), np.inf, np.abs(scores - float(score)))
    return np.sort(np.argsort(distance, kind="stable")[:count])


def compare_frame(store: StoreData, place_ids: list[str], year: int) -> pd.DataFrame:
    """Goal scores of several places side by side: one row per goal (`goal`, its label in the
    reader's language), one column per place (named by the place)."""
    rows = store.select("goal_scores", ["goal", "place_id", "score"], year=year, place_id=list(place_ids))
    rows = rows.astype({"place_id": "string"})
    names = store.places.set_index("place_id")["name"]
    wide = rows.pivot_table(index="goal", columns="place_id", values="score")
    wide = wide.reindex(range(1, 18)).reindex(columns=place_ids)
    wide.columns = [names.get(p, p) for p in wide.columns]
    wide.insert(0, "goal", [_("{number}. {name}").format(number=g, name=goal_name(g))
                            for g in wide.index])
    return wide.reset_index(drop=True)


COMPARE_COLOURS = design.PALETTE[:4]
"""Places side by side: blues, purple and dark grey, none of them a rating's colour; each place
also has its own bar pattern."""
COMPARE_PATTERNS = ["", "/", ".", "x"]
GOAL_LABEL_WIDTH = 20
"""Goal names on the side-by-side chart's axis are wrapped at this many characters, so that on a
phone the bars keep most of the width (plotly never wraps, and cut "9. Industry, innovation and
infrastructure" at the screen's edge); each goal is given room for its longest name's lines."""


def compare_figure(frame: pd.DataFrame) -> go.Figure:
    """Goal scores of several places as grouped bars on a zero baseline, one colour and pattern per
    place, each bar labelled with its score (`compare_frame`'s shape). The pattern is drawn over the
    place's colour (`fillmode` "overlay"; plotly's default would draw white stripes on nothing, and
    three of the four places' bars were blank). Untitled: the card's heading names it."""
    wrapped = [textwrap.wrap(str(g), GOAL_LABEL_WIDTH) for g in frame["goal"]]
    goals = ["<br>".join(lines) for lines in wrapped]
    lines = max((len(w) for w in wrapped), default=1)  # French goal 13 takes five
    traces = [{"type": "bar", "y": goals, "x": frame[c], "name": c, "orientation": "h",
               "marker": {"color": COMPARE_COLOURS[i % 4],
                          "pattern": {"shape": COMPARE_PATTERNS[i % 4], "fgcolor": "#ffffff",
                                      "fillmode": "overlay"}},
               "text": [i18n.number(v, 0) for v in frame[c]], "textposition": "outside",
               "textfont": {"size": 12}, "cliponaxis": False}
              for i, c in enumerate(frame.columns[1:])]
    return design.figure(traces, {
        "barmode": "group", "height": 200 + len(frame) * max(48, 16 * lines, 17 * (len(frame.columns) - 1)),
        "margin": {"l": 10, "r": 30, "t": 40, "b": 10},
        "separators": i18n.separators(), "yaxis": {"autorange": "reversed"},
        "xaxis": {"range": [0, 105], "title": {"text": _("Score (0-100)")}},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}})


def goal_figure(rows: pd.DataFrame) -> go.Figure:
    """The goal tiles as a bar chart, for a static picture: one bar per goal with a score in its
    rating's colour, with the rating in words at the bar's end (colour is never the only signal); a
    goal without a score is not drawn (it was an empty bar labelled " · not rated")."""
    rows = rows[pd.to_numeric(rows["score"], errors="coerce").notna().to_numpy(dtype=bool)]
    labels = [goal_label(int(g)) for g in rows["goal"]]
    words = [f"{i18n.number(s, 0)} · {rating(c)}" for s, c in zip(rows["score"], rows["colour"], strict=True)]
    colours = [DASHBOARD_COLOURS.get(c if isinstance(c, str) else "grey", "#8A8A8A") for c in rows["colour"]]
    return design.figure(
        [{"type": "bar", "y": labels, "x": rows["score"], "orientation": "h", "text": words,
          "textposition": "outside", "marker": {"color": colours}}],
        {"height": 600, "separators": i18n.separators(),
         "xaxis": {"range": [0, 130], "title": {"text": _("Score (0-100)")}},
         "yaxis": {"autorange": "reversed"}, "margin": {"l": 10, "r": 10}})
