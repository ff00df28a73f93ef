"""One translation layer for every word the dashboard shows: gettext catalogues read with Babel.

Strings are marked `_("…")` (or `ngettext`) where they are used, with named placeholders
(`_("{count} places").format(count=n)`) so a translation can put words in its own order.
Module-level constants are marked `N_("…")` so extraction finds them and translated at use.
The language in force is a context variable: the dashboard sets it once per request, a test
or a script sets it with `use("fr")`.
"""

from __future__ import annotations

import gettext as _gettext
import io
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from layouts import lists

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}

_language: ContextVar[str | None] = ContextVar("city_sdg_language", default=None)


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Marks a string for extraction without translating it (it is translated where shown)."""
    return message


@dataclass(frozen=True)
class Setup:
    """What the app's configuration says about languages (set once at start by `configure`)."""

    default: str = SOURCE_LANGUAGE
    extra_dirs: tuple[Path, ...] = ()
    """Extra catalogue folders, searched after the shipped ones."""


_setup: list[Setup] = [Setup()]


def configure(default: str = SOURCE_LANGUAGE, extra_dirs: tuple[Path, ...] = ()) -> None:
    """The default language and extra catalogue folders, from the app's settings (at start-up)."""
    _setup[0] = Setup(default, tuple(extra_dirs))


def catalogue_dirs() -> tuple[Path, ...]:
    return (LOCALES_DIR, *_setup[0].extra_dirs)


@lru_cache(maxsize=8)
def _catalogue_paths(dirs: tuple[Path, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        for path in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            found.setdefault(path.parent.parent.name, path)
    return found


def catalogue_path(language: str) -> Path | None:
    return _catalogue_paths(catalogue_dirs()).get(language)


def languages() -> list[str]:
    """The source language and every language that has a catalogue, in a stable order."""
    return list(_languages(catalogue_dirs()))


@lru_cache(maxsize=8)
def _languages(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    """Kept per set of folders: every formatted number asks for the language in force."""
    found = set(_catalogue_paths(dirs)) - {SOURCE_LANGUAGE}
    return (SOURCE_LANGUAGE, *sorted(found))


def default_language() -> str:
    wanted = _setup[0].default
    return wanted if wanted in _languages(catalogue_dirs()) else SOURCE_LANGUAGE


def native_name(language: str) -> str:
    """The language's name in itself ('Français'), for the language menu."""
    try:
        name = Locale.parse(language).get_display_name(language) or language
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=16)
def _translations(path: Path) -> _gettext.NullTranslations:
    """A catalogue compiled in memory (catalogues are read once per process; restart to reload)."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


NULL = _gettext.NullTranslations()


def translations(language: str) -> _gettext.NullTranslations:
    path = catalogue_path(language) if language != SOURCE_LANGUAGE else None
    return NULL if path is None else _translations(path)


def language() -> str:
    """The language in force: the one set for this request or block, else the default."""
    return _language.get() or default_language()


def set_language(code: str | None) -> Token:
    """Sets the language for the rest of the current context (one web request); give the token
    to `reset_language` when the request ends."""
    return _language.set(code if code in languages() else None)


def reset_language(token: Token) -> None:
    _language.reset(token)


@contextmanager
def use(code: str | None) -> Iterator[str]:
    """Runs a block in one language (unknown codes fall back to the default)."""
    token = _language.set(code if code in languages() else None)
    try:
        yield language()
    finally:
        _language.reset(token)


def choose(requested: str | None, accepted: list[str] | None = None) -> str:
    """The URL's ?lang= when it names a catalogue (`es`, or `es-MX`, `ES`, `fr_FR` by their
    language), then the browser's preferences, then the default."""
    available = languages()
    if requested and requested in available:
        return requested
    for wanted in ([requested] if isinstance(requested, str) else []) + list(accepted or []):
        base = wanted.replace("_", "-").split("-")[0].lower()
        if wanted in available:
            return wanted
        if base in available:
            return base
    return default_language()


def href(target: str, code: str | None = None) -> str:
    """An in-app link that keeps the language: '/city/x?goal=3' -> '/city/x?goal=3&lang=fr'."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return target
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    query.append(("lang", code or language()))
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def direction(code: str | None = None) -> str:
    return "rtl" if (code or language()).split("-")[0] in RTL_LANGUAGES else "ltr"


def gettext(message: str) -> str:
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A translation that depends on where the word is used ('May' the month, 'May' the verb)."""
    return translations(language()).pgettext(context, message)


_ = gettext


# Numbers, dates and money in the language's own conventions.


def locale() -> Locale:
    return _locale(language())


@lru_cache(maxsize=32)
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def number(value: object, digits: int = 1) -> str:
    """A number with the locale's decimal sign and grouping; '' for a missing value."""
    if missing(value):
        return ""
    try:
        numeric = float(value)
    except (TypeError, ValueError):
        return str(value)
    return formatted(numeric, math.copysign(1.0, numeric), digits, language())


def compact(value: object) -> str:
    """A large number shortened in the reader's language ('14.3M', '14,3 M', '949 mil') for a label
    beside a bar, where the exact figure is in its hover text and table; '' for a missing value."""
    if missing(value):
        return ""
    from babel.numbers import format_compact_decimal

    return format_compact_decimal(float(value), locale=locale(), fraction_digits=1)


QUANTA = tuple(Decimal(10) ** -digits for digits in range(16))
"""Rounding steps for 0 to 15 decimals (Babel's quantum for a pattern with that many)."""


@lru_cache(maxsize=65536)
def formatted(numeric: float, _sign: float, digits: int, code: str) -> str:
    """`number`'s text, kept (the sign is in the key, so -0.0 and 0.0 stay apart). The same text as
    Babel's `format_decimal` with the pattern '#,##0.0…' (tested on many values and every
    language), made with the locale's signs: Babel takes about 80 us a number, and a peers table
    at 10,000 places shows thousands."""
    if not math.isfinite(numeric) or abs(numeric) >= 1e15 or not 0 <= digits < len(QUANTA):
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        return babel_numbers.format_decimal(numeric, format=pattern, locale=_locale(code))
    # as Babel reads a float: its shortest text, then half-even rounding
    return decimal_text(Decimal(str(numeric)), digits, code)


def decimal_text(value: Decimal, digits: int, code: str) -> str:
    """A finite decimal number under 10^15 rounded half-even to `digits` (0-15) decimals, grouped
    with the signs of language `code`: `formatted`'s text, and a percentage's number as Babel
    scales it (exactly, in decimal)."""
    whole, _dot, fraction = f"{abs(value).quantize(QUANTA[digits]):f}".partition(".")
    decimal_sign, group, minus = _signs(code)
    head = len(whole) % 3 or 3
    grouped = group.join([whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))])
    return (minus if value.is_signed() else "") + grouped + (decimal_sign + fraction if digits else "")


