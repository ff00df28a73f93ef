"""Lists of names joined so that each reads as one name: where a name holds the list's own word or a comma."""

from __future__ import annotations

import re
from collections.abc import Callable

SPOKEN_I = re.compile(r"h?[ií](?![aeiouáéíóú])", re.IGNORECASE)
"""A Spanish word that begins with the sound /i/ (Icla, Hidalgo, Ixiamas; not Hierro or Iowa, whose
i is a consonant's glide): 'y' before it is written 'e' ("Sucre e Icla")."""

SAME_WORD = {"es": ("y", "e")}
"""The other spellings of a language's list word that a name may hold ("Ciencia e Innovación")."""


def holds(name: str, words: tuple[str, ...]) -> bool:
    """Whether `name` holds one of `words` as a word of its own (spaced: "Westbury-on-Trym and
    Henleaze"; not "Trinité-et-Tobago", whose hyphens bind it, nor "Sandwell")."""
    return any(re.search(rf"(?<!\S){re.escape(word)}(?!\S)", name, re.IGNORECASE) for word in words)


def list_word(code: str, word: str, following: str) -> str:
    """The list's word before `following`, as the language writes it there (Spanish 'e' for 'y' before
    the sound /i/)."""
    if code.split("_")[0] == "es" and word == "y" and SPOKEN_I.match(following.lstrip("¡¿\"'«“ ")):
        return "e"
    return word


def joined(items: list[str], word: str, plain: Callable[[list[str]], str], code: str) -> str:
    """`items` as a list in the language `code`, whose list word is `word` and whose own list style is
    `plain` (Babel's): that style where no name holds a comma or the list word. Where one holds the
    list word, a comma before the list word tells where the last name begins, in every language
    ("Pierre et Marie, et Jean"; "Bedminster, and Westbury-on-Trym and Henleaze"; "A y B, C, y D"),
    never a semicolon before one word joining two names ("A; and B"). Where a name holds a comma
    ("Korea, Rep."), three or more are parted by semicolons ("A; B; and C"), as a series of items
    with commas of their own is; two are joined by the word alone."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return items[0] if items else ""
    last = list_word(code, word, items[-1])
    french = code.split("_")[0] == "fr"
    if len(items) > 2 and any(", " in item for item in items):
        mark = "\u00a0; " if french else "; "  # French spaces its semicolons
        return mark.join(items[:-1]) + f"{mark}{last} {items[-1]}"
    if any(holds(item, (word, *SAME_WORD.get(code.split("_")[0], ()))) for item in items):
        return ", ".join(items[:-1]) + f", {last} {items[-1]}"
    if last == word:
        return plain(items)
    # the language's own style around a stand-in for the last name, the list word then changed before it
    stand_in = "\x00"
    written = plain([*items[:-1], stand_in])
    return written.replace(f"{word} {stand_in}", f"{last} {stand_in}").replace(stand_in, items[-1])
