"""One city named two ways is one place: 'Wien' in the UN's 11.2.1 file and 'Vienna' in the
European Cities index were two places, each with half the city's data, never compared. A new city
that the gazetteer puts on the very point of a city the store (or the same import) has, in the
same country, joins that city's id."""

from __future__ import annotations

import re

import pandas as pd

from loaders.bundle import Bundle
from loaders.codes import slugify
from loaders.report import INFO, ImportReport

SAME_POINT = 1e-4
"""Degrees within which two cities' coordinates are one gazetteer point (about 10 m)."""


def point_keys(places: pd.DataFrame) -> pd.Series:
    """'AUT 48.2085 16.3721' for each city with coordinates, NA otherwise."""
    cities = (places["kind"].astype("string") == "city").fillna(False)
    has = cities & places["lat"].notna() & places["lon"].notna() & places["country_iso3"].notna()
    keys = pd.Series(pd.NA, index=places.index, dtype="string")
    step = 1 / SAME_POINT
    keys[has] = (places.loc[has, "country_iso3"].astype(str) + " "
                 + (places.loc[has, "lat"].astype(float) * step).round().astype("int64").astype(str) + " "
                 + (places.loc[has, "lon"].astype(float) * step).round().astype("int64").astype(str))
    return keys


def texts(places: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """Ids, names and sources ('' where none) of places, as text."""
    source = places["source"] if "source" in places else pd.Series("", index=places.index)
    return (places["place_id"].astype(str).tolist(), places["name"].astype(str).tolist(),
            source.astype("string").fillna("").tolist())


GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
"""Umlauts as German writes them without: München is Muenchen (and Munchen, accents dropped)."""


def spellings(name: str) -> set[str]:
    """A name's letters and digits, lower case, accents dropped or umlauts written out, and with a
    written-out umlaut taken back ('MUNCHEN' has lost what 'Muenchen' kept)."""
    found = {slugify(name).replace("-", ""), slugify(name.translate(GERMAN)).replace("-", "")}
    return (found | {re.sub(r"([aou])e", r"\1", text) for text in found}) - {""}


def spelled_alike(one: str, other: str) -> bool:
    """Whether two names are one spelled alike: 'MUNCHEN', 'Muenchen', 'München'; 'koln' and
    'Koeln'. Not 'Frankfurt' and 'Frankfurt Am Main', which a source may keep as two places."""
    return bool(spellings(one) & spellings(other))


def same_cities(bundle: Bundle, stored: pd.DataFrame | None, report: ImportReport) -> dict[str, str]:
    """{new id: id it joins} for the bundle's new cities on the point of a stored city, or of an
    earlier new city of the bundle, from another source; the bundle's places, observations,
    projects and boundaries are renamed in place (the spooled rows are renamed as they are read:
    `Spool.renamed`)."""
    places = bundle.places
    if places.empty or "lat" not in places:
        return {}
    known = set(stored["place_id"].astype(str)) if stored is not None and len(stored) else set()
    owners: dict[str, tuple[str, str, str]] = {}
    if stored is not None and len(stored):
        for key, place, name, source in zip(point_keys(stored), *texts(stored), strict=True):
            if not pd.isna(key):
                owners.setdefault(str(key), (place, name, source))
    renamed: dict[str, str] = {}
    brought = dict(zip(places["place_id"].astype(str), places["name"].astype(str), strict=True))
    for key, place, name, source in zip(point_keys(places), *texts(places), strict=True):
        if pd.isna(key) or place in known:
            continue
        owner = owners.setdefault(str(key), (place, name, source))
        # one source's two names on one point are its own two places, however it placed them (the
        # UN's 11.2.1 file gives Torbay the coordinates of Corby), and so are two places this import
        # brings both of: its Frankfurt beside its Frankfurt Am Main, the id of SDSN's stored Frankfurt;
        # unless they are one name spelled two ways (a register's 'MUNCHEN' and 'Muenchen', both München)
        owned = brought.get(owner[0], owner[1])
        # not one name written the same twice: two San Pedros of two departments that a source
        # puts on one point are its two places, told apart by their ids
        alike = name.strip() != owned.strip() and spelled_alike(name, owned)
        other = bool(source and owner[2] and source != owner[2] and owner[0] not in brought)
        if owner[0] != place and (other or alike):
            renamed[place] = owner[0]
            report.add("places", f"city '{name}' ({place}) is at the very point of {owner[1]} ({owner[0]}), "
                       "the same gazetteer city: its values join that place", column="place", value=name,
                       severity=INFO)
    if renamed:
        bundle.places = places[~places["place_id"].astype(str).isin(renamed)].reset_index(drop=True)
        frames = [getattr(bundle, t, None) for t in ("observations", "projects", "boundaries")]
        for frame in [*frames, *bundle.published.values()]:  # SDSN's own index of Vienna follows it too
            if frame is not None and len(frame) and "place_id" in frame:
                frame["place_id"] = frame["place_id"].astype(object).replace(renamed)
    return renamed