@lru_cache(maxsize=32)
def _signs(code: str) -> tuple[str, str, str]:
    """The locale's decimal sign, group sign and what comes before a negative number."""
    here = _locale(code)
    return (babel_numbers.get_decimal_symbol(here), babel_numbers.get_group_symbol(here),
            babel_numbers.format_decimal(-1, format="0", locale=here)[:-1])


def integer(value: object) -> str:
    return number(value, 0)


def percent(value: object, digits: int = 0) -> str:
    """A share from 0 to 1 as a percentage ('42 %' in French): the language's number text of the
    share times 100 between the percent pattern's own affixes (`_percent_affixes`), else Babel's."""
    if missing(value):
        return ""
    share = float(value)
    around = _percent_affixes(digits, language()) if positive(share) and share < 1e12 and 0 <= digits < 16 \
        else None
    if around is None:
        return _babel_percent(share, digits)
    return around[0] + hundredfold(share, digits, language()) + around[1]


def hundredfold(share: float, digits: int, code: str) -> str:
    """The number of a percentage as Babel writes it: the share's shortest decimal text times 100,
    in decimal, then rounded (0.165 is the tie 16.5, not 16.500000000000004; 0.34500000000000003
    is 34.500000000000003, which rounds up)."""
    return decimal_text(Decimal(repr(share)).scaleb(2), digits, code)


