"""The About page in each language: translated documents when they exist, else English with a note."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from dashboard.paths import DOCS_DIR
from layouts import i18n
from loaders.paths import DEMO_STORE
from tests.components import by_class, find, text

ENGLISH_DOCS = ("methodology.md", "accessibility.md")


@pytest.fixture(autouse=True)
def demo_store(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))


@pytest.fixture(scope="module")
def about():
    import importlib

    import dash

    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    by_path = {p["path"]: p["module"] for p in dash.page_registry.values()}
    return importlib.import_module(by_path["/about"])


@pytest.fixture
def docs(tmp_path, monkeypatch, about):
    """A docs folder with English documents only; a test adds translations to it."""
    for name in ENGLISH_DOCS:
        (tmp_path / name).write_text(f"# {name} in English\n\nEnglish text.\n", encoding="utf-8")
    from dashboard import docs_text

    monkeypatch.setattr(docs_text, "DOCS_DIR", tmp_path)
    return tmp_path


def headings(path: Path) -> Counter:
    """How many ATX headings of each level a Markdown file has, outside fenced code."""
    levels, fenced = Counter(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (match := re.match(r"(#{1,6})\s", line)):
            levels[len(match.group(1))] += 1
    return levels


def test_about_in_english_shows_the_english_documents(about):
    tree = about.layout()
    section = find(tree, "accessibility")
    assert section.lang == "en" and by_class(section, "doc-fallback") == []
    assert (DOCS_DIR / "accessibility.md").read_text(encoding="utf-8") in text(section)
    assert "City SDG Dashboard demonstration data" in text(tree)
    assert "November 27, 2026" in text(tree)


def test_a_translated_document_is_shown_without_a_note(about, docs):
    (docs / "es").mkdir()
    (docs / "es" / "accessibility.md").write_text("# Accesibilidad\n\nTexto en español.\n", encoding="utf-8")
    with i18n.use("es"):
        section = find(about.layout(), "accessibility")
    assert "Texto en español." in text(section) and "English text." not in text(section)
    assert section.lang == "es" and by_class(section, "doc-fallback") == []


def test_a_missing_translation_falls_back_to_english_with_a_note(about, docs):
    with i18n.use("fr"):
        tree = about.layout()
    section = find(tree, "methodology")
    assert section.lang == "en" and section.dir == "ltr"
    note = by_class(section, "doc-fallback")
    assert len(note) == 1 and note[0].lang == "fr"
    assert "English text." in text(section)


def test_about_in_french_formats_dates_for_french(about):
    with i18n.use("fr"):
        tree = about.layout()
    assert "27 novembre 2026" in text(tree)
    assert "2026-11-27T00:00:00Z" not in text(tree)


TRANSLATED = sorted(p for p in DOCS_DIR.glob("*/*.md") if (DOCS_DIR / p.name).is_file())


@pytest.mark.parametrize("translated", TRANSLATED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_translated_documents_keep_the_english_heading_structure(translated):
    assert headings(translated) == headings(DOCS_DIR / translated.name)
