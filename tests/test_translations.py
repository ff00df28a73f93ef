"""The catalogues: in step with the code, complete in every shipped language, placeholders intact."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from layouts import i18n

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [language for language in i18n.languages() if language != i18n.SOURCE_LANGUAGE]
"""Every catalogue in layouts/locales (the test catalogues of tests/data are not shipped)."""


def load_script():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def keys(catalogue) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def read(language: str):
    with (i18n.LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_template_lists_every_string_in_the_code():
    script = load_script()
    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as handle:
        shipped = keys(read_po(handle))
    current = keys(script.template())
    assert current - shipped == set(), "new strings: run python scripts/messages.py"
    assert shipped - current == set(), "strings no longer used: run python scripts/messages.py"


MARKED = re.compile(r"""\b(?:N_|_)\(\s*("(?:[^"\\\n]|\\.)+"|'(?:[^'\\\n]|\\.)+')\s*[,)]""")
"""A string marked for translation on one line: `_("...")` or `N_('...')`."""


def test_every_marked_string_is_extracted_wherever_it_is_written():
    """A marker inside another call's argument (`_(HEADINGS.get(kind, N_("...")))`) was not seen
    by the extraction: the map's heading "How are cities doing on the SDGs?" lost its French and
    Spanish. Every one-line marked literal of the code is found by the extraction."""
    import ast

    extracted = {message for _context, message in keys(load_script().template())}
    missing = []
    for folder in ("dashboard", "layouts", "views"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "layouts" / "i18n.py":  # the markers' own module: examples in its words
                continue
            for found in MARKED.finditer(path.read_text(encoding="utf-8")):
                text = ast.literal_eval(found.group(1))
                if text not in extracted:
                    missing.append(f"{path.relative_to(ROOT)}: {text!r}")
    assert missing == []


def test_shipped_languages_have_catalogues():
    assert set(SHIPPED) <= set(i18n.languages())


@pytest.mark.parametrize("language", SHIPPED)
def test_catalogue_translates_every_message(language):
    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = keys(read_po(handle))
    catalogue = read(language)
    translated = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))
    }
    missing = sorted(str(k) for k in template - translated)
    assert missing == [], f"{language} misses {len(missing)} translations, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_placeholders(language):
    wrong = []
    for message in read(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(placeholders(i) for i in ids))
        for text in texts:
            # a singular form may leave out {count} ("une place"), but never add an unknown name
            if text and not placeholders(text) <= expected | {"count"}:
                wrong.append((ids[0], text))
            if text and len(ids) == 1 and placeholders(text) != expected:
                wrong.append((ids[0], text))
    assert wrong == []


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_hold_characters_not_escapes(language):
    """A French phone read "chaque projet\\u00a0: titre" on the projects page: a translation held the
    escape for a no-break space as text instead of the character."""
    escaped = [m.id for m in read(language) if m.id and any(
        re.search(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nt])", text)
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)) if text)]
    assert escaped == []


def test_a_missing_translation_falls_back_to_english(tmp_path, monkeypatch):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Map"\nmsgstr "Karte"\n', encoding="utf-8")
    i18n.configure(extra_dirs=(tmp_path,))
    assert "xx" in i18n.languages()
    with i18n.use("xx"):
        assert i18n.gettext("Map") == "Karte"
        assert i18n.gettext("Explore") == "Explore"


def test_language_choice_order():
    assert i18n.choose("fr", ["es"]) == "fr"
    assert i18n.choose("zz", ["es-MX", "fr"]) == "es"
    assert i18n.choose(None, ["de", "fr-CA"]) == "fr"
    assert i18n.choose(None, ["de"]) == "en"
    # ?lang=es-MX, ES or fr_FR named no catalogue and fell back to the browser's language
    assert i18n.choose("es-MX", ["fr"]) == "es" and i18n.choose("ES", ["fr"]) == "es"
    assert i18n.choose("fr_FR", ["es"]) == "fr" and i18n.choose("zz-ZZ", ["es"]) == "es"


def test_numbers_and_dates_follow_the_locale():
    with i18n.use("fr"):
        assert re.fullmatch(r"12\s345,7", i18n.number(12345.67))
        assert i18n.day("2025-03-03") == "3 mars 2025"
    with i18n.use("es"):
        assert i18n.number(12345.67) == "12.345,7"
        assert i18n.day("2025-03-03") == "3 de marzo de 2025"
    with i18n.use("en"):
        assert i18n.number(12345.67) == "12,345.7"
        assert i18n.money(1500, "EUR") == "€1,500"


def test_links_keep_the_language():
    with i18n.use("es"):
        assert i18n.href("/city/x?goal=3") == "/city/x?goal=3&lang=es"
        assert i18n.href("/explore?lang=fr") == "/explore?lang=es"
        assert i18n.href("https://example.org/") == "https://example.org/"


def test_french_sentences_name_a_country_where_it_needs_no_article():
    """"Scores par objectif de Bénin, Ghana et Togo", "avec Ghana également en tête", "Seul le
    territoire Bénin": French puts an article before most country names, which the dashboard cannot
    choose; the sentences name places after a colon instead. Spanish said "(80,2 allí)"."""
    with i18n.use("fr"):
        assert i18n._("Goal scores of {places} in {year}, side by side.").format(
            places="Bénin, Ghana et Togo", year=2023) == (
            "Scores par objectif en 2023, côte à côte\u00a0: Bénin, Ghana et Togo.")
        assert i18n._("Only {place} has scores for {subject} in {year}: {amount}.").format(
            place="Bénin", subject="l'objectif 1", year=2023, amount="56,9") == (
            "Un seul territoire a des scores pour l'objectif 1 en 2023\u00a0: Bénin (56,9).")
    with i18n.use("es"):
        said = i18n._("The source publishes its own SDG Index for {year}, also with {place} first ({score} "
                      "there); this map shows this dashboard's recomputation from the source's values, by "
                      "its own methodology.")
        assert "según la fuente)" in said and "allí" not in said
