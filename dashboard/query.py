"""URL query strings to page state: every value checked, a bad one named and replaced by its default."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from layouts import i18n
from layouts.i18n import _


@dataclass
class Query:
    """Reads one page's query parameters; `problems` lists what was wrong, in plain words."""

    raw: dict[str, str]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # a key given twice (?year=2020&year=2021) arrives as a list: the last one wins
        self.raw = {k: (v[-1] if isinstance(v, list) and v else v) for k, v in self.raw.items()}

    def text(self, key: str, allowed: Iterable[str], default: str | None) -> str | None:
        value = self.raw.get(key)
        if value in (None, ""):
            return default
        allowed = list(allowed)
        if value in allowed:
            return value
        if default:
            self.problems.append(_("The address asks for {key} '{value}', which is not known here; "
                                   "the default is shown instead.").format(value=value, key=key))
        else:
            self.problems.append(_("The address asks for {key} '{value}', which is not known here; "
                                   "all are shown instead.").format(value=value, key=key))
        return default

    def integer(self, key: str, low: int, high: int, default: int | None) -> int | None:
        value = self.raw.get(key)
        if value in (None, ""):
            return default
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            if default is None:
                message = _("In the address, {key} must be a whole number from {low} to {high}, not "
                            "'{value}'; all are shown instead.")
            else:
                message = _("In the address, {key} must be a whole number from {low} to {high}, not "
                            "'{value}'; {default} is shown instead.")
            # bounds are mostly years, which are never grouped ("2 015")
            self.problems.append(message.format(key=key, value=value, low=low, high=high, default=default))
            return default
        return number

    def many(self, key: str, allowed: Iterable[str]) -> list[str]:
        value = self.raw.get(key)
        if not value:
            return []
        allowed = set(allowed)
        chosen = list(dict.fromkeys(v for v in str(value).split(",") if v))
        unknown = [v for v in chosen if v not in allowed]
        if unknown:
            self.problems.append(_("The address names unknown {key}: {values}; they are left out.").format(
                key=key, values=i18n.join(unknown)))
        return [v for v in chosen if v in allowed]


def encode(state: dict[str, object], defaults: dict[str, object] | None = None) -> str:
    """A query string of the state's non-default values, lists joined with commas."""
    defaults = defaults or {}
    pairs = {}
    for key, value in state.items():
        if value in (None, "", []) or value == defaults.get(key):
            continue
        pairs[key] = ",".join(map(str, value)) if isinstance(value, list | tuple) else value
    return "?" + urlencode(pairs) if pairs else ""
