"""The explore view's state read from an address or the controls, and written back: each bad value named."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from layouts.i18n import _
from loaders.store import StoreData
from views.explore import contents as explore_contents
from views.explore import options as explore_options
from views.explore.allowed import context, kept, offered_views, opening_measure, partial
from views.explore.declaration import DECLARATION
from views.explore.model import Catalogue, State


def page_view(store: StoreData) -> str:
    """The view the explore page opens on without a `view` in its address (its first picture, its
    oEmbed, the published copy's first chart)."""
    cat = context(store)
    return kept(cat, "page_view", (), lambda: parse({}, cat)[0].view)


def parse(raw: dict, cat: Catalogue) -> tuple[State, list[str]]:
    """URL parameters (or control values) to a valid state; each bad value named and replaced. An
    address that names an indicator and neither goal nor target is read with the indicator's goal
    where the goal Explore opens on does not offer it: `/explore?indicator=16-1-4-ward` on Bristol's
    data said the indicator "is not known here" (Explore opens on Goal 2 there) and showed another
    chart. Control values always carry a goal."""
    state, problems = read_state(raw, cat)
    asked = raw.get("indicator")
    if isinstance(asked, str) and state.indicator != asked and "goal" not in raw and "target" not in raw:
        found = cat.indicators.loc[cat.indicators["indicator_id"].astype(str) == asked, "goal"] \
            if len(cat.indicators) else pd.Series(dtype="float64")
        goal = pd.to_numeric(found, errors="coerce").dropna()
        if len(goal):
            return read_state({**raw, "goal": str(int(goal.iloc[0]))}, cat)
    return state, problems


def read_state(raw: dict, cat: Catalogue) -> tuple[State, list[str]]:
    """`parse` of the parameters as they are."""
    undrawable = raw.get("view") == "scatter" and "scatter" not in offered_views(cat)  # known, not here
    same_axes = raw.get("y") not in (None, "") and raw.get("y") == raw.get("x")  # y: among the others
    left_out = {"view", "x", "y", "size"} if undrawable else {"y"} if same_axes else set()
    values, problems = DECLARATION.read({k: v for k, v in raw.items() if k not in left_out}, cat)
    if undrawable:
        problems.insert(0, _("A scatter plot needs two indicators; this data has fewer. The default chart "
                             "is shown instead."))
    elif same_axes and values.get("x") == raw.get("x"):
        problems.append(_("The address asks for the same indicator across and up; another is shown up "
                          "instead."))
    state = partial(values)
    if state.start is not None and state.end is not None and state.start > state.end:
        problems.append(
            _("from {start} is after to {end}; showing {first} to {last}.").format(
                start=state.start, end=state.end, first=cat.years[0], last=cat.years[-1]
            )
        )
        state = replace(state, start=cat.years[0], end=cat.years[-1])
    if state.measure == "value" and not state.indicator and state.view != "scatter":
        state = replace(state, measure="score")
    return state, problems


def to_query(state: State, cat: Catalogue) -> dict[str, str]:
    """The state as URL parameters, defaults left out (the same dict the page stores for downloads)."""
    return DECLARATION.write(vars(state) | {"places": state.places}, cat)


def follow_defaults(raw: dict, previous: dict, cat: Catalogue) -> dict:
    """x and y follow the goal and indicator until the user picks them (they were absent from the URL),
    judged against the state shown before, defaults included: the goal Explore opens on where the
    index ranks no place (Bristol's) is absent from the URL, and x and y were taken as picked."""
    before = parse(previous, cat)[0]
    was = dict(zip(("x", "y"), explore_options.scatter_defaults(cat.indicators, before), strict=True))
    if cat.measured:  # one place: its opening indicator, and what it showed of it, follow too
        was["indicator"] = explore_contents.opening_indicator(cat, before.goal, before.target)
        was["measure"] = opening_measure(cat, {"indicator": before.indicator})
    return {k: v for k, v in raw.items() if not (k in was and k not in previous and v == was[k])}
