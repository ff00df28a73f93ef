"""What every view builds: one plain object that pages, embeds, the API and exports all render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go

from layouts.i18n import _
from loaders.store import StoreData

T = TypeVar("T")


@dataclass
class Table:
    """A chart's data as rows: headers in the reader's language, values as shown; `links` maps a
    column to the column holding each row's link (left out when rendered)."""

    rows: pd.DataFrame
    caption: str
    links: dict[str, str] = field(default_factory=dict)
    nowrap: tuple[str, ...] = ()
    """Columns whose cells stay on one line (a year written as a period: '2020-21' broke after its
    hyphen in a narrow column)."""
    languages: dict[str, str] = field(default_factory=dict)
    """Headers written in another language than the reader's, with it: tagged (`lang`), as the
    sentences tag those names, not marked "(in English)" after each."""
    caption_languages: dict[str, str] = field(default_factory=dict)
    """Words of the caption in another language than the reader's (an indicator's name), with it:
    tagged where the caption holds them, as the headers are."""


@dataclass
class View:
    """One view for one state: what a page, an embed, a picture and the API say about it."""

    title: str
    summary: str
    table: Table | None
    full_path: str
    """The full page that shows this view, with the state's query (no language)."""
    figure: go.Figure | None = None
    subtitle: str = ""
    """What the title leaves out: the filters in effect, the selection rule."""
    body: Any = None
    """A view drawn as HTML rather than a chart (the goal tiles)."""
    picture: go.Figure | None = None
    """The figure a static picture draws, when it differs from `figure`."""
    api_path: str | None = None
    query: dict[str, str] = field(default_factory=dict)
    """The canonical query of the state, defaults left out: the URL the browser shows."""
    problems: list[str] = field(default_factory=list)
    hint: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Links the summary points to, as (words, path): where a reader learns why something is missing."""
    caveat: str = ""
    """What the chart leaves out, said on its picture too (a PNG has no summary beside it): a
    ranking's first 200 of 339 places under "all places", a map's places without coordinates."""
    languages: dict[str, str] = field(default_factory=dict)
    """Words of the data inside its sentences that are in another language than the reader's, with
    that language (Benin's French indicator names on an English map): HTML tags them (`lang`)."""

    @property
    def heading(self) -> str:
        """Title and subtitle on one line (a picture's caption), punctuated as the language does."""
        return _("{title}: {subtitle}").format(title=self.title, subtitle=self.subtitle) if self.subtitle \
            else self.title


class NotAvailable(LookupError):
    """The state names something the store does not have (a place, districts, two indicators)."""


def prepared(store: StoreData, build: Callable[[StoreData], T]) -> T:
    """What `build` (a module-level function) makes of a store version, computed once per version:
    the views' catalogues (`StoreData.prepared`)."""
    return store.prepared(build)


