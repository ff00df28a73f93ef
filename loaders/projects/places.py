"""Where each project is: a known place of the store, a gazetteer city, the nearest city to its
coordinates, or its country."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from loaders import places
from loaders.projects.parse import distance_km

NEAREST_KM = 30.0
"""A project placed by coordinates alone belongs to the nearest city within this distance."""


@dataclass
class Placed:
    place_id: str | None
    problem: str = ""
    """A warning about how the place was found, or, with no place_id, why there is none."""


class CityIndex:
    """Cities as arrays, for finding the nearest one to a point quickly (per country when known)."""

    def __init__(self, cities: pd.DataFrame):
        self.cities = cities.reset_index(drop=True)
        self.lat = self.cities["lat"].to_numpy(float)
        self.lon = self.cities["lon"].to_numpy(float)
        self.iso3 = self.cities["iso3"].astype(object).to_numpy()
        self.by_country: dict[str | None, np.ndarray] = {None: np.arange(len(self.cities))}

    def nearest(self, lat: float, lon: float, iso3: str | None) -> tuple[dict | None, float]:
        """The nearest city (in the country, when given) and its distance in km."""
        if iso3 not in self.by_country:
            self.by_country[iso3] = np.flatnonzero(self.iso3 == iso3)
        pool = self.by_country[iso3]
        box = pool[(np.abs(self.lat[pool] - lat) < 0.5) & (np.abs(self.lon[pool] - lon) < 0.8)]
        if not len(box):
            return None, float("inf")
        distances = distance_km(lat, lon, self.lat[box], self.lon[box])
        best = int(np.argmin(distances))
        return self.cities.iloc[box[best]].to_dict(), float(distances[best])


@lru_cache(maxsize=1)
def gazetteer_index() -> CityIndex:
    """One entry per gazetteer city (its main name)."""
    table = places.gazetteer().sort_values("primary", ascending=False)
    cities = table.drop_duplicates("geonameid")[["name", "iso3", "lat", "lon", "population"]]
    return CityIndex(cities.dropna(subset=["lat", "lon"]))


@lru_cache(maxsize=256)
def country_facts(iso3: str | None) -> dict:
    return places.country_facts(iso3)


SHOWN_NAMESAKES = 4
"""How many of a name's places a message lists."""


def ambiguous(name: str, namesakes: list[dict], country: bool, region: bool) -> str:
    """Why a row naming one of several store places of one name is not given any of them: placing
    it in one at random, or in a new place beside them, would put a project in the wrong city."""
    def described(row: dict) -> str:
        area = row.get("area")
        where = f" ({area})" if isinstance(area, str) and area else ""
        return f"{row['place_id']}{where}"

    listed = ", ".join(described(row) for row in namesakes[:SHOWN_NAMESAKES])
    more = f" and {len(namesakes) - SHOWN_NAMESAKES} more" if len(namesakes) > SHOWN_NAMESAKES else ""
    ways = [*([] if country else ["country"]), *([] if region else ["region (department, state, province)"])]
    hint = ", ".join(ways) + " or place id" if ways else "place id"
    return (f"{len(namesakes)} places of the store are called {name!r}: {listed}{more}; "
            f"give the row's {hint}")


