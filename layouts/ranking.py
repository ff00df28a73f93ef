"""The first screen's answers to "how is my city doing?": a ranked list beside the map, a place
search that forgives accents and other spellings, and ranks said with their group size."""

from __future__ import annotations

import difflib
import heapq
import re
import unicodedata

import numpy as np
import pandas as pd
from dash import dcc, html

from layouts import design, i18n, names
from layouts.facts import separating_digits
from layouts.i18n import N_, _, ngettext
from layouts.reference import rating
from layouts.scores import LOCAL_KINDS
from layouts.static_tree import StaticTree


def folded(text: object) -> str:
    """Text as a search compares it: no accents, no case, punctuation as spaces
    ('São Paulo' -> 'sao paulo', "N'Djamena" -> 'n djamena', 'Ho Chi Minh City' -> 'ho chi minh city')."""
    if not isinstance(text, str):
        return ""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    return re.sub(r"[\W_]+", " ", plain).strip()


def search_key(name: object, country: str) -> str:
    """Everything a reader may type for a place: its name as written, without accents, run
    together ('dar es salaam' and 'daressalaam'), and its country."""
    plain = folded(name)
    return " ".join(dict.fromkeys([str(name), plain, plain.replace(" ", ""), country, folded(country)]))


MAX_TYPED = 200
"""Characters of a search read at most: a request may carry a megabyte of words, each compared with
every place."""
PLACE_LIST = 500
"""Places a control lists at most (explore's places, the projects page's place filter): with more (a
national store lists thousands, 470 kB of a page at 10,000 places, and a list no phone can scroll
through), it lists the chosen places and finds the others as the reader types a name."""
PLACE_MATCHES = 50
"""Places found for what a reader types into such a control, at most (more words find fewer)."""


def typed_words(typed: object) -> list[str]:
    """The words a search compares: those of the first MAX_TYPED characters typed, `folded`; none
    for anything but text."""
    return folded(typed[:MAX_TYPED]).split() if isinstance(typed, str) else []


SEARCH_LABELS = {"region": N_("Find your region"), "department": N_("Find your department"),
                 "state": N_("Find your state"), "province": N_("Find your province"),
                 "country": N_("Find your country")}


def search_label(kind: object) -> str:
    """The place search's label for a store whose map carries places of `kind` (a district's
    store is one of cities and districts), translated."""
    kind = "region" if str(kind) not in SEARCH_LABELS and str(kind) in names.UNIT_WORDS else str(kind)
    return _(SEARCH_LABELS.get(kind, N_("Find your city")))


def search_index(places: pd.DataFrame, kinds: tuple[str, ...] = LOCAL_KINDS) -> pd.DataFrame:
    """The cities and districts with what a search compares, in the reader's language (the country's
    name is in its key and label): `folded` name, name run together, key and label. Made once per
    data version and language (`dashboard.pages.home`): folding every name for every keystroke took
    120-160 ms at 10,000 places."""
    rows = places[places["kind"].isin(kinds)]
    countries = [names.country(iso3) or "" if kind != "country" else ""  # a country is named once
                 for iso3, kind in zip(rows["country_iso3"], rows["kind"], strict=True)]
    # with its department, state or province where the source names it ("Entre Ríos, Tarija")
    areas = (rows["area"].astype("string").fillna("").str.strip() if "area" in rows
             else pd.Series("", index=rows.index, dtype="string"))
    wheres = [", ".join(part for part in (area, country) if part) for area, country in
              zip(areas.tolist(), countries, strict=True)]
    plain = [folded(name) for name in rows["name"]]
    sources = rows["name_in_source"].tolist() if "name_in_source" in rows else [None] * len(rows)
    twins = rows[["name", "country_iso3"]].astype("string").fillna("").assign(area=areas)
    twins = twins.duplicated(keep=False)
    return pd.DataFrame({
        "place_id": rows["place_id"].to_numpy(dtype=object), "name": rows["name"].to_numpy(dtype=object),
        "iso3": rows["country_iso3"].to_numpy(dtype=object), "plain": plain,
        "joined": [name.replace(" ", "") for name in plain],
        # a country named in the reader's language is found by the source's name too ("Korea, Rep.")
        "key": [folded(search_key(name, where) + (f" {source}" if isinstance(source, str) else ""))
                for name, where, source in zip(rows["name"], wheres, sources, strict=True)],
        "label": [(_("{place}, {country}").format(place=name, country=where) if where else str(name))
                  + (f" ({place})" if twin else "")  # a second place of that name in that area
                  for name, where, place, twin in zip(rows["name"], wheres, rows["place_id"],
                                                      twins.tolist(), strict=True)]})


