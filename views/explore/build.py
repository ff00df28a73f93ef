"""One explore view for one state: its rows, title with the filters in effect, figure and summary."""

from __future__ import annotations

from layouts import as_published, facts, i18n, names, summaries
from layouts.i18n import _, ngettext
from loaders.store import StoreData
from views.base import NotAvailable, Table, View
from views.explore import pairs, rows, shown, text
from views.explore import places as explore_places
from views.explore.amounts import amount
from views.explore.model import Catalogue, State
from views.explore.placed_text import picture_bars
from views.explore.scatter_text import scatter_amounts
from views.explore.state import context, to_query
from views.explore.subject import measure, subject, subject_scores
from views.explore.trend_text import carried_sentence
from views.map import value_span
from views.params import download_url, encode


def build(store: StoreData, state: State, cat: Catalogue | None = None, with_table: bool = True) -> View:
    """Exactly the rows the chart draws, the table lists and the download gives, with their words;
    without its table (`with_table=False`: None) where the page sends the table only when opened."""
    cat = cat or context(store)
    if not cat.years:
        raise NotAvailable(_("This data holds no scores yet."))
    if state.view == "scatter" and not (state.x and state.y):
        raise NotAvailable(_("A scatter plot needs two indicators; this data has fewer."))
    frame, left_out = rows.frame_and_wholes(store, cat, state)
    # the years of its observed values as the source wrote them; the frame (the API's rows) keeps numbers
    observed = shown.observed(state)
    told = shown.year_texts(store, shown.observed_indicators(state), frame, observed) if observed else {}
    title, figure, summary = text.chart(frame, cat, state, told, unshared(store, cat, state, frame))
    notes = (carried(store, cat, state, frame), score_years(store, cat, state, frame),
             wholes_left_out(cat, state, left_out),
             alone(cat, state, frame), measured_elsewhere(store, cat, state),
             guessed(store, cat, state, frame), published(store, cat, state, frame))
    summary = " ".join(part for part in (summary, *notes) if part)
    # the names bare, tagged with their language where the table is drawn (its `languages`), not
    # marked "(en anglais)" as the chart's title and picture have them
    caption = ngettext("{title}: {count} row, as downloaded", "{title}: {count} rows, as downloaded",
                       len(frame)).format(title=text.title(frame, cat, state, told, marked=False),
                                          count=i18n.integer(len(frame)))
    periods = tuple(shown.column_label(c) for c in observed if c in frame) if told else ()
    languages = text.foreign_names(cat, state)
    table = Table(shown.display_frame(frame, cat, told, observed), caption,
                  {shown.column_label("name"): "link"}, periods,
                  shown.indicator_headers(cat, frame.columns)[1], languages) if with_table else None
    query = to_query(state, cat)
    drawn = frame["place_id"].nunique() if state.view == "trend" else None
    caveat = picture_bars(len(frame)) if state.view == "ranking" else ""
    return View(title, summary, table, "/explore" + encode(query), figure=figure,
                subtitle=text.subtitle(cat, state, drawn, left_ids(left_out)),
                api_path=download_url("explore", query, "csv"),
                query=query, caveat=caveat, languages=languages)


def left_ids(left_out) -> frozenset[str]:
    return frozenset(left_out["place_id"].astype(str)) if "place_id" in left_out else frozenset()


def carried(store: StoreData, cat: Catalogue, state: State, frame) -> str:
    """Beside a goal's or the index's trend, the years it leaves out of the lines drawn, whose scores
    only repeat older values (`fresh.measured`)."""
    if state.view != "trend" or frame.empty:
        return ""
    subj = subject(cat, state)
    if subj.kind == "indicator":
        return ""
    scored = subject_scores(store, subj, state.start, state.end).dropna(subset=["score"])
    scored = scored[scored["place_id"].isin(frame["place_id"])]
    drawn = set(zip(frame["place_id"].astype(str), frame["year"].astype(int), strict=True))
    left = {int(y) for p, y in zip(scored["place_id"].astype(str), scored["year"], strict=True)
            if (p, int(y)) not in drawn}
    return carried_sentence(subj, sorted(left))


def unshared(store: StoreData, cat: Catalogue, state: State, frame) -> list[int] | None:
    """For an empty scatter whose two indicators share no place in the year, with or without the
    filters, the years in which they do (Bristol's opened on two sharing no ward in 2021); else None."""
    if state.view != "scatter" or not frame.empty or cat.shared is None:
        return None
    if pairs.shared(cat.shared(state.year, state.measure), state.x, state.y):
        return None  # the filters leave out the places they share: the sentence says "in the selection"
    return pairs.years_shared(store, state.x, state.y, state.measure)