@dataclass
class PlaceFinder:
    """Resolves place names, coordinates and countries once each, and keeps the place rows
    that the projects use (`rows`, by place_id) for the bundle."""

    known: pd.DataFrame | None = None
    source: str = ""
    rows: dict[str, dict] = field(default_factory=dict)
    cache: dict[tuple, Placed] = field(default_factory=dict)
    known_cities: CityIndex | None = None
    known_lookup: dict | None = None

    def country(self, text: str) -> str | None:
        return places.country_iso3(text) if text else None

    def find(self, name: str, country: str, lat: float | None, lon: float | None, region: str = "") -> Placed:
        key = (name, country, None if name else lat, None if name else lon, region)
        if key not in self.cache:
            self.cache[key] = self.resolve(name, country, lat, lon, region)
        return self.cache[key]

    def resolve(self, name: str, country: str, lat: float | None, lon: float | None,
                region: str = "") -> Placed:
        iso3 = self.country(country)
        if country and iso3 is None:
            note = "country not recognised"
            placed = self.resolve(name, "", lat, lon, region)
            return Placed(placed.place_id, f"{note}; {placed.problem}" if placed.problem else note)
        if name:
            return self.by_name(name, country, iso3, region)
        if lat is not None and lon is not None:
            placed = self.by_coordinates(lat, lon, country, iso3)
            if placed.place_id:
                return placed
        if iso3:
            note = "no place name; placed in the country"
            if lat is not None:
                note = f"no city within {NEAREST_KM:g} km of the coordinates; placed in the country"
            return Placed(self.add_country(country, iso3), note)
        if lat is not None:
            return Placed(None, f"no place: no place name, no country and no city within {NEAREST_KM:g} km")
        return Placed(None, "no place: the row names no place or country and has no valid coordinates")

    def by_name(self, name: str, country: str, iso3: str | None, region: str = "") -> Placed:
        known = self.known_place(name, iso3, region)
        if len(known) == 1:
            self.rows.setdefault(known[0]["place_id"], known[0])
            return Placed(known[0]["place_id"])
        if len(known) > 1:
            return Placed(None, ambiguous(name, known, bool(iso3), bool(region)))
        hit, reason = places.match_city(name, iso3, region or None)
        if hit is None:
            place_id = places.place_id("city", name, iso3, region=region or None)
            self.add(place_id, name, "city", country, iso3, area=region)
            return Placed(place_id, f"{reason}; kept as named")
        iso3 = iso3 or hit.get("iso3")
        place_id = places.place_id("city", name, iso3, region=region or None)
        self.add(place_id, name, "city", country, iso3, hit["lat"], hit["lon"], hit["population"],
                 area=region)
        return Placed(place_id, reason) if reason else Placed(place_id)

    def known_place(self, name: str, iso3: str | None, region: str = "") -> list[dict]:
        """The store places a name can be: the one of that id, or those of that name (in the same
        country when given, and in the same region, the store's `area`, when given and the store
        has one). More than one is a name the row does not settle."""
        if self.known is None or not len(self.known):
            return []
        known = self.known
        rows = self.known_rows()
        if name in rows["by_id"]:
            return [known.iloc[rows["by_id"][name]].to_dict()]
        same_name = known.iloc[rows["by_name"].get(places.fold(name), [])]
        if iso3 and "country_iso3" in same_name:
            same_name = same_name[same_name["country_iso3"] == iso3]
        if region and len(same_name) > 1 and "area" in same_name:
            areas = places.fold_series(same_name["area"].astype("string"))
            same_name = same_name[(areas == places.fold(region)).fillna(False).to_numpy(dtype=bool)]
        if len(same_name) > 1 and "kind" in same_name:  # São Paulo the city beside São Paulo the state
            city = (same_name["kind"].astype("string") == "city").fillna(False).to_numpy(dtype=bool)
            same_name = same_name[city] if city.sum() == 1 else same_name
        return same_name.to_dict("records")

    def known_rows(self) -> dict:
        """The store places' positions by id and by folded name, made once: each name looked for
        folded every store place's name, about 10 ms at 10,000 places for each of a national
        register's thousands of place names."""
        if self.known_lookup is None:
            ids = self.known["place_id"].astype("string")
            unique = ~ids.duplicated(keep=False)
            by_id = {str(i): n for n, (i, keep) in enumerate(zip(ids, unique, strict=True))
                     if keep and not pd.isna(i)}
            by_name: dict[str, list[int]] = {}
            folded = places.fold_series(self.known["name"]).fillna("").tolist()
            for position, name in enumerate(folded):
                by_name.setdefault(name, []).append(position)
            self.known_lookup = {"by_id": by_id, "by_name": by_name}
        return self.known_lookup

    def by_coordinates(self, lat: float, lon: float, country: str, iso3: str | None) -> Placed:
        known, distance = self.known_index().nearest(lat, lon, iso3)
        if known is not None and distance <= NEAREST_KM:
            self.rows.setdefault(known["place_id"], self.known_row(known["place_id"]))
            return Placed(known["place_id"])
        city, distance = gazetteer_index().nearest(lat, lon, iso3)
        if city is None or distance > NEAREST_KM:
            return Placed(None)
        place_id = places.place_id("city", city["name"], city["iso3"])
        self.add(place_id, city["name"], "city", country or city["iso3"], city["iso3"],
                 city["lat"], city["lon"], city["population"])  # fmt: skip
        return Placed(place_id)

    def known_index(self) -> CityIndex:
        """The store's cities with coordinates, indexed once."""
        if self.known_cities is None:
            known = self.known if self.known is not None else pd.DataFrame()
            if not {"lat", "lon", "kind"} <= set(known.columns):
                known = pd.DataFrame(columns=["place_id", "kind", "lat", "lon"])
            cities = known[known["kind"] == "city"].dropna(subset=["lat", "lon"])
            self.known_cities = CityIndex(
                pd.DataFrame(
                    {
                        "place_id": cities["place_id"],
                        "iso3": cities.get("country_iso3"),
                        "lat": cities["lat"].astype(float),
                        "lon": cities["lon"].astype(float),
                    }
                )
            )
        return self.known_cities

    def known_row(self, place_id: str) -> dict:
        return self.known[self.known["place_id"] == place_id].iloc[0].to_dict()

    def add_country(self, country: str, iso3: str) -> str:
        facts = country_facts(iso3)
        place_id = places.place_id("country", facts.get("name", country), iso3)
        self.add(place_id, facts.get("name", country), "country", country, iso3)
        return place_id

    def add(self, place_id, name, kind, country, iso3, lat=None, lon=None, population=None, area="") -> None:
        if place_id in self.rows:
            return
        facts = country_facts(iso3)
        self.rows.setdefault(
            place_id,
            {
                "place_id": place_id, "name": name, "kind": kind, "country": country or pd.NA,
                "country_iso3": iso3, "un_region": facts.get("un_region") or pd.NA,
                "un_subregion": facts.get("un_subregion") or pd.NA,
                "lat": lat, "lon": lon, "population": population, "source": self.source,
                "area": area or pd.NA,
            },
        )  # fmt: skip

    def city(self, place_id: str) -> dict | None:
        return self.rows.get(place_id)
