"""Query parameters read strictly: a bad value is a 400 that names the parameter, never a silent default."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard.api.errors import bad
from dashboard.api.spec import COMMON, DEFAULT_LIMIT, FORMATS, MAX_LIMIT, PREFIX, Resource, accepted
from layouts import years
from layouts.echo import said
from layouts.i18n import _

FIRST_YEAR, LAST_YEAR = 1900, 2100
GOALS = range(1, 18)


def whole(value: str, signed: bool = False) -> bool:
    """ASCII digits only (str.isdigit also accepts '²' and other scripts' digits), at most 30 of
    them: a longer number is beyond every bound here, and Python refuses to read one of over 4,300
    digits as a number (`?limit=` and 5,000 nines answered 500, with a traceback in the log)."""
    return re.fullmatch(r"-?[0-9]{1,30}" if signed else r"[0-9]{1,30}", value) is not None


def not_a_year(value: str, low: int, high: int, periods: Mapping[str, int]) -> str:
    """Why `value` is no year here, naming the years and the periods the data writes (at most
    `years.SHOWN_PERIODS` of them)."""
    if not periods:
        return _("'{value}' is not a year from {low} to {high}.").format(
            value=said(value), low=low, high=high)
    return _("'{value}' is not a year here: give a year from {low} to {high}, or a period the data "
             "writes ({periods}), which stands for the year it ends.").format(
        value=said(value), low=low, high=high, periods=years.listed(periods))


class Args:
    """One request's parameters for one resource. A key given twice with different values is a 400:
    `?goal=3&goal=4` (what `requests` sends for a list) answered goal 4's rows alone, as if complete."""

    def __init__(self, query: Mapping, resource: Resource):
        getlist = getattr(query, "getlist", None)
        self.raw = {k: (getlist(k)[-1] if getlist else query[k]) for k in query}
        self.resource = resource
        known = accepted(resource)
        for key in self.raw:
            if key not in known:
                raise bad(key, _("'{parameter}' is not a parameter of {resource}; it takes: {names}.").format(
                    parameter=said(key), resource=f"{PREFIX}/{resource.name}", names=", ".join(known)))
            given = list(dict.fromkeys(getlist(key))) if getlist else []
            if len(given) > 1:
                raise bad(key, _("'{parameter}' is given more than once ({values}); give it once, several "
                                 "values separated by commas where it takes a list.").format(
                    parameter=key, values=", ".join(f"'{said(v)}'" for v in given[:3])))

    def own(self) -> dict[str, str]:
        """The resource's own parameters (not format, version, paging, language)."""
        common = {p.name for p in COMMON}
        return {k: v for k, v in self.raw.items() if k not in common}

    def get(self, name: str) -> str | None:
        value = (self.raw.get(name) or "").strip()
        return value or None

    def integer(self, name: str, low: int, high: int) -> int | None:
        value = self.get(name)
        if value is None:
            return None
        if not (whole(value, signed=True) and low <= int(value) <= high):
            raise bad(name, _("'{value}' is not a whole number from {low} to {high}.").format(
                value=said(value), low=low, high=high))
        return int(value)

    def year(self, name: str, low: int | None = FIRST_YEAR, high: int | None = LAST_YEAR,
             periods: Mapping[str, int] | None = None) -> int | None:
        """A year from `low` to `high`, or a period the data writes (`periods`, from
        `layouts.years.known_periods`: '2020-21' is the year 2021, as the pages show it), read by
        the pages' own rule (`layouts.years.asked`) and then held as its number; None for both
        bounds: the view has no years (no project states a start year), so no year can be asked
        for."""
        value = self.get(name)
        if value is not None and (low is None or high is None):
            raise bad(name, _("'{value}' cannot be chosen: the data here has no years.").format(
                value=said(value)))
        if value is None:
            return None
        year = years.asked(value, periods or {})
        if year is None or not low <= year <= high:
            raise bad(name, not_a_year(value, low, high, periods or {}))
        self.raw[name] = str(year)
        return year

    def goals(self, name: str = "goal") -> list[int]:
        chosen = self.values(name)
        for value in chosen:
            if not (whole(value) and int(value) in GOALS):
                raise bad(name, _("'{value}' is not an SDG goal: goals are numbered from {low} to {high}.")
                          .format(value=said(value), low=GOALS[0], high=GOALS[-1]))
        return [int(v) for v in chosen]

    def values(self, name: str) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in (self.get(name) or "").split(",") if v.strip()))

    def known(self, name: str, allowed: Iterable[str], version: str) -> list[str]:
        allowed = set(allowed)
        for value in self.values(name):
            if value not in allowed:
                raise bad(name, _("'{value}' is not a known value of '{parameter}' in data version "
                                  "{version}.").format(value=said(value), parameter=name, version=version))
        return self.values(name)

    def format(self, suffix: str | None) -> str:
        asked = self.get("format")
        for name, value in (("format", asked), ("format", suffix)):
            if value is not None and value not in FORMATS:
                raise bad(name, _("'{value}' is not a format: use json or csv.").format(value=said(value)))
        if asked and suffix and asked != suffix:
            raise bad("format", _("format={value} contradicts the .{suffix} ending of the path.").format(
                value=said(asked), suffix=said(suffix)))
        chosen = asked or suffix or "json"
        if chosen not in self.resource.formats:
            raise bad("format", _("'{value}' is not available for this resource; use {formats}.").format(
                value=chosen, formats=", ".join(self.resource.formats)))
        return chosen

    def paging(self) -> tuple[int | None, int]:
        """(limit or None for every row, offset)."""
        limit = self.integer("limit", 0, MAX_LIMIT)
        offset = self.integer("offset", 0, 10**12) or 0
        if limit is None and self.resource.paged:
            limit = DEFAULT_LIMIT
        return limit, offset


