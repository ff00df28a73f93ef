"""What a source calls a country's first-level units (départements, provinces, states), in its own words."""

from __future__ import annotations

from loaders.countries import fold

REGION_WORDS = {
    "department": frozenset({"department", "departments", "departement", "departements", "departamento",
                             "departamentos"}),
    "province": frozenset({"province", "provinces", "provincia", "provincias"}),
    "state": frozenset({"state", "states", "etat", "etats", "estado", "estados"}),
}
"""What a country's first-level units are called, by the words (folded) a source's texts call them:
Benin's report speaks of 'les départements de Bénin', and its pages called them regions."""


def region_word(texts: list[str]) -> str | None:
    """The kind of unit (a key of REGION_WORDS) a source's own texts name its places by (an SDSN
    workbook's opening lines, an Open SDG site's place names: 'Province 1'), where they name one kind
    alone; None otherwise ('region' then says it)."""
    words = {word for text in texts for word in fold(text).split()}
    found = [kind for kind, spellings in REGION_WORDS.items() if words & spellings]
    return found[0] if len(found) == 1 else None
