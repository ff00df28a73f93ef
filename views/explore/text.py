"""The explore views' words: each chart's title, what it leaves out, and its summary sentences."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, names, scores, texts
from layouts import explore_figures as figures
from layouts.i18n import _, ngettext
from layouts.reference import text
from views.explore.amounts import (  # noqa: F401 (rating_counts, shared_years: the tests read them here)
    capital,
    rating_counts,
    shared_years,
    year_text,
)
from views.explore.contents import assumed_direction, indicator_names
from views.explore.model import Catalogue, State
from views.explore.options import country_name, sort_label
from views.explore.placed_text import (  # noqa: F401 (picture_bars: the tests read it here)
    distribution_summary,
    picture_bars,
    ranking_summary,
    table_summary,
)
from views.explore.scatter_text import axis_units, scatter_axis, scatter_names, scatter_summary
from views.explore.subject import measure, subject
from views.explore.trend_text import data_years, place_change, trend_summary  # noqa: F401 (place_change: the tests')


def foreign_names(cat: Catalogue, state: State) -> dict[str, str]:
    """The words of the view's sentences in another language than the reader's (the indicators'
    names as the source publishes them), with it: a page tags them (`View.languages`) where each
    name said '(en anglais)' after it."""
    if state.view == "scatter" and state.x and state.y:
        meta = indicator_names(cat).set_index("indicator_id")
        if "name_language" not in meta:
            return {}
        chosen = meta.loc[[state.x, state.y]]
        units = chosen["unit"].map(lambda unit: texts.short_unit(text(unit)))
        found = {**texts.foreign_words(units, chosen["unit_language"]),
                 **texts.foreign_words(chosen["listed_name"], chosen["name_language"])}
    else:
        found = dict(subject(cat, state).languages)
    # a sentence opening on the name writes it capitalised (`capital`): tagged as it is written
    return {**{capital(words): code for words, code in found.items()}, **found}


def chart(frame: pd.DataFrame, cat: Catalogue, state: State, told: dict[int, str] | None = None,
          unshared: list[int] | None = None) -> tuple[str, go.Figure | None, str]:
    """The view's title, figure (None for the table view) and text summary, from the view's frame;
    `told`: the years of its observed values the source writes otherwise (`rows.year_texts`), which
    the values' years take wherever they are written (a trend of values: its title, axis, hover and
    sentences; a ranking's "from ..."). The chosen year stays the number. `unshared`: for a scatter
    whose two indicators share no place in the year at all, the years in which they do."""
    subj = subject(cat, state)
    column, unit, year = measure(subj, state), subj.unit, state.year
    shown = title(frame, cat, state, told)
    if state.view == "ranking":
        # one place is no ranking: one bar alone read as a chart of something (Ashley chosen with
        # Bristol, which is left out beside it); the chart says so and the sentence gives the value
        figure = (design.empty_figure(_("A ranking needs two places or more.")) if len(frame) == 1
                  else figures.ranking_figure(frame, column, unit))
        return shown, figure, ranking_summary(frame, subj, column, year, told)
    if state.view == "distribution":
        return (shown, figures.distribution_figure(frame, column, unit),
                distribution_summary(frame, subj, column, year, told))
    if state.view == "trend":
        points = told if column == "value" else None  # a score's year is the year it is computed for
        return (shown, figures.trend_figure(frame, column, unit, points),
                trend_summary(frame, subj, column, state, points))
    if state.view == "scatter":
        (x_name, x_plain), (y_name, y_plain) = scatter_names(cat, state)
        x_unit, y_unit = axis_units(cat, state)
        # the axes are plotly's and the title a picture's too: the names' language marked after them
        axes = (scatter_axis(x_name, state.measure, x_unit), scatter_axis(y_name, state.measure, y_unit))
        return (shown, figures.scatter_figure(frame, state.x, state.y, axes, state.size),
                scatter_summary(frame, state, x_plain, y_plain, told, unshared))
    return shown, None, table_summary(frame, subj, state, sort_label(state.sort, state.measure, subj.assumed))


def title(frame: pd.DataFrame, cat: Catalogue, state: State, told: dict[int, str] | None = None,
          marked: bool = True) -> str:
    """The view's title. `marked`: an indicator's name in another language than the reader's is
    marked after it ("(en anglais)"), as a picture's title and a chart's heading write it; else bare,
    as a table's caption holds it, the page tagging it with its language (`Table.languages`): the
    French scatter's table was captioned "... (en anglais) en fonction de ... (en anglais)"."""
    subj = subject(cat, state)
    if not marked and subj.kind == "indicator":
        subj = replace(subj, label=subj.phrase)
    year, values = state.year, measure(subj, state) == "value"
    if state.view == "ranking":
        shown = (_("Ranking by {subject} (values), {year}") if values
                 else _("Ranking by {subject} (scores), {year}"))
        # the subject as inside a sentence: "Classement selon l'objectif 3 (…)", not "selon Objectif 3 : …"
        return shown.format(subject=subj.titled, year=year)
    if state.view == "distribution":
        shown = (_("{subject} (values) by UN region, {year}") if values
                 else _("{subject} (scores) by UN region, {year}"))
        return shown.format(subject=capital(subj.label), year=year)
    if state.view == "trend":
        start, end = data_years(frame, state)
        if start == end:  # one year drawn: "2015 to 2015" said a span
            shown = _("{subject} (values), {start}") if values else _("{subject} (scores), {start}")
        else:
            shown = (_("{subject} (values), {start} to {end}") if values
                     else _("{subject} (scores), {start} to {end}"))
        points = told if values else None  # a score's year is the year it is computed for
        return shown.format(subject=capital(subj.label), start=year_text(start, points),
                            end=year_text(end, points))
    if state.view == "scatter":
        (x_name, x_plain), (y_name, y_plain) = scatter_names(cat, state)
        x, y = (x_name, y_name) if marked else (x_plain, y_plain)
        return _("{y} against {x}, {year}").format(y=y, x=x, year=year)
    # the subject as a sentence holds it: "Territoires selon l'objectif 1" (was "selon Objectif 1")
    return _("Places by {subject}, {year}").format(subject=subj.titled, year=year)