def find(places: pd.DataFrame, typed: str, limit: int = 8, index: pd.DataFrame | None = None,
         hits: list[int] | None = None) -> list[tuple[str, str]]:
    """(place_id, 'Name, Country') of the cities and districts whose name or country holds every
    word typed, accents, case and punctuation ignored; names that start with the words first.
    `index`: `search_index(places)` made before (else made here); `hits`: its `matching` places."""
    words = typed_words(typed)
    if not words:
        return []
    index = search_index(places) if index is None else index
    hits = matching(index, words) if hits is None else hits
    if not hits:
        return close_spellings(index, " ".join(words), limit)
    spaced, together = " ".join(words), "".join(words)
    found = index.iloc[hits]
    ranked = heapq.nsmallest(limit, (
        (not (plain.startswith(spaced) or joined.startswith(together)), plain, place_id, label)
        for plain, joined, place_id, label in zip(found["plain"], found["joined"], found["place_id"],
                                                  found["label"], strict=True)))
    return [(place_id, label) for _rank, _key, place_id, label in ranked]


def matching(index: pd.DataFrame, words: list[str]) -> list[int]:
    """Positions of the index's places whose search key holds every word."""
    return [position for position, key in enumerate(index["key"].tolist()) if all(w in key for w in words)]


def close_spellings(index: pd.DataFrame, typed: str, limit: int) -> list[tuple[str, str]]:
    """Places whose name is spelt nearly as typed ('Bogata' finds Bogotá, 'Nairobbi' Nairobi)."""
    listed = zip(index["place_id"], index["name"], index["iso3"], index["plain"], strict=True)
    keys = {plain: (place_id, name, iso3) for place_id, name, iso3, plain in listed}
    close = difflib.get_close_matches(typed, list(keys), n=limit, cutoff=0.75)
    return [(keys[k][0], _("{place}, {country}").format(place=keys[k][1], country=names.country(keys[k][2])))
            for k in close]


def holding(folded_labels: list, typed: object, limit: int | None = None) -> list[int]:
    """Positions of the labels (each `folded` already) that hold every word typed: those that start
    with the words first ('city 77' before 'city 1077'), each group in the labels' order; the first
    `limit` of them (`typed_words`)."""
    words = typed_words(typed)
    if not words:
        return []
    found = [at for at, label in enumerate(folded_labels) if all(word in label for word in words)]
    start = " ".join(words)
    found.sort(key=lambda at: not folded_labels[at].startswith(start))  # stable: order kept within
    return found if limit is None else found[:limit]


def search_results(places: pd.DataFrame, typed: str | None, index: pd.DataFrame | None = None
                   ) -> tuple[list, str]:
    """The places found for what was typed, as links to their pages, and one sentence that says how
    many (the page reads the sentence out, not the list: each pause in typing read up to eight
    "Name, Department, Country" aloud, and never said there were more); `index` as for `find`."""
    if not typed or not folded(typed):
        return [], ""
    index = search_index(places) if index is None else index
    hits = matching(index, typed_words(typed))
    found = find(places, typed, index=index, hits=hits)
    if not found:
        return [], _("No place matches '{typed}'. Try fewer letters.").format(typed=typed[:MAX_TYPED])
    total = len(hits) or len(found)  # near spellings: those found
    if total > len(found):  # the projects page's place search says the same
        said = _("The first {shown} of {count} places found are listed below; more letters find "
                 "fewer.").format(shown=i18n.integer(len(found)), count=i18n.integer(total))
    else:
        said = ngettext("{count} place found, listed below.", "{count} places found, listed below.",
                        len(found)).format(count=i18n.integer(len(found)))
    return [html.Ul([html.Li(dcc.Link(label, href=i18n.href(f"/city/{place_id}")))
                     for place_id, label in found], className="search-results list-unstyled mb-0")], said


def rank_words(rank: object, total: int) -> str:
    """'rank 148 of 150': a rank always with the size of its group."""
    return _("rank {rank} of {total}").format(rank=i18n.integer(rank), total=i18n.integer(total))


MAX_RANKED = 200
"""Places the ranked list shows at most: a list of thousands is not read beside a map; the search
finds any place, and the table below the map lists every one."""


def score_texts(scores: pd.Series, digits: np.ndarray | None = None) -> list[str]:
    """The scores of a list in order, each with the decimals that tell it from its neighbours
    (`separating_digits`) or with the `digits` given, in the reader's number format."""
    values = np.asarray(scores, dtype="float64")
    digits = separating_digits(values) if digits is None else np.asarray(digits, dtype=int)
    texts = i18n.numbers(values, 1)
    for more in sorted(set(digits.tolist()) - {1}):  # rare: plain arrays, no pandas on the way
        at = np.flatnonzero(digits == more)
        for position, text in zip(at.tolist(), i18n.numbers(values[at], more), strict=True):
            texts[position] = text
    return list(texts)


