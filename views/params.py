"""A view's URL parameters, declared once: read tolerantly into a state with the problems found, written
back canonically, and described for the API, the browser and the static site."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from layouts import i18n, years
from layouts.echo import MOST, said
from layouts.i18n import _

API_PREFIX = "/api/v1"
API_FORMATS = ("json", "csv")

Choices = Callable[[Any, dict], Iterable[str]] | Sequence[str]
"""Allowed values: fixed, or found from the view's context (its catalogue) and the values read so far
(a list, or a `Known` made once)."""


@dataclass(frozen=True)
class Known:
    """Allowed values made once per store version (a national store's places: 10,000), already as
    text and with a set to look one up in, optionally with one of them left out (a city cannot be
    compared with itself). A choice given as a list is turned into text and scanned on every read:
    for a city page of 10,000 places that was about 5 ms per state read."""

    values: tuple[str, ...]
    known: frozenset[str]
    left_out: str | None = None

    @classmethod
    def of(cls, values: Iterable[object]) -> Known:
        text = tuple(dict.fromkeys(str(v) for v in values))  # each once, in their order
        return cls(text, frozenset(text))

    def without(self, value: object) -> Known:
        return Known(self.values, self.known, None if value is None else str(value))

    def __contains__(self, value: object) -> bool:
        try:
            return value in self.known and value != self.left_out
        except TypeError:  # an unhashable value is no allowed value, as a list would say
            return False

    def __iter__(self):
        return (v for v in self.values if v != self.left_out)

    def __len__(self) -> int:
        return len(self.values) - (self.left_out in self.known)


Default = Callable[[Any, dict], object] | object


@dataclass(frozen=True)
class Param:
    """One URL parameter: its key, its kind, what it may be, what it is when absent, and its label.

    kind: `choice` (one of `choices`), `many` (comma-separated choices), `integer` (from `bounds`),
    `year` (from `bounds`, or a period the data writes: `periods`), `flag` (present as `on`, else
    off), `text` (free text up to `max_length`)."""

    name: str
    kind: str
    label: str
    choices: Choices = ()
    default: Default = None
    bounds: Callable[[Any, dict], tuple[int, int]] | None = None
    attr: str = ""
    """The state's field, when it differs from the URL key (`from` -> `start`)."""
    description: str = ""
    example: str = ""
    on: str = ""
    max_length: int = 60
    value_type: str = "string"
    """What each value is to the API's description: string or integer."""
    periods: Callable[[Any, dict], Mapping[str, int]] | None = None
    """A `year`'s periods as the data writes them, with the year each stands for
    (`layouts.years.known_periods`): '2020-21' on Bristol's pages is its year 2021, in an address too."""
    numbered: bool = False
    """A `choice` of numbers besides words (the map's goal: 1-17 or index): '03' reads as '3', as
    it does where `value_type` is integer."""
    keep_unknown: bool = False
    """A `choice` whose unknown value is kept (trimmed, up to `max_length`), not replaced by the
    default with a problem: the view says there is no such thing (a city view has no default place
    to show instead)."""

    @property
    def field(self) -> str:
        return self.attr or self.name

    def allowed(self, context: Any, values: dict) -> list[str] | Known:
        found = self.choices(context, values) if callable(self.choices) else self.choices
        return found if isinstance(found, Known) else [str(v) for v in found]

    def default_for(self, context: Any, values: dict) -> object:
        return self.default(context, values) if callable(self.default) else self.default

    def describe(self, context: Any = None) -> dict:
        """The declaration as JSON: for the API description, the static site and the browser."""
        entry = {"name": self.name, "kind": self.kind, "label": self.label, "description": self.description}
        if not callable(self.choices) and self.choices:
            entry["choices"] = list(self.choices)
        elif context is not None and self.kind in ("choice", "many"):
            entry["choices"] = list(self.allowed(context, {}))
        if context is not None and self.bounds is not None:
            bounds = self.bounds(context, {})
            entry["bounds"] = list(bounds) if bounds is not None else None
        default = self.default if not callable(self.default) else (
            self.default_for(context, {}) if context is not None else None)
        entry["default"] = default
        return entry


@dataclass
class Query:
    """Reads one view's raw query; `problems` lists what was wrong, in plain words."""

    raw: dict[str, str]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # a key given twice (?year=2020&year=2021) arrives as a list: the last one wins
        self.raw = {str(k): (v[-1] if isinstance(v, list) and v else v) for k, v in self.raw.items()}

    def text(self, key: str, allowed: Iterable[str], default: str | None, whole: bool = False) -> str | None:
        """One of `allowed`, read as the API reads it: spaces around it left out and, for a number
        (`whole`: a goal), its leading zeros ('03' is goal 3), so that one state has one spelling."""
        value = self.raw.get(key)
        chosen = value.strip() if isinstance(value, str) else value
        if chosen in (None, ""):
            return default
        if whole and years.WHOLE.fullmatch(chosen):
            chosen = str(int(chosen))
        if chosen in (allowed if isinstance(allowed, Known) else list(allowed)):
            return chosen
        if default:
            self.problems.append(_("The address asks for {key} '{value}', which is not known here; "
                                   "the default is shown instead.").format(value=said(value), key=key))
        else:
            self.problems.append(_("The address asks for {key} '{value}', which is not known here; "
                                   "all are shown instead.").format(value=said(value), key=key))
        return default

    def integer(self, key: str, low: int | None, high: int | None, default: int | None,
                periods: Mapping[str, int] | None = None) -> int | None:
        """A whole number from `low` to `high`; a year (`periods` given) may also be a period the
        data writes (`layouts.years.asked`, the API's rule too); with no bounds (None: the data has
        no years of the kind, Berlin's projects no start year) no value can be chosen."""
        value = self.raw.get(key)
        if value in (None, ""):
            return default
        if low is None or high is None:
            self.problems.append(_("The address asks for {key} '{value}', but the data here has no years to "
                                   "choose from; all are shown instead.").format(key=key, value=said(value)))
            return default
        text = str(value).strip()
        number = years.asked(text, periods) if periods is not None else \
            int(text) if text.isascii() and text.lstrip("-").isdigit() and len(text) < 12 else None
        if number is None or not low <= number <= high:
            if periods:
                return self.not_a_year(key, value, low, high, default, periods)
            if default is None:
                message = _("In the address, {key} must be a whole number from {low} to {high}, not "
                            "'{value}'; all are shown instead.")
            else:
                message = _("In the address, {key} must be a whole number from {low} to {high}, not "
                            "'{value}'; {default} is shown instead.")
            # bounds are mostly years, which are never grouped ("2 015"); amounts are ("10,000,000,000,000")
            shown = [i18n.integer(b) if abs(b) >= 100_000 else b for b in (low, high)]
            self.problems.append(message.format(key=key, value=said(value), low=shown[0], high=shown[1],
                                                default=default))
            return default
        return number

    def not_a_year(self, key: str, value: object, low: int, high: int, default: int | None,
                   periods: Mapping[str, int]) -> int | None:
        """`default`, with the problem said: the years and the periods the data writes (at most
        `years.SHOWN_PERIODS` of them) that `key` takes."""
        if default is None:
            message = _("In the address, {key} must be a year from {low} to {high} or a period the data "
                        "writes ({periods}), not '{value}'; all are shown instead.")
        else:
            message = _("In the address, {key} must be a year from {low} to {high} or a period the data "
                        "writes ({periods}), not '{value}'; {default} is shown instead.")
        self.problems.append(message.format(key=key, value=said(value), low=low, high=high,
                                            periods=years.listed(periods), default=default))
        return default

    def many(self, key: str, allowed: Iterable[str]) -> list[str]:
        value = self.raw.get(key)
        if not value:
            return []
        allowed = allowed if isinstance(allowed, Known) else set(allowed)
        chosen = list(dict.fromkeys(v.strip() for v in str(value).split(",") if v.strip()))
        unknown = [v for v in chosen if v not in allowed]
        if unknown:
            self.problems.append(_("The address names unknown {key}: {values}; they are left out.").format(
                key=key, values=said(i18n.join(unknown), 2 * MOST)))
        return [v for v in chosen if v in allowed]


def plain(value: object) -> str | None:
    """A control's or the URL's value as URL text: lists joined, whole numbers without '.0'."""
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


@dataclass(frozen=True)
class Declaration:
    """Every parameter of a view, in reading order (a parameter's choices may depend on earlier ones)."""

    params: tuple[Param, ...]

    def __iter__(self):
        return iter(self.params)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.params]

    def read(self, raw: Mapping[str, object], context: Any) -> tuple[dict, list[str]]:
        """The raw query read into {field: value}, each bad value named and replaced by its default."""
        q = Query({k: t for k, t in ((k, plain(v)) for k, v in raw.items()) if t is not None})
        values: dict[str, object] = {}
        for param in self.params:
            values[param.field] = read_one(param, q, context, values)
        return values, q.problems

    def write(self, values: Mapping[str, object], context: Any) -> dict[str, str]:
        """The state as URL parameters, in declared order, every default left out."""
        query = {}
        for param in self.params:
            value = values.get(param.field)
            if param.kind == "flag":
                value = param.on if value else None
            elif isinstance(value, list | tuple):
                value = ",".join(map(str, value))
            default = param.default_for(context, dict(values))
            if value in (None, "", ()) or str(value) == plain(default):
                continue
            query[param.name] = str(value)
        return query

    def describe(self, context: Any = None) -> list[dict]:
        return [p.describe(context) for p in self.params]


