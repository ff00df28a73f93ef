"""Which language a source writes its indicator names in, when the import is not told (`--language`):
the short words each language uses most in such names and no other does. SDSN's regional index of
Benin writes them in French ("Taux de succès au BAC (%)"), which pages read as English and French
readers saw marked "(en anglais)". Project lists are read the same way from their titles and
summaries (Global Goals Berlin's 420 projects are in German)."""

from __future__ import annotations

import re
from collections.abc import Iterable

MARKS = {
    "en": {"the", "of", "and", "with", "to", "for", "who", "per"},
    "fr": {"des", "du", "le", "les", "et", "au", "aux", "taux", "d", "l", "dans", "sur"},
    "es": {"del", "el", "los", "las", "y", "tasa", "con", "según"},
    "pt": {"do", "da", "dos", "das", "e", "em", "taxa", "com", "ao"},
    "de": {"und", "der", "die", "für", "mit", "von", "zur", "zum", "eine", "ist", "werden"},
}
"""Words each language writes often in an indicator's name and the others do not ('de' and 'la' are
French, Spanish and Portuguese alike)."""
NAMES = {"en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German"}
"""Each language of MARKS by its English name, for the import report."""
WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
LEAST_NAMES = 5
"""Fewer names than this say too little to tell."""


def guess(names: Iterable[object]) -> str | None:
    """The language of `names` (en, fr, es, pt or de) when most of them mark one and no other comes
    near (twice any other's count, and in at least a third of the names), else None. A text marks
    the language of which it holds the most words (none on a tie): a long German summary holds a
    Portuguese 'da' or 'e' too, and when a text counted for every language it touched, 379 of
    Berlin's 417 German summaries counted for Portuguese and the list was read as no language."""
    texts = [str(name) for name in names if isinstance(name, str) and name.strip()]
    if len(texts) < LEAST_NAMES:
        return None
    found = dict.fromkeys(MARKS, 0)
    for text in texts:
        words = {word.casefold() for word in WORDS.findall(text)}
        hits = {language: len(words & marks) for language, marks in MARKS.items()}
        most = max(hits.values())
        if most and sum(count == most for count in hits.values()) == 1:
            found[max(hits, key=hits.__getitem__)] += 1
    ranked = sorted(found.items(), key=lambda item: item[1], reverse=True)
    (best, count), (_second, runner_up) = ranked[0], ranked[1]
    return best if count >= len(texts) / 3 and count >= 2 * runner_up else None
