"""A value from the address said back in a sentence: without the invisible characters that would
reorder or hide the words around it, and cut short."""

from __future__ import annotations

import unicodedata

MOST = 40
"""Characters of a value said back at most: a 5,000-character value filled a phone's screens."""
HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
"""Control, format (the right-to-left override U+202E, zero-width characters), surrogate, private,
unassigned and line-breaking characters: an override in a value turned the rest of its message
right to left ("...goal ',txt.exe si tluafed eht")."""


def said(value: object, most: int = MOST) -> str:
    """`value` as text a message can quote: its hidden characters left out, at most `most`
    characters, an ellipsis where it was cut."""
    text = "".join(c for c in str(value) if unicodedata.category(c) not in HIDDEN)
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"