def read_one(param: Param, q: Query, context: Any, values: dict) -> object:
    default = param.default_for(context, values)
    if param.kind in ("integer", "year"):
        low, high = (param.bounds(context, values) if param.bounds else (0, 0)) or (None, None)
        periods = param.periods(context, values) if param.periods else {}
        return q.integer(param.name, low, high, default, periods if param.kind == "year" else None)
    if param.kind == "many":
        return tuple(q.many(param.name, param.allowed(context, values)))
    if param.kind == "flag":
        return q.text(param.name, [param.on], None) == param.on
    if param.kind == "text":
        return (q.raw.get(param.name) or "").strip()[: param.max_length]
    if param.keep_unknown:
        return (q.raw.get(param.name) or "").strip()[: param.max_length] or default
    whole = param.numbered or param.value_type == "integer"
    return q.text(param.name, param.allowed(context, values), default, whole)


def blamed(read: Callable[[Mapping[str, str]], list[str]], raw: Mapping[str, str],
           names: Sequence[str]) -> str:
    """The parameter of `raw` to blame for the problems `read` finds in it: the last, in declared
    order (`names`), without which fewer are found, as the last depend on the first (a target on its
    goal: the target is blamed); else the first given. For the API's 400 and a picture's."""
    found = len(read(raw))
    ordered = sorted(raw, key=lambda key: names.index(key) if key in names else len(names))
    return next((key for key in reversed(ordered)
                 if len(read({k: v for k, v in raw.items() if k != key})) < found), next(iter(raw)))


