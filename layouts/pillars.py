"""The source's own pillars on a place's page, where its index is built on pillars instead of the
17 goals (Benin's sub-national index), and each pillar's rank among the place's peers."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, names, texts
from layouts.i18n import N_, _
from layouts.static_tree import StaticTree
from layouts.tables import table_data, table_tree
from loaders.countries import fold
from loaders.scoring.peers import peer_kind, peer_kinds
from loaders.sdsn.pillars import pillar_scores
from loaders.store import StoreData


def pillar_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """The source's own pillars, where its index is built on pillars instead of goals (Benin's
    "leave no one behind" index: gender, poverty, income, services), with the place's score in
    `year`: pillar, score (the mean of the scores of its indicators that have one, as SDSN computes
    it: methodology.md), scored, indicators, and its rank among its peers (`pillar_peers`) with a
    score of that pillar that year (rank, ranked; ties share the higher rank). Empty where the
    source has none. Benin's départements have no goal score at all: their page showed 17 empty
    tiles and no pillar, then their scores with nothing to compare them with."""
    none = pd.DataFrame(columns=["pillar", "score", "scored", "indicators", "rank", "ranked"])
    pillars = (store.meta.get("options") or {}).get("pillars")
    if not isinstance(pillars, dict) or not pillars:
        return none
    values = store.select("indicator_scores", ["place_id", "indicator_id", "year", "score"],
                          indicator_id=list(pillars), year=year)
    peers = pillar_peers(store.tables.get("places"), place_id)
    scores = pillar_scores(values[values["place_id"].astype(str).isin(peers).to_numpy(dtype=bool)],
                           pillars, year)
    scores["rank"] = scores.groupby("pillar")["score"].rank(ascending=False, method="min")
    scores["ranked"] = scores.groupby("pillar")["score"].transform("size")
    found = scores[scores["place_id"].astype(str) == str(place_id)].set_index("pillar")
    if found.empty:  # a place of another source in the same store (Benin's ECOWAS countries)
        return none
    everyone = pd.Series(pillars, dtype=object).value_counts().rename("indicators")
    means = found[["score", "n_indicators", "rank", "ranked"]].rename(columns={"n_indicators": "scored"})
    out = everyone.to_frame().join(means).reset_index(names="pillar")
    for column in ("scored", "ranked"):
        out[column] = out[column].fillna(0).astype(int)
    out["rank"] = out["rank"].where(out["ranked"] > 1).astype("Int64")  # alone: no rank
    # the language its names are written in: its indicators' (Benin's pillars are French)
    indicators = store.tables.get("indicators")
    if indicators is not None and len(indicators):
        spoken = texts.source_language(indicators).set_axis(indicators["indicator_id"].astype(str))
        by_pillar = pd.Series(pillars, dtype=object).to_frame("pillar").join(spoken.rename("language"))
        out["language"] = out["pillar"].map(by_pillar.dropna().drop_duplicates("pillar").set_index("pillar")[
            "language"])
    # accents and case aside (Égalité among the E's), as names are compared everywhere
    return out.sort_values("pillar", key=lambda names: names.map(fold)).reset_index(drop=True)


def pillar_peers(places: pd.DataFrame | None, place_id: str) -> set[str]:
    """The places a place's pillar scores are ranked among: those of its peer kind (`peer_kind`) in
    its country, itself included (a country's: every country). A pillar index is a country's own
    (Benin's départements); its ranks compare them with each other, never with another country's."""
    own = places[places["place_id"].astype(str) == str(place_id)] if places is not None else None
    if own is None or own.empty:
        return {str(place_id)}
    kind, iso3 = peer_kind(own["kind"].iloc[0]), own["country_iso3"].iloc[0]
    same = peer_kinds(places["kind"]) == kind
    if kind != "country":
        same &= (places["country_iso3"].astype("string") == iso3).fillna(False) if isinstance(iso3, str) \
            else places["country_iso3"].isna()
    return set(places.loc[same.to_numpy(dtype=bool), "place_id"].astype(str)) | {str(place_id)}


def pillars_of(store: StoreData, place_id: str, year: int) -> list:
    """The place's pillar section (`pillar_section` of `pillar_rows`), its ranks said among its
    peers by the word its source uses for them (Benin's départements)."""
    rows = pillar_rows(store, place_id, year)
    if rows.empty:
        return []
    places = store.tables.get("places", pd.DataFrame(columns=["place_id", "kind", "country_iso3"]))
    place = places[places["place_id"].astype(str) == str(place_id)]
    kind = names.said_kind(place["kind"].iloc[0], store.meta) if len(place) else "city"
    iso3 = place["country_iso3"].iloc[0] if len(place) else None
    return pillar_section(rows, year, pillar_rank_note(kind, iso3, year))


PILLAR_RANKS = {
    "city": N_("Rank: among the cities and districts of {country} with a score of that pillar in {year} "
               "(1 is the highest score; equal scores share a rank)."),
    "region": N_("Rank: among the regions of {country} with a score of that pillar in {year} (1 is the "
                 "highest score; equal scores share a rank)."),
    "department": N_("Rank: among the departments of {country} with a score of that pillar in {year} (1 "
                     "is the highest score; equal scores share a rank)."),
    "province": N_("Rank: among the provinces of {country} with a score of that pillar in {year} (1 is "
                   "the highest score; equal scores share a rank)."),
    "state": N_("Rank: among the states of {country} with a score of that pillar in {year} (1 is the "
                "highest score; equal scores share a rank)."),
    "country": N_("Rank: among the countries with a score of that pillar in {year} (1 is the highest "
                  "score; equal scores share a rank)."),
}
"""What a pillar's rank is among, by the kind a place is called by (`names.said_kind`)."""


def pillar_rank_note(kind: object, iso3: object, year: int) -> str:
    words = PILLAR_RANKS.get(peer_kind(kind), PILLAR_RANKS["region"])
    return _(words).format(country=names.country(iso3) or "?", year=year)


def pillar_section(rows: pd.DataFrame, year: int, rank_note: str = "") -> list:
    """The place's pillar scores (`pillar_rows`) under a heading, with what a pillar is and, where
    it has peers, its rank among them (what the rank is among: `rank_note`); nothing where the
    source has no pillars. A table, so the scores are read without a chart."""
    if rows.empty:
        return []
    languages = rows["language"] if "language" in rows else pd.Series(None, index=rows.index, dtype=object)
    frame = pd.DataFrame({
        _("Pillar"): rows["pillar"].astype(str).to_numpy(dtype=object),
        _("Score (0-100)"): rows["score"].to_numpy(dtype="float64"),
        _("Indicators with a score"): [_("{count} of {total}").format(
            count=i18n.integer(scored), total=i18n.integer(total))
            for scored, total in zip(rows["scored"], rows["indicators"], strict=True)],
    })
    ranked = "rank" in rows and rows["rank"].notna().any()
    if ranked:
        frame[_("Rank")] = [_("{rank} of {count}").format(rank=i18n.integer(rank), count=i18n.integer(count))
                            if pd.notna(rank) else "" for rank, count in zip(rows["rank"], rows["ranked"],
                                                                             strict=True)]
    caption = _("The pillars of the source's own index, {year}").format(year=year)
    note = texts.language_note(rows["pillar"], languages, pillars=True)
    what = _("The source groups its indicators into pillars of its own index instead of the 17 SDG "
             "goals. A pillar's score is the mean of the scores (0-100) of its indicators that have one, "
             "as the source computes it.")
    return [StaticTree(tree=["div", {"className": "pillars"},
                             ["h2", {"className": "h4 mt-4"}, _("Pillars of the source's index")],
                             ["p", {"className": "small text-muted"}, what],
                             *language_paragraph(note),
                             table_tree(table_data(frame, caption), row_languages=languages.tolist()),
                             *([["p", {"className": "small text-muted"}, rank_note]]
                               if ranked and rank_note else [])])]


def language_paragraph(note: str) -> list:
    return [["p", {"className": "small text-muted"}, note]] if note else []