@dataclass(frozen=True)
class Filters:
    """The table resources' filters (empty = no constraint); years are inclusive."""

    goals: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    subregions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None


def filters(args: Args, ref, version: str) -> Filters:
    """Every filter the resource takes, checked against the data version (`ref`: tables.Reference)."""
    names = set(accepted(args.resource))
    year, start, end = (args.year(name, periods=ref.periods) for name in ("year", "from", "to"))
    if year is not None and (start is not None or end is not None):
        raise bad("year", _("Give either year or from/to, not both."))
    if start is not None and end is not None and start > end:
        raise bad("from", _("from ({start}) is after to ({end}).").format(start=start, end=end))
    countries = [c.upper() for c in args.values("country")]
    for code in countries:
        if not (len(code) == 3 and code.isalpha()):
            raise bad("country", _("'{value}' is not an ISO 3166 alpha-3 country code such as KEN.").format(
                value=said(code)))
        if code not in ref.countries:
            raise bad("country", _("'{value}' is not a known value of '{parameter}' in data version "
                                   "{version}.").format(value=said(code), parameter="country",
                                                        version=version))

    def pick(name: str, allowed: Iterable[str]) -> tuple[str, ...]:
        return tuple(args.known(name, allowed, version)) if name in names else ()

    return Filters(
        goals=tuple(args.goals()) if "goal" in names else (), targets=pick("target", ref.targets),
        indicators=pick("indicator", ref.indicator_ids), places=pick("place", ref.place_ids),
        regions=pick("region", ref.regions), subregions=pick("subregion", ref.subregions),
        countries=tuple(countries), kinds=pick("kind", ref.kinds),
        start=year if year is not None else start, end=year if year is not None else end)


def normalised(query: Mapping, resource: Resource, periods: Mapping[str, int]) -> list[tuple[str, str]]:
    """`query` as `Args` and `filters` read it, for the answers' cache key: spaces around values and
    list items left out, empty items and repeats dropped, whole numbers without leading zeros, a
    year's period as its year. `?goal=03&year=2020-21` and `?goal=3&year=2021` are one answer, kept
    once; a value these rules do not read stays as given (its answer is a 400, never kept)."""
    getlist = getattr(query, "getlist", None)
    known = accepted(resource)
    pairs = []
    for key in query:
        given = list(dict.fromkeys(getlist(key))) if getlist else [query[key]]
        param = known.get(key)
        if param is None or len(given) != 1 or param.name in ("version", "lang"):
            pairs += [(key, value) for value in given]
            continue
        items = given[0].split(",") if param.many else [given[0]]
        read = [one(param, item.strip(), periods) for item in items if item.strip()]
        pairs.append((key, ",".join(dict.fromkeys(read))))
    return pairs


def one(param, value: str, periods: Mapping[str, int]) -> str:
    """One value as the API reads it (`normalised`)."""
    if param.type == "year":
        year = years.asked(value, periods)
        return value if year is None else str(year)
    if param.type == "integer" and whole(value, signed=True):
        return str(int(value))
    return value