def _babel_percent(share: float, digits: int) -> str:
    pattern = babel_numbers.parse_pattern(locale().percent_formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return pattern.apply(share, locale())


PERCENT_PROBES = (0.0, 0.004, 0.05, 0.1234, 0.5, 0.99999, 1.0, 12.5, 123.456)
"""Shares on which the fast percent text is checked against Babel's, per language and digits."""


@lru_cache(maxsize=64)
def _percent_affixes(digits: int, code: str) -> tuple[str, str] | None:
    """Babel's text around the number of a percentage in language `code` (Babel takes about 60 us
    a percentage; a projects filter writes hundreds); None: `percent` asks Babel each time."""
    with use(code):
        return affixes(lambda share: _babel_percent(share, digits),
                       lambda share: hundredfold(share, digits, code), PERCENT_PROBES)


def affixes(babel: Callable[[float], str], body: Callable[[float], str],
            probes: tuple[float, ...]) -> tuple[str, str] | None:
    """What `babel(value)` writes before and after `body(value)` (the language's number text),
    where that holds for every probe value; None where it does not (the caller then asks Babel
    for each value)."""
    sample, middle = babel(probes[-1]), body(probes[-1])
    if sample.count(middle) != 1:
        return None
    prefix, suffix = sample.split(middle)
    return (prefix, suffix) if all(prefix + body(v) + suffix == babel(v) for v in probes) else None


def positive(value: float) -> bool:
    """Finite and not negative, -0.0 neither: the values the fast money and percent texts write
    (Babel writes a minus, even of -0.0, before a currency sign or after a percent's prefix)."""
    return math.isfinite(value) and math.copysign(1.0, value) > 0


def missing(value: object) -> bool:
    """None, NaN and pandas' NA (a budget or count a source does not give) are missing, never zero."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return False


def money(amount: object, currency: str | None) -> str:
    """An amount in whole units of `currency` in the language's money format: a non-negative one
    as the language's number text between the pattern's own affixes (`_money_affixes`), where
    they hold; otherwise Babel's."""
    if missing(amount):
        return ""
    if not currency:
        return number(amount, 0)
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return _babel_money(amount, currency)
    around = _money_affixes(currency, language()) if positive(value) else None
    return _babel_money(value, currency) if around is None else around[0] + number(value, 0) + around[1]


def _babel_money(amount: object, currency: str) -> str:
    # whole units: budgets are planning figures, cents would be false precision
    pattern = babel_numbers.parse_pattern(locale().currency_formats["standard"].pattern)
    pattern.frac_prec = (0, 0)
    try:
        text = pattern.apply(float(amount), locale(), currency=currency, currency_digits=False)
    except (babel_numbers.UnknownCurrencyError, ValueError):
        return f"{number(amount, 0)} {currency}"
    return LETTER_BY_DIGIT.sub("\u00a0", text)


LETTER_BY_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
"""Between a currency's letters and the amount's digits: English writes "$389,000" but Babel's
"BOB389,000" or "F CFA389,000" for a code or a sign ending in a letter, which CLDR's currency
spacing separates with a no-break space ("BOB 389,000")."""


MONEY_PROBES = (0.0, 7.0, 999.0, 1000.0, 1234.0, 12345.5, 99999.5, 100000.0, 2500000.5, 123456789.0)
"""Amounts on which the fast money text is checked against Babel's, per language and currency."""


def moneys(amounts: object, currency: str) -> list[str]:
    """`money` of many amounts at once (a projects table or map of thousands of places; Babel takes
    about 40 us an amount): the language's number text (`numbers`) between the currency pattern's
    own prefix and suffix, which are read off Babel's text of a probe amount and used only where
    Babel gives the same text for every MONEY_PROBES amount; a negative or missing amount, or a
    language where they differ, goes through `money`."""
    import numpy as np
    import pandas as pd

    values = pd.to_numeric(pd.Series(amounts, dtype=object), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan)
    around = _money_affixes(currency, language()) if currency else None
    if around is None:
        return [money(value, currency) for value in values.tolist()]
    prefix, suffix = around
    texts = numbers(values, 0)
    fast = (np.isfinite(values) & ~np.signbit(values)).tolist()  # `positive`, for all at once
    return [prefix + text + suffix if ok else money(value, currency)
            for ok, value, text in zip(fast, values.tolist(), texts, strict=True)]


@lru_cache(maxsize=64)
def _money_affixes(currency: str, code: str) -> tuple[str, str] | None:
    with use(code):
        return affixes(lambda amount: _babel_money(amount, currency), lambda amount: number(amount, 0),
                       MONEY_PROBES)


def day(value: date | str | None, form: str = "long") -> str:
    """A date with the month named in the language ('3 mars 2025')."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return babel_dates.format_date(value, format=form, locale=locale())


def month_year(value: date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return babel_dates.format_skeleton("yMMMM", value, locale=locale())


def separators() -> str:
    """Plotly's `layout.separators` (decimal sign, then thousands sign) for the language."""
    symbols = locale().number_symbols.get("latn", locale().number_symbols)
    return symbols.get("decimal", ".") + symbols.get("group", ",")


def join(items: list[str]) -> str:
    """'a, b and c' in the language's own list style, each name read as one where a name holds the
    list's own word or a comma (`lists.joined`: "Westbury-on-Trym and Henleaze, and Bedminster", two
    wards tied at the top, read as three places joined with "and")."""
    code = language()
    return lists.joined(list(items), _conjunction(code), lambda names: format_list(names, locale=locale()),
                        code)


def either(items: list[str]) -> str:
    """'a, b or c' in the language's own list style (what none of several things does)."""
    items = list(items)
    return format_list(items, style="or", locale=locale()) if items else ""


@lru_cache(maxsize=16)
def _conjunction(code: str) -> str:
    """The word the language's list of two puts between them ('and', 'y', 'et')."""
    with use(code):
        return format_list(["\x00", "\x01"], locale=locale()).strip("\x00\x01").strip(" ,")


def numbers(values: object, digits: int = 1, missing_text: str | None = "") -> list:
    """`number` of every value at once, for tables and hover texts of thousands of rows (a missing
    value gives `missing_text`): numbers from 0 to under 1,000 (every score) in one vectorised step,
    other numbers by Python's own formatting with the language's signs swapped in. Only values
    within a hair of a rounding tie, where binary and decimal rounding could differ, and huge ones
    go through `number` (Babel's rounding), so the text is always `number`'s."""
    import numpy as np
    import pandas as pd

    array = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan)
    out = np.full(len(array), missing_text, dtype=object)
    rounded = np.round(array, digits)
    scaled = np.abs(array) * 10.0 ** digits
    # within a hair of a tie, the hair growing with the number (its binary error after scaling);
    # an infinite value is no tie (and goes to `number` below)
    with np.errstate(invalid="ignore"):
        tie = np.abs(scaled - np.floor(scaled) - 0.5) < np.maximum(1e-6, 64 * np.spacing(scaled))
    usual = np.isfinite(array) & ~tie & (np.abs(array) < 1e12)
    small = usual & (array >= 0) & (rounded < 1000)
    decimal_sign, group, minus = _signs(language())
    # Python's own formatting over a list of floats: NumPy's `char.mod` gives the same text at a
    # third of the speed (4.3 against 1.7 ms for 10,000 scores, three times a map state)
    plain = f"%.{digits}f"
    texts = [plain % value for value in rounded[small].tolist()]
    out[small] = texts if decimal_sign == "." else [t.replace(".", decimal_sign) for t in texts]
    signs = str.maketrans({",": group, ".": decimal_sign, "-": minus})
    pattern = f",.{digits}f"
    large = np.flatnonzero(usual & ~small)
    if (decimal_sign, group, minus) == (".", ",", "-"):  # Python's own signs: nothing to swap
        out[large] = [format(value, pattern) for value in array[large].tolist()]
    else:
        out[large] = [format(value, pattern).translate(signs) for value in array[large].tolist()]
    for position in np.flatnonzero(~usual & ~np.isnan(array)):
        out[position] = number(array[position], digits)
    return out.tolist()