def where(cat: Catalogue, state: State) -> list[str]:
    """The geographic filters in effect, most specific first: the country, else the subregion, else
    the region; then the population band."""
    parts = []
    if state.country:
        stored = cat.places.loc[cat.places["country_iso3"] == state.country, "country_name"]
        parts.append(country_name(state.country, stored.iloc[0] if len(stored) else ""))
    elif state.subregion or state.region:
        parts.append(names.region(state.subregion or state.region))
    if state.band:
        parts.append(_("population {sizes}").format(sizes=scores.band_range(state.band)))
    return parts


def chosen(cat: Catalogue, state: State, left: frozenset[str] = frozenset()) -> str | None:
    """The chosen places by name (up to three), else how many; not those `left` out of the chart (a
    whole beside its own part: Bristol chosen with its ward Ashley was named over Ashley's bar alone)."""
    places = [p for p in state.places if p not in left]
    if not places:
        return None
    labels = cat.places.set_index("place_id")["label"]
    shown = [str(labels.get(p, p)) for p in places]
    if len(shown) <= 3:
        return i18n.join(shown)
    return ngettext("{count} chosen place", "{count} chosen places", len(shown)).format(
        count=i18n.integer(len(shown)))


def subtitle(cat: Catalogue, state: State, drawn: int | None = None,
             left: frozenset[str] = frozenset()) -> str:
    """What the title leaves out: every filter in effect, and which places a chart picks by itself
    (a trend's five best, or the `drawn` places with data where they are fewer); of the places
    chosen, those drawn (`left`: place_ids left out, which its summary names and says why)."""
    parts = where(cat, state)
    picked = chosen(cat, state, left)
    if picked:
        parts.append(picked)
    elif state.view == "trend" and cat.alone:
        parts.append(str(cat.places["label"].iloc[0]))
    elif state.view == "trend" and drawn and drawn < 5:
        parts.append(ngettext("the only place with data", "the {count} places with data", drawn).format(
            count=i18n.integer(drawn)))
    elif state.view == "trend" and state.measure == "value" and assumed_direction(cat, state.indicator):
        parts.append(_("the five highest places by their latest value shown"))
    elif state.view == "trend" and state.measure == "value" and state.indicator:
        parts.append(_("the five best places by their latest value shown"))
    elif state.view == "trend":
        parts.append(_("the five best places in the last year shown"))
    if state.view == "table" and state.find:
        parts.append(_("names containing '{find}'").format(find=state.find))
    if not parts:
        return _("all places")
    return " · ".join(parts)
