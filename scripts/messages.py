"""Extract every translatable string into layouts/locales/messages.pot and merge it into each catalogue.

Run after changing user-facing strings: `python scripts/messages.py`. New strings arrive in
each catalogue untranslated (the completeness test then names them); strings no longer used
are kept as obsolete (#~) entries so a translation is never lost.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "layouts" / "locales"
TEMPLATE = LOCALES / "messages.pot"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
SOURCES = ("layouts", "views", "dashboard")
GOALS_FILE = ROOT / "data" / "reference" / "sdg_goals.json"
GOAL_CONTEXT = "SDG goal"


def template() -> Catalog:
    catalogue = Catalog(project="City SDG Dashboard", fuzzy=False)
    for folder in SOURCES:
        found = extract_from_dir(ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
                                 comment_tags=("Translators:",), strip_comment_tags=True)
        for filename, lineno, message, comments, context in found:
            location = (f"{folder}/{filename}", lineno)
            if isinstance(message, tuple) and message[1] is None:  # pgettext marks one form
                message = message[0]
            catalogue.add(message, locations=[location], auto_comments=comments, context=context)
    goals = json.loads(GOALS_FILE.read_text(encoding="utf-8"))["goals"]
    for goal in goals:
        catalogue.add(goal["name"], locations=[("data/reference/sdg_goals.json", goal["goal"])],
                      context=GOAL_CONTEXT)
    return catalogue


def strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def write(path: Path, catalogue: Catalog) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True, include_lineno=False)


def main() -> int:
    pot = template()
    write(TEMPLATE, pot)
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as handle:
            catalogue = read_po(handle, locale=po_path.parent.parent.name)
        catalogue.update(pot, no_fuzzy_matching=True)
        write(po_path, catalogue)
        missing = sum(1 for m in catalogue if m.id and not all(strings(m)))
        print(f"{po_path.relative_to(ROOT)}: {len(catalogue)} messages, {missing} untranslated")
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(pot)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
