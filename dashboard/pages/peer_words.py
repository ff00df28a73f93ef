"""What a page calls a place's peers, by the kind its sentences call it (`names.said_kind`): cities,
regions, or the source's own word for a country's units (Benin's départements, the US states)."""

from __future__ import annotations

from layouts import names
from layouts.i18n import N_, _

SIZE_PEERS = {
    "region": (N_("Rank {rank} of {count} among regions of its size (population {sizes})."),
               N_("Rank {rank} of {count} among regions of its size.")),
    "department": (N_("Rank {rank} of {count} among departments of its size (population {sizes})."),
                   N_("Rank {rank} of {count} among departments of its size.")),
    "state": (N_("Rank {rank} of {count} among states of its size (population {sizes})."),
              N_("Rank {rank} of {count} among states of its size.")),
    "province": (N_("Rank {rank} of {count} among provinces of its size (population {sizes})."),
                 N_("Rank {rank} of {count} among provinces of its size.")),
    "country": (N_("Rank {rank} of {count} among countries of its size (population {sizes})."),
                N_("Rank {rank} of {count} among countries of its size.")),
}
"""How a region's or a country's rank among the peers of its size is said (its peers are of its kind)."""


PEER_CAPTIONS = {"city": N_("Other cities in the same UN subregion, best first"),
                 "region": N_("Other regions in the same UN subregion, best first"),
                 "department": N_("Other departments in the same UN subregion, best first"),
                 "state": N_("Other states in the same UN subregion, best first"),
                 "province": N_("Other provinces in the same UN subregion, best first"),
                 "country": N_("Other countries in the same UN subregion, best first")}


NEAREST_CAPTIONS = {
    "city": N_("The {shown} of {total} cities in the same UN subregion nearest in SDG Index score, "
               "best first"),
    "region": N_("The {shown} of {total} regions in the same UN subregion nearest in SDG Index score, "
                 "best first"),
    "department": N_("The {shown} of {total} departments in the same UN subregion nearest in SDG Index "
                     "score, best first"),
    "state": N_("The {shown} of {total} states in the same UN subregion nearest in SDG Index score, "
                "best first"),
    "province": N_("The {shown} of {total} provinces in the same UN subregion nearest in SDG Index score, "
                   "best first"),
    "country": N_("The {shown} of {total} countries in the same UN subregion nearest in SDG Index score, "
                  "best first")}
"""The peers table's caption where it lists only the peers nearest the place (a national store)."""
OWN_CAPTIONS = {"city": N_("{place} and the other cities in the same UN subregion, best first"),
                "region": N_("{place} and the other regions in the same UN subregion, best first"),
                "department": N_("{place} and the other departments in the same UN subregion, best first"),
                "state": N_("{place} and the other states in the same UN subregion, best first"),
                "province": N_("{place} and the other provinces in the same UN subregion, best first"),
                "country": N_("{place} and the other countries in the same UN subregion, best first")}
OWN_NEAREST_CAPTIONS = {
    "city": N_("{place} and the {shown} of {total} other cities in the same UN subregion nearest to it in "
               "SDG Index score, best first"),
    "region": N_("{place} and the {shown} of {total} other regions in the same UN subregion nearest to it in "
                 "SDG Index score, best first"),
    "department": N_("{place} and the {shown} of {total} other departments in the same UN subregion nearest "
                     "to it in SDG Index score, best first"),
    "state": N_("{place} and the {shown} of {total} other states in the same UN subregion nearest to it in "
                "SDG Index score, best first"),
    "province": N_("{place} and the {shown} of {total} other provinces in the same UN subregion nearest to "
                   "it in SDG Index score, best first"),
    "country": N_("{place} and the {shown} of {total} other countries in the same UN subregion nearest to it "
                  "in SDG Index score, best first")}
"""The captions of a peers table that lists the place itself among its peers (where the index ranks
it): still counting its peers, the others, as the captions without it do."""
THIS_PLACE = N_("{name} (this place)")
"""The name cell of the place's own row among its peers: the row is highlighted, and says so in words."""
ALL_PEERS = {"city": N_("All {total} cities of the subregion in Explore"),
             "region": N_("All {total} regions of the subregion in Explore"),
             "department": N_("All {total} departments of the subregion in Explore"),
             "state": N_("All {total} states of the subregion in Explore"),
             "province": N_("All {total} provinces of the subregion in Explore"),
             "country": N_("All {total} countries of the subregion in Explore")}
OFFERED_PEERS = {"city": N_("The {count} cities nearest in SDG Index score are offered here."),
                 "region": N_("The {count} regions nearest in SDG Index score are offered here."),
                 "department": N_("The {count} departments nearest in SDG Index score are offered here."),
                 "state": N_("The {count} states nearest in SDG Index score are offered here."),
                 "province": N_("The {count} provinces nearest in SDG Index score are offered here."),
                 "country": N_("The {count} countries nearest in SDG Index score are offered here.")}


NO_PEERS = {"city": N_("No other city of these data in {subregion} has an SDG Index rank in {year}: it has "
                       "no peer to be compared with."),
            "region": N_("No other region of these data in {subregion} has an SDG Index rank in {year}: it "
                         "has no peer to be compared with."),
            "department": N_("No other department of these data in {subregion} has an SDG Index rank in "
                             "{year}: it has no peer to be compared with."),
            "state": N_("No other state of these data in {subregion} has an SDG Index rank in {year}: it "
                        "has no peer to be compared with."),
            "province": N_("No other province of these data in {subregion} has an SDG Index rank in {year}: "
                           "it has no peer to be compared with."),
            "country": N_("No other country of these data in {subregion} has an SDG Index rank in {year}: it "
                          "has no peer to be compared with."),
            "district": N_("No other city or district of these data in {subregion} has an SDG Index rank in "
                           "{year}: it has no peer to be compared with.")}
"""Peers are the places of a subregion the index ranks in the year shown: Nepal's provinces, none of
them ranked, were said to be alone in Southern Asia; a ward, whose peers are cities and districts, was
said to be a city."""


def peer_words(words: dict[str, str], kind: object) -> str:
    """One of the peers' sentences (`words`, by peer group) for a place of `kind` (or of its
    `said_kind`), translated: a district's peers are cities and districts, so its words are a city's."""
    return _(worded(words, kind, words["city"]))


def worded(words: dict, kind: object, default: object) -> object:
    """The entry of `words` for `kind`; a country's units of a kind without words of their own take
    a region's (a province did, until each table had its words: Nepal's provinces were "regions")."""
    kind = str(kind)
    if kind not in words and kind in names.UNIT_WORDS:
        kind = "region"
    return words.get(kind, default)


def peer_caption(kind: object) -> str:
    """The caption of a place's peers table: places of its kind (a district's are cities and districts)."""
    return peer_words(PEER_CAPTIONS, kind)
