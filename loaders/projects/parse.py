"""Cell parsers for project lists: SDG tags, dates, money, coordinates and links.

Each returns what it understood and, for what it did not, the reasons to report.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from loaders import paths, textio
from loaders.numbers import DECIMAL_POINT
from loaders.numbers import decimal_comma_column as numbers_decimal_comma

# ---------------------------------------------------------------------------- SDG tags

SEPARATORS = re.compile(r"[,;|/\n\r\t]+")
STRIP = "[](){}\"'“”„‘’«» .:"
CODE = r"0*(?P<goal>\d{1,2})(?:\s?\.\s?(?P<target>\d{1,2}|[a-jA-J])(?![A-Za-z]))?(?:\.\d{1,2})?(?!\d)"
PREFIX = r"\b(?:un\s*-?\s*)?(?:sdgs?|goals?|ziele?|odd|ods|objetivos?|objectifs?|targets?|metas?)"
PREFIXED = re.compile(rf"{PREFIX}\s*[-_:#.]?\s*{CODE}", re.IGNORECASE)
BARE_CODES = re.compile(r"^\d{1,2}(?:\.\w{1,2}){0,2}(?:\s+\d{1,2}(?:\.\w{1,2}){0,2})*$")
LEADING_CODE = re.compile(rf"^{CODE}\s*[-:–—.]?\s*[^\d\s.]")


AND_WORDS = ("and", "y", "e", "et", "und", "&")
"""'and' in the shipped languages (and German, Portuguese): a goal name matches with any of them."""
AND_SEPARATOR = re.compile(r"(?:(?<=\d)|(?<=\d\.[a-jA-J]))(?:\s+(?:and|y|e|et|und)\s+|\s*&\s*)",
                           re.IGNORECASE)
"""Goals or targets joined by a word ('SDG 7 und 13', 'Goals 3 & 6', 'SDG 11.a y 11.b'): the second
was dropped. Goal names with 'and' in them are read first ('Clean water and sanitation')."""
QUOTES = "«»\"“”"


@lru_cache(maxsize=1)
def goal_names() -> list[tuple[re.Pattern, int]]:
    """Official short goal names in English and in every shipped translation ('Climate action',
    'Acción por el clima', 'Pas de pauvreté'), longest first, as patterns (`name_pattern`)."""
    goals = json.loads(paths.SDG_GOALS_FILE.read_text(encoding="utf-8"))["goals"]
    names = {str(goal["name"]): int(goal["goal"]) for goal in goals}
    found = dict(names)
    for name, text in translated_goal_names():
        if name in names and text:
            found.setdefault(text, names[name])
    longest_first = sorted(found.items(), key=lambda item: -len(item[0]))
    return [(name_pattern(name), goal) for name, goal in longest_first]


def translated_goal_names() -> list[tuple[str, str]]:
    """(English name, translation) of the goals in the shipped catalogues (`msgctxt "SDG goal"`)."""
    from babel.messages.pofile import read_po

    pairs = []
    for catalogue in sorted(paths.LOCALES_DIR.glob("*/LC_MESSAGES/messages.po")):
        with open(catalogue, "rb") as handle:
            pairs += [(str(m.id), str(m.string)) for m in read_po(handle)
                      if m.context == "SDG goal" and m.string]
    return pairs


def name_pattern(name: str) -> re.Pattern:
    """A goal name as a pattern that tolerates '&' or another language's 'and', missing hyphens,
    commas, quotes and accents, and either apostrophe: 'Faim « zéro »' matches 'faim zero'."""
    parts = []
    for token in re.findall(rf"[^\s{QUOTES}]+", name.lower()):
        if token in AND_WORDS:
            parts.append("(?:" + "|".join(map(re.escape, AND_WORDS)) + ")")
            continue
        letters = []
        for char in token:
            bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            if char in "'’":
                letters.append("['’]?")
            elif char == "-":
                letters.append(r"[\s-]?")
            elif char == ",":
                letters.append(",?")
            elif bare and bare != char:
                letters.append(f"[{re.escape(char)}{re.escape(bare)}]")
            else:
                letters.append(re.escape(char))
        parts.append("".join(letters))
    return re.compile(r"\b" + rf"[\s{QUOTES}]*".join(parts) + r"(?!\w)", re.IGNORECASE)


def sdg_tags(text: str) -> tuple[list[int], list[str], list[str]]:
    """Goals, targets and the pieces not understood, from one cell in any usual spelling:
    '9, 13, 15', '[9, 13]', 'SDG 9; SDG 13', 'Goal 13', '11.2' (target; also goal 11),
    'Climate action', 'SDG 9: Industry, innovation and infrastructure'."""
    for pattern, goal in goal_names():
        text = pattern.sub(f"SDG {goal}", text)
    goals: list[int] = []
    targets: list[str] = []
    problems: list[str] = []
    for token in SEPARATORS.split(AND_SEPARATOR.sub(",", text)):
        token = token.strip(STRIP)
        if not token:
            continue
        if BARE_CODES.match(token):
            found = list(re.finditer(CODE, token))
        else:
            found = list(PREFIXED.finditer(token)) or list(LEADING_CODE.finditer(token))
            rest = PREFIXED.sub(" ", token) if found else ""
            named = {code_parts(m) for m in found}
            if any(code_parts(m) not in named for m in re.finditer(CODE, rest)):
                problems.append(rest.strip(STRIP + " "))  # 'SDG 7 plus 13' or '... 7.2': dropped in silence
        if not found:
            problems.append(token)
        for match in found:
            goal, target = code_parts(match)
            if goal is None:
                problems.append(match.group(0).strip())
                continue
            goals.append(goal)
            if target:
                targets.append(target)
    return goals, targets, problems


def code_parts(match: re.Match) -> tuple[int | None, str | None]:
    goal = int(match["goal"])
    if not 1 <= goal <= 17:
        return None, None
    target = (match["target"] or "").lower()
    if target.isdigit() and not 1 <= int(target) <= 19:
        return None, None
    return goal, f"{goal}.{int(target) if target.isdigit() else target}" if target else None


def target_order(code: str) -> tuple[int, int, str]:
    """'11.2' before '11.10' before '11.a'."""
    goal, part = code.split(".")
    return int(goal), int(part) if part.isdigit() else 100, part


# ---------------------------------------------------------------------------- dates

ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{4})$")
NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
WORDY = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%B %Y", "%b %Y")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_date(text: str, order: str = "dmy") -> str | None:
    """ISO text for a date: 'YYYY-MM-DD', or 'YYYY-MM' / 'YYYY' when that is all it says.
    '31.12.2021' is always day first; '03/04/2021' follows `order` ('dmy' or 'mdy')."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return text if FIRST_YEAR <= int(text) <= LAST_YEAR else None
    if match := ISO.match(text):
        return checked_date(*map(int, match.groups()))
    if match := YEAR_MONTH.match(text):
        return checked_month(int(match[1]), int(match[2]))
    if match := MONTH_YEAR.match(text):
        return checked_month(int(match[2]), int(match[1]))
    if match := NUMERIC.match(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        day_first = match[2] == "." or order == "dmy"
        day, month = (first, second) if day_first else (second, first)
        return checked_date(year, month, day)
    for pattern in WORDY:
        try:
            parsed = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if "%d" in pattern:
            return checked_date(parsed.year, parsed.month, parsed.day)
        return checked_month(parsed.year, parsed.month)
    return None


def checked_date(year: int, month: int, day: int) -> str | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date.isoformat() if FIRST_YEAR <= year <= LAST_YEAR else None


def checked_month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR else None


# ---------------------------------------------------------------------------- money and counts

SYMBOLS = {"€": "EUR", "US$": "USD", "$": "USD", "£": "GBP", "₹": "INR", "₦": "NGN", "R$": "BRL",
           "S/": "PEN", "₲": "PYG", "₡": "CRC", "RD$": "DOP"}
"""Currency marks that name one currency. A mark that names several ('Bs': the Bolivian boliviano
and the Venezuelan bolívar; 'C$') is read as a mark and no more: the currency comes from the
mapping."""
MARK = r"[A-Za-z]{1,3}\.?|US\$|RD\$|R\$|C\$|S/\.?|[€$£₹₦₲₡]"
"""A currency mark written with an amount: a code, a short local mark ('Bs', 'Bs.') or a symbol."""
SCALES = {
    "k": 1e3, "thousand": 1e3, "tsd": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6,
    "millions": 1e6, "millionen": 1e6, "bn": 1e9, "billion": 1e9, "mrd": 1e9, "milliarden": 1e9,
}  # fmt: skip
MONEY = re.compile(
    rf"^(?P<before>{MARK})?\s*(?P<number>[-+\d.,\s\u00a0\u202f]*\d\.?)\s*"
    rf"(?P<scale>[A-Za-z]+\.?)?\s*(?P<after>{MARK})?$"
)


def parse_number(text: str, decimal: str | None = None) -> float | None:
    """A count or amount as the other loaders read numbers ('1,234', '1.234,5', '12 000'), with the
    decimal mark given (else a lone '1.234' is 1.234)."""
    parsed = textio.parse_numbers(pd.Series([text], dtype="string"), decimal)
    value = parsed["value"].iloc[0]
    return None if pd.isna(value) or parsed["flag"].iloc[0] else float(value)


def money_decimal(cells: pd.Series) -> tuple[str | None, bool]:
    """(decimal mark, inferred) of a budget column, from the amounts in its cells: ',' where some
    amount can only be a decimal comma ('1.234,5'), '.' where some can only be a decimal point
    ('1,234.5'); where neither, and amounts are written with dot groups alone ('150.000', a Spanish
    or German register), ',' too, and inferred is True: a budget of 150.000 units of money is
    150,000, not 150. Else None (the default reading)."""
    numbers = []
    for text in cells.dropna().astype(str).str.strip():
        match = MONEY.match(text)
        if match:
            numbers.append(match["number"].strip())
    amounts = pd.Series(numbers, dtype="string")
    if amounts.empty:
        return None, False
    if numbers_decimal_comma(amounts):
        return ",", False
    if amounts.str.match(DECIMAL_POINT.pattern).any() or amounts.str.contains(",", regex=False).any():
        return ".", False
    if amounts.str.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+").any():
        return ",", True
    return None, False


def parse_money(text: str, decimal: str | None = None) -> tuple[float | None, str | None]:
    """Amount and the currency written with it: 'EUR 1.2 million' -> (1200000.0, 'EUR'); the
    amount read with the decimal mark given (`money_decimal`)."""
    match = MONEY.match(text.strip())
    if not match:
        return None, None
    scale = 1.0
    word = (match["scale"] or "").rstrip(".").lower()
    after = match["after"]
    if word:
        if word in SCALES:
            scale = SCALES[word]
        elif len(word) <= 3 and not after:
            after = match["scale"]
        else:
            return None, None
    if match["before"] and after:
        return None, None
    amount = parse_number(match["number"], decimal)
    if amount is None:
        return None, None
    return amount * scale, mark_code(match["before"] or after)


def mark_code(mark: str | None) -> str | None:
    """The currency a mark names: a symbol's ('€', 'S/.'), a three-letter code's; None for no mark
    and for a mark of several currencies ('Bs')."""
    if not mark:
        return None
    bare = mark.rstrip(".")
    if mark in SYMBOLS or bare in SYMBOLS:
        return SYMBOLS.get(mark, SYMBOLS.get(bare))
    return bare.upper() if len(bare) == 3 and bare.isalpha() else None


def currency_code(text: str, vocabulary: dict[str, str | None]) -> str | None:
    """'eur', '€', 'Euro' (through the mapping's currency vocabulary) -> 'EUR'; None if not a code."""
    key = re.sub(r"\s+", " ", text).strip().casefold()
    if key in vocabulary:
        return vocabulary[key]
    code = SYMBOLS.get(text.strip(), text.strip().upper())
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


# ---------------------------------------------------------------------------- places and links


def parse_coordinate(text: str) -> float | None:
    """'52.479', '52,479' or '52.479°'; None when not a finite number."""
    cleaned = text.strip().rstrip("°").replace(",", ".").replace("\u2212", "-")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def coordinate_problem(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return "coordinates need both latitude and longitude as numbers"
    if not -90 <= lat <= 90:
        return "latitude outside -90..90"
    if not -180 <= lon <= 180:
        return "longitude outside -180..180"
    if lat == 0 and lon == 0:
        return "coordinates 0, 0 are a placeholder, not a place"
    return None


def distance_km(lat1: float, lon1: float, lat2, lon2):
    """Great-circle distance; the second point may be numpy arrays."""
    import numpy as np

    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = phi2 - phi1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)
"""'misterspex.de' or 'www.x.org/de': a host name without its scheme."""
WEB = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def parse_url(text: str) -> str | None:
    """Only web links survive ('javascript:' and the like never reach a page); a bare host
    name such as 'www.x.org' or 'x.de/path' gets 'https://'."""
    link = text.strip()
    if DOMAIN.match(link):
        link = "https://" + link
    return link if WEB.match(link) else None
