"""Translated indicator names end to end: an Open SDG site imported with the command line, then
shown by layouts.texts in the reader's language, or in the source's with its language named."""

from __future__ import annotations

from pathlib import Path

from dashboard.cli import main
from layouts import i18n, texts
from loaders.report import EXIT_NOTHING_READ
from loaders.store import Store


def site(root: Path, spanish_name: str) -> Path:
    files = {
        "data/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
        "meta/1-1-1.md": "---\nindicator_name: Extreme poverty\ncomputation_units: Percent\n---\n",
        "meta/es/1-1-1.md": f"---\nindicator_name: {spanish_name}\n---\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def imported(tmp_path: Path, spanish_name: str) -> Store:
    store = tmp_path / "store"
    source = site(tmp_path / "site", spanish_name)
    place = ["--place", "Testville", "--country", "GB"]
    assert main(["import", str(source), "--store", str(store), *place]) == 0
    return Store(store)


def test_reader_gets_the_translation_or_the_source_text_with_its_language(tmp_path):
    data = imported(tmp_path, "Pobreza extrema").read()
    with i18n.use("es"):
        spanish = texts.indicator_texts(data).iloc[0]
    assert (spanish["name"], spanish["name_language"]) == ("Pobreza extrema", "es")
    assert (spanish["unit"], spanish["unit_language"]) == ("Percent", "en")  # no Spanish unit
    with i18n.use("fr"):
        french = texts.indicator_texts(data).iloc[0]
    assert (french["name"], french["name_language"]) == ("Extreme poverty", "en")


def test_reimport_replaces_the_translation(tmp_path):
    imported(tmp_path, "Pobreza extrema")
    data = imported(tmp_path, "Extrema pobreza").read()
    assert data.indicator_texts[["language", "name"]].values.tolist() == [["es", "Extrema pobreza"]]


def test_language_must_be_a_code(tmp_path, capsys):
    source = site(tmp_path / "site", "Pobreza extrema")
    assert main(["validate", str(source), "--language", "English"]) == EXIT_NOTHING_READ
    assert "--language 'English' is not a language code" in capsys.readouterr().err


def nameless_site(tmp_path: Path):
    """A site of one indicator without metadata (València's 1-2-10), imported."""
    root = tmp_path / "site"
    (root / "data").mkdir(parents=True)
    (root / "data/indicator_1-2-10.csv").write_text("Year,Value\n2019,1\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["import", str(root), "--store", str(store), "--place", "Testville", "--country", "GB"]) == 0
    return Store(store).read()


def test_a_name_no_metadata_gave_reads_in_the_reader_s_language(tmp_path):
    """Valencia's 1-2-10 has no metadata: its stand-in name read 'Indicator 1.2.10 (en inglés)'
    on the Spanish page, a name no source wrote marked as English."""
    data = nameless_site(tmp_path)
    for language, name in [("en", "Indicator 1.2.10"), ("es", "Indicador 1.2.10"),
                           ("fr", "Indicateur 1.2.10")]:
        with i18n.use(language):
            shown = texts.indicator_texts(data).iloc[0]
        assert (shown["name"], shown["name_language"]) == (name, language)


def test_texts_asked_for_another_language_are_in_that_language(tmp_path):
    """Explore's catalogue asks for every language's texts at once, in the reader's: the stand-in
    names were then cached in the reader's language for every other (the static site's Spanish city
    pages read 'Indicator 11.2.1 (Percent) (en inglés)')."""
    data = nameless_site(tmp_path)
    with i18n.use("en"):
        asked = {language: texts.indicator_texts(data, language).iloc[0]["name"] for language in ("es", "fr")}
    assert asked == {"es": "Indicador 1.2.10", "fr": "Indicateur 1.2.10"}
    with i18n.use("es"):
        assert texts.indicator_texts(data).iloc[0]["name"] == "Indicador 1.2.10"
