"""SDG codes in every spelling people use, reduced to goal, target and indicator."""

from __future__ import annotations

import re

import pandas as pd

TARGET_PART = r"(?:\d{1,2}|[a-z])"
CODE = re.compile(
    rf"^\s*(?:(?:sdg|goal|indicator|target|objetivo|objectif|ziel)\s*[-_:.]?\s*)?"
    rf"(?P<goal>\d{{1,2}})(?:[.\-_ ](?P<target>{TARGET_PART})(?:[.\-_ ](?P<indicator>\d{{1,2}}))?"
    rf"(?:[.\-_ ](?P<sub>[a-z]{{1,2}}))?)?\s*$",
    re.IGNORECASE,
)
SERIES = re.compile(r"^[A-Z]{1,3}\d{4,}$|^[A-Z]{2,3}_[A-Z0-9_]+$")


def parse_sdg_code(text: object) -> dict[str, object] | None:
    """Split 'Goal 11', 'SDG11', '11.6.2', '11-6-2', '11.a.1', '16-7-2-a' into parts.

    Returns {"goal": int, "target": "11.6" or None, "un_code": "11.6.2" or None,
    "sub": "a" or None}, or None when the text is not an SDG code (series codes such as
    'C200203' or 'EN_ATM_PM25' are not: keep them as series with `is_series_code`).
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    match = CODE.match(str(text))
    if not match:
        return None
    goal = int(match["goal"])
    if not 1 <= goal <= 17:
        return None
    target = f"{goal}.{match['target'].lower()}" if match["target"] else None
    un_code = f"{target}.{int(match['indicator'])}" if target and match["indicator"] else None
    sub = match["sub"].lower() if match["sub"] else None
    return {"goal": goal, "target": target, "un_code": un_code, "sub": sub}


GOAL_IN_ID = re.compile(r"^\s*sdg[\s_-]?0*(?P<goal>\d{1,2})(?=$|[^\d])", re.IGNORECASE)


def goal_in_id(text: object) -> int | None:
    """The goal an indicator id names: 'sdg08_desempleo', 'sdg8v2_x', 'SDG8_x', 'sdg1_1_eepr'
    give 8, 8, 8, 1; an SDG code ('8.2.1', 'Goal 8') gives its goal; anything else None."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    parts = parse_sdg_code(text)
    if parts:
        return int(parts["goal"])
    match = GOAL_IN_ID.match(str(text))
    goal = int(match["goal"]) if match else 0
    return goal if 1 <= goal <= 17 else None


def is_series_code(text: object) -> bool:
    """True for UN SDG series codes: 'C200203', 'EN_ATM_PM25', 'SH_H2O_SAFE'."""
    return bool(text) and bool(SERIES.match(str(text).strip()))


def indicator_slug(text: str) -> str:
    """A stable id from an SDG code: '11.6.2' -> '11-6-2', '16-7-2-a' -> '16-7-2-a'."""
    parts = parse_sdg_code(text)
    if parts and parts["un_code"]:
        slug = parts["un_code"].replace(".", "-")
        return f"{slug}-{parts['sub']}" if parts["sub"] else slug
    return slugify(text)


UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ı": "i"}
)
"""Letters that Unicode does not split into a base letter and an accent."""


def slugify(text: object) -> str:
    """Lowercase ASCII words joined by hyphens; accents folded ('São Paulo' -> 'sao-paulo')."""
    import unicodedata

    plain = str(text).translate(UNDECOMPOSABLE)
    folded = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