def encode(state: Mapping[str, object], defaults: Mapping[str, object] | None = None) -> str:
    """A query string of the state's non-default values, lists joined with commas."""
    defaults = defaults or {}
    pairs = {}
    for key, value in state.items():
        if value in (None, "", []) or value == defaults.get(key):
            continue
        pairs[key] = ",".join(map(str, value)) if isinstance(value, list | tuple) else value
    return "?" + urlencode(pairs) if pairs else ""


def download_url(resource: str, query: Mapping[str, object], fmt: str) -> str:
    """`/api/v1/<resource>.<fmt>?<query>`, leaving out empty values (None, "", empty lists): the
    address a view's download button and its embed's data link give, so a download is what the API returns.

    >>> download_url("explore", {"view": "ranking", "goal": "3"}, "csv")
    '/api/v1/explore.csv?view=ranking&goal=3'
    """
    if fmt not in API_FORMATS:
        raise ValueError(f"format must be one of {API_FORMATS}, not {fmt!r}")
    pairs = {key: ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
             for key, value in query.items() if value not in (None, "", [], ())}
    path = f"{API_PREFIX}/{quote(resource.strip('/'), safe='/')}.{fmt}"
    return path + ("?" + urlencode(pairs) if pairs else "")


def as_csv(api_path: str) -> str:
    """A view's API address asking for CSV: `/api/v1/scores/index?year=2025` ->
    `/api/v1/scores/index.csv?year=2025`; an address that names its format already is kept.

    >>> as_csv("/api/v1/scores/index?year=2025"), as_csv("/api/v1/explore.csv?view=ranking")
    ('/api/v1/scores/index.csv?year=2025', '/api/v1/explore.csv?view=ranking')
    """
    path, mark, query = api_path.partition("?")
    if not path.endswith(tuple(f".{fmt}" for fmt in API_FORMATS)):
        path += ".csv"
    return path + mark + query