def tied_ranks(scores: np.ndarray) -> np.ndarray:
    """1, 1, 3 for scores best first where the first two are equal (as written on the page, so that
    65.24 and 65.21, both "65.2", share a number as the summary's tie does): places tied at the top
    were numbered 1 and 2 beside a summary saying they share the highest score."""
    if not len(scores):
        return np.zeros(0, dtype=int)
    starts = np.r_[True, scores[1:] != scores[:-1]]
    return np.maximum.accumulate(np.where(starts, np.arange(len(scores)), 0)) + 1


def ranked_list(frame: pd.DataFrame, goal: int | None, limit: int = MAX_RANKED) -> StaticTree:
    """The places of the map, best first, as links: position, name, score and (for a goal some place
    is rated for) the rating in words beside its colour; the first `limit` of them, then a sentence
    saying how many more the table lists and how many have no score. One StaticTree whose items carry no class
    names (site.css styles them by position): a component per element made the map wait seconds
    for the renderer, and the names repeated on every item were most of the map callback's bytes."""
    scored = frame.dropna(subset=["score"])
    shown = scored.head(limit)
    scores = score_texts(shown["score"].astype("float64"))  # 62.21 and 62.19, not both 62.2
    ranks = tied_ranks(np.asarray(scores, dtype=object))  # tied as the page writes them, as the summary says
    positions = i18n.numbers(pd.Series(ranks, dtype="float64"), 0)
    links = i18n.hrefs([f"/city/{place}" for place in shown["place_id"]])
    colours = None
    # a goal no place is rated for (its source states no thresholds) says so once, in the summary:
    # the European cities' list said "not rated" under each of its 45 places
    rated = "colour" in frame and frame["colour"].astype("string").fillna("grey").ne("grey").any()
    if goal is not None and rated:
        colours = shown["colour"].astype(str).tolist()
    words = {key: rating(key) for key in set(colours or [])}
    names_shown = shown["name"].astype(str)
    if {"place_id", "country_iso3"} <= set(frame.columns):  # two places of one name: which is which
        # among every place of the map, not only those listed: Bolivia's San Pedro (Santa Cruz) was
        # bare at 61 because its namesake (Pando) is 336th
        repeated = frame["name"].duplicated(keep=False).to_numpy(dtype=bool, na_value=False)
        if repeated.any() and names_shown.isin(frame["name"][repeated]).any():
            namesakes = frame[frame["name"].isin(names_shown[names_shown.isin(frame["name"][repeated])])]
            labels = names.place_labels(namesakes).astype(str)
            names_shown = names_shown.where(~names_shown.index.isin(labels.index),
                                            labels.reindex(names_shown.index))
    items = []
    for index, name in enumerate(names_shown):
        item = ["li", {"value": str(ranks[index])}, ["span", {"aria-hidden": "true"}, positions[index]],
                ["a", {"href": links[index]}, name], ["span", {}, scores[index]]]
        if colours is not None:
            item.append(["span", {"data-rating": design.rating_key(colours[index])}, words[colours[index]]])
        items.append(item)
    listing = {"className": "ranked-list", "tabIndex": "0", "aria-labelledby": "ranking-heading"}
    tree = ["div", {"className": "ranking"},
            ["h2", {"className": "h6 mb-1", "id": "ranking-heading"}, _("Ranking")], ["ol", listing, *items]]
    notes = []
    if len(scored) > len(shown):
        notes.append(_("The first {shown} of {total} places with a score; the table lists them all.").format(
            shown=i18n.integer(len(shown)), total=i18n.integer(len(scored))))
    withheld = int(frame["too_little_data"].to_numpy(bool).sum()) if "too_little_data" in frame else 0
    unscored = len(frame) - len(scored) - withheld
    if withheld:  # the index the coverage rule withholds: they have values, too few to be ranked
        notes.append(i18n.ngettext(
            "{count} place has data for too few indicators to be ranked.",
            "{count} places have data for too few indicators to be ranked.", withheld).format(
            count=i18n.integer(withheld)))
    if unscored:
        notes.append(i18n.ngettext("{count} place has no score.", "{count} places have no score.",
                                   unscored).format(count=i18n.integer(unscored)))
    if notes:
        tree.append(["p", {"className": "small text-muted"}, " ".join(notes)])
    return StaticTree(tree=tree)
