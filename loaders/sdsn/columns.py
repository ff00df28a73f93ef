"""What each column of an SDSN data sheet holds, read from its header in any of the family's namings:
'Normalized Score: sdg1_wpc', 'n_sdg1_wpc', 'Couleur: lnb1_accouch', 'sdg1v1_x_color', 'arrow_n_x',
'Goal 1 Dash', 'dash_sdg1', ' SDG01_color', 'index_sdg1', 'Score Genre', ..."""

from __future__ import annotations

import re

from loaders.sdsn.common import fold

ROLE_WORDS = {
    "": "raw",
    "n": "score",
    "norm": "score",
    "normalized score": "score",
    "normalised score": "score",
    "score": "score",
    "index": "score",
    "col": "colour",
    "color": "colour",
    "colour": "colour",
    "couleur": "colour",
    "dash": "colour",
    "dashboard": "colour",
    "dashboard color": "colour",
    "dashboard colour": "colour",
    "trend": "trend",
    "arrow": "trend",
    "arrow n": "trend",
    "tendance": "trend",
    "year": "year",
    "annee": "year",
    "impute": "impute",
    "imputation": "impute",
    "rank": "rank",
    "rang": "rank",
    "regional score": "regional",
}
"""Words before or after a code or goal in a header (folded), and what the column holds."""
GOAL = re.compile(
    r"^(?:(?P<pre>[a-z ]+?) )?(?:goal|sdg|odd|ods|objectif|objetivo) ?0*(?P<n>\d{1,2})(?: (?P<suf>[a-z ]+))?$"
)
INDEX_WORDS = {
    "score": ("index score", "state score", "city score", "overall score", "indice score", "imds",
              "puntuacion del indice", "puntaje del indice"),
    "rank": ("index rank", "state rank", "city rank", "overall rank", "indice rang", "ranking del indice",
             "posicion en el indice"),
    "missing_share": ("percentage missing", "missing", "missp", "donnees manquantes"),
}
"""Words naming the index score, rank and share of missing values columns (folded, contained)."""
SERIES_CODE = re.compile(r"^[a-z]+\d+[a-z0-9]* [a-z0-9 ]+$")


def role_of(words: str) -> str | None:
    return ROLE_WORDS.get(words.strip())


def classify(columns: list[str], codes: list[str], pillars: list[str] = ()) -> dict[str, tuple[str, object]]:
    """{column: (role, key)}: role raw/score/colour/trend/year/impute/rank with an indicator code
    as key, or goal_<role> with the goal number (or pillar name) as key. Columns left out are
    not SDSN result columns (places, population, ...)."""
    by_fold = {fold(c): c for c in codes}
    pillar_fold = {fold(p): p for p in pillars}
    out: dict[str, tuple[str, object]] = {}
    for column in columns:
        header = fold(column)
        found = code_role(header, by_fold)
        if found is None:
            found = goal_role(header, pillar_fold)
        if found is None:
            found = series_role(header)
        if found is not None:
            out[column] = found
    return out


def code_role(header: str, by_fold: dict) -> tuple[str, str] | None:
    """'<role words> <code>' or '<code> <role words>', trying every split at a space (so the
    longest code that leaves role words wins)."""
    if header in by_fold:
        return "raw", by_fold[header]
    words = header.split(" ")
    for cut in range(1, len(words)):
        before, after = " ".join(words[:cut]), " ".join(words[cut:])
        for code, rest in ((after, before), (before, after)):
            role = role_of(rest) if code in by_fold else None
            if role is not None and role not in ("raw", "regional"):
                return role, by_fold[code]
    return None


def goal_role(header: str, pillars: dict) -> tuple[str, object] | None:
    match = GOAL.match(header)
    if match and 1 <= int(match["n"]) <= 17:
        words = " ".join(w for w in (match["pre"], match["suf"]) if w)
        role = "score" if words == "" else role_of(words)
        return (f"goal_{role}", int(match["n"])) if role and role != "raw" else None
    if not pillars:
        return None
    words = header.split(" ")
    for role_words, rest in ((words[:-1], words[-1:]), (words[:1], words[1:]), (words[:2], words[2:])):
        role = role_of(" ".join(role_words))
        if role in ("score", "colour", "trend") and len(rest) == 1 and not rest[0].isdigit():
            return f"pillar_{role}", pillar_named(rest[0], pillars)
    return None


def pillar_named(word: str, pillars: dict) -> str:
    """The codebook pillar a header word names ('Services' -> 'Accessibilité et qualité des services');
    the word itself when no pillar contains it (resolved later, one to one)."""
    hits = [p for f, p in pillars.items() if any(w.startswith(word) for w in f.split(" ") if len(word) >= 4)]
    return hits[0] if len(hits) == 1 else word


def series_role(header: str) -> tuple[str, str] | None:
    """'Trend: sdg2_stuntihme': a result column naming a series the codebook does not list."""
    for words, role in ROLE_WORDS.items():
        if role == "trend" and words and header.startswith(words + " "):
            rest = header[len(words) + 1 :]
            if SERIES_CODE.match(rest):
                return "trend", rest.replace(" ", "_")
    return None


def index_columns(columns: list[str]) -> dict[str, str]:
    """{field: column} for the index score, rank and missing-values columns present."""
    found = {}
    for field, words in INDEX_WORDS.items():
        hit = next(
            (c for c in columns if any(w in fold(c) for w in words) and "regional" not in fold(c)), None
        )
        if hit:
            found[field] = hit
    return found