def published(store: StoreData, cat: Catalogue, state: State, frame) -> str:
    """Beside a ranking of the index, the place the source's own index ranks first, as the map says it
    (SDSN's Africa: this dashboard's Tunisia first, SDSN's Mauritius)."""
    subj = subject(cat, state)
    if subj.kind != "index" or state.view not in ("ranking", "table") or frame.empty or state.year is None:
        return ""
    ranked = frame.sort_values("score", ascending=False, kind="stable")
    best = ranked[ranked["score"] == ranked["score"].iloc[0]]
    names, ids = best["name"].astype(str).tolist(), tuple(best["place_id"].astype(str))
    top = facts.Extreme(names[0], float(best["score"].iloc[0]), tuple(names[1:]), ids=ids)
    found = as_published.published_first(store, frame, state.year, top)
    return summaries.published_first_sentence(found, state.year, ranking=True)


def guessed(store: StoreData, cat: Catalogue, state: State, frame) -> str:
    """Where the scores shown rest on a direction the source never stated and nothing told
    (`facts.assumed_directions`), as the map says it; an indicator's values say no 'best' instead."""
    subj = subject(cat, state)
    if frame.empty or measure(subj, state) != "score" or state.view == "scatter":
        return ""
    if subj.kind == "indicator":
        return _("The source states no direction for {indicator}, and neither its bounds nor its name "
                 "tell: it is scored as higher is better, which may rank places the wrong way "
                 "round.").format(indicator=subj.phrase) if subj.assumed else ""
    return summaries.assumed_sentence(*facts.assumed_directions(store, subj.goal), subj.goal)


def alone(cat: Catalogue, state: State, frame) -> str:
    """Why a store of one place shows no scores, where they were asked for (`summaries.alone_sentence`)."""
    if not cat.alone or not frame.empty or measure(subject(cat, state), state) != "score":
        return ""
    return summaries.alone_sentence(str(cat.places["name"].iloc[0]))


def wholes_left_out(cat: Catalogue, state: State, left_out) -> str:
    """The sentence naming a city left out of a ranking, a scatter or a time series' five best
    because its own wards are in it (`wholes.without_wholes`), as the map says it; a value with its
    unit, a scatter's two values with theirs. A scatter and a time series draw without ranking."""
    if left_out.empty:
        return ""
    if state.view == "scatter":
        amounts = scatter_amounts(left_out, cat, state)
    else:
        subj = subject(cat, state)
        column = measure(subj, state)
        amounts = [amount(value, column, subj.unit) for value in left_out[column].tolist()]
    return summaries.wholes_sentence(list(zip(left_out["name"].astype(str), amounts, strict=True)),
                                     ranked=state.view not in ("scatter", "trend"))


def score_years(store: StoreData, cat: Catalogue, state: State, frame) -> str:
    """For a ranking of goal or index scores, the years of the values behind them where they are not
    all the year's, as the map says it: Nepal's Goal 1 ranked "in 2022" on values from 2011 (an
    indicator's ranking says it of its values itself, `amounts.value_years`)."""
    subj = subject(cat, state)
    if state.view != "ranking" or subj.kind not in ("goal", "index") or frame.empty or state.year is None:
        return ""
    goal = subj.goal if subj.kind == "goal" else None
    return summaries.score_years(state.year, value_span(store, frame, goal, state.year))


SHOWN_OTHERS = 3
"""Places of other kinds a sentence names before counting the rest."""


def measured_elsewhere(store: StoreData, cat: Catalogue, state: State) -> str:
    """Places outside the ones Explore compares (those the map shows) that have the indicator too:
    Benin's store maps and ranks its 15 countries, and an indicator measured for its 12
    départements said "Only Benin has scores for it", which is not what the data says."""
    subj = subject(cat, state)
    if subj.kind != "indicator" or state.view not in ("ranking", "table", "distribution") or \
            state.year is None or state.places or len(store.places) <= len(cat.places):
        return ""
    column = measure(subj, state)
    scored = subject_scores(store, subj, state.year, state.year).dropna(subset=[column])
    others = store.places[~store.places["place_id"].astype(str).isin(set(cat.places["place_id"].astype(str)))]
    others = explore_places.geography(others.assign(band=None), state, "country")
    others = others[others["place_id"].astype(str).isin(set(scored["place_id"].astype(str)))]
    if others.empty:
        return ""
    listed = sorted(others["name"].astype(str), key=names.alphabetical)
    more = len(listed) - SHOWN_OTHERS
    named = listed[:SHOWN_OTHERS] + ([_("{count} more").format(count=i18n.integer(more))] if more > 0 else [])
    words = (ngettext("Explore compares the places the map shows: {places}, not among them, also has values "
                      "for it in {year}, on its own page.",
                      "Explore compares the places the map shows: {places}, not among them, also have values "
                      "for it in {year}, each on its own page.", len(listed)) if column == "value" else
             ngettext("Explore compares the places the map shows: {places}, not among them, also has scores "
                      "for it in {year}, on its own page.",
                      "Explore compares the places the map shows: {places}, not among them, also have scores "
                      "for it in {year}, each on its own page.", len(listed)))
    return words.format(places=i18n.join(named), year=state.year)
