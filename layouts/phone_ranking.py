"""A long ranking's bars folded to its first few on a phone, said in words, with a button for the rest."""

from __future__ import annotations

from dash import html

from layouts import i18n
from layouts.i18n import _

PHONE_BARS = 20
"""Bars a ranking shows on a phone before its reader asks for more (about 590 px at 24 px a bar): its
200 bars were 4,900 px of a 375 px screen, scrolled past before anything else."""


def bar_count(figure) -> int:
    """The bars a ranking's figure draws, over all its traces (one per rating)."""
    return sum(len(trace.y) for trace in figure.data if trace.type == "bar" and trace.y is not None)


def note(drawn: int, controls: str) -> html.Div | None:
    """What a phone leaves out of a ranking of `drawn` bars, and the button that draws them all in
    the chart held by the element `controls` (`assets/ranking_fold.js` folds the charts of holders a
    note names); None for a ranking of PHONE_BARS bars or fewer. From 576 px the note is hidden and
    every bar is drawn. The live Explore and the published copy's rankings both show it."""
    if drawn <= PHONE_BARS:
        return None
    shown, total = i18n.integer(PHONE_BARS), i18n.integer(drawn)
    return html.Div([
        html.P(_("This screen shows the first {shown} of the chart's {total} bars; the rest are in the "
                 "data table under the chart.").format(shown=shown, total=total), className="small mb-1"),
        html.Button(_("Show all {total} bars").format(total=total), type="button",
                    className="btn btn-outline-primary btn-sm ranking-fold-open",
                    **{"aria-controls": controls}),
    ], className="ranking-fold-note d-sm-none mb-2", **{"data-phone-bars": str(PHONE_BARS)})


def folded(chart, drawn: int, fold_id: str) -> html.Div:
    """The chart, and under it what a phone leaves out of it (`note`): on a phone
    `assets/ranking_fold.js` draws its first PHONE_BARS bars only (the same figure, its category axis
    narrowed) and the button draws them all. A ranking of PHONE_BARS bars or fewer is the chart alone."""
    words = note(drawn, fold_id)
    if words is None:
        return chart
    return html.Div([chart, words], id=fold_id, className="ranking-fold")


def figure_note(figure, controls: str) -> html.Div | None:
    """`note` for a figure drawn as a list of horizontal bars (a ranking), else None: the published
    copy's pages, whose sections hold any chart, fold only their rankings."""
    if figure is None or not figure.data:
        return None
    if any(trace.type != "bar" or trace.orientation != "h" for trace in figure.data):
        return None
    return note(bar_count(figure), controls)