def hrefs(targets: list) -> list[str | None]:
    """`href` of many in-app links at once: a plain path (no query) only gains the language."""
    suffix = "?" + urlencode([("lang", language())])
    return [None if not isinstance(t, str) or not t else
            t + suffix if t.startswith("/") and not any(c in t for c in "?#") else href(t) for t in targets]


def once_each(values, words, missing: object = None) -> list:
    """`words(value)` for every value of a column, called once per distinct value (countries,
    regions, ratings, trends: a handful of words repeated over thousands of rows); a missing value
    gives `missing` when it is given, else goes to `words` like any other. The column is factorised
    (pandas, in C), so 10,000 rows cost a handful of calls and one take, not a loop over rows."""
    import numpy as np
    import pandas as pd

    column = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if not len(column):
        return []
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    absent = codes < 0
    found = np.empty(len(uniques) + 1, dtype=object)
    found[:len(uniques)] = [words(value) for value in uniques.tolist()]
    out = found[codes]  # code -1 (missing) takes the last slot, filled below
    if absent.any():
        if missing is not None:
            out[absent] = [missing] * int(absent.sum())
        else:  # each missing value goes to `words` once per kind of missing (None, NaN, NA)
            kinds: dict = {}
            gaps = column[absent].astype(object).tolist()
            for value in gaps:
                if type(value) not in kinds:
                    kinds[type(value)] = words(value)
            out[absent] = [kinds[type(value)] for value in gaps]
    return out.tolist()
