"""Which language a request gets, and that the page frame and <html> follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import app as app_module
from dashboard import language
from layouts import i18n

TEST_LOCALES = Path(__file__).parent / "data" / "locales"


@pytest.fixture
def client(app):
    return app.server.test_client()


def html_tag(response) -> str:
    body = response.get_data(as_text=True)
    return body[body.index("<html"): body.index(">", body.index("<html")) + 1]


def test_default_is_english(client):
    response = client.get("/")
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_url_language_wins_over_the_browser(client):
    response = client.get("/explore?lang=fr", headers={"Accept-Language": "es"})
    assert html_tag(response) == '<html lang="fr" dir="ltr">'


def test_browser_language_when_the_url_names_none_or_an_unknown_one(client):
    assert 'lang="es"' in html_tag(client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"}))
    assert 'lang="fr"' in html_tag(client.get("/?lang=zz", headers={"Accept-Language": "de, fr;q=0.5"}))
    assert 'lang="en"' in html_tag(client.get("/", headers={"Accept-Language": "de"}))


def test_callbacks_take_the_language_of_the_page_that_sent_them(app):
    server = app.server
    with server.test_request_context("/_dash-update-component", method="POST",
                                     headers={"Referer": "http://localhost/city/x?lang=es"}):
        assert language.request_language() == "es"
    with server.test_request_context("/_dash-update-component", method="POST",
                                     headers={"Referer": "http://elsewhere.example/?lang=es",
                                              "Accept-Language": "fr"}):
        assert language.request_language() == "fr"


def test_shell_links_keep_the_language(app):
    with i18n.use("fr"):
        shell = str(app_module.shell().to_plotly_json())
    assert "/explore?lang=fr" in shell and "/projects?lang=fr" in shell


def test_language_menu_names_each_language_in_itself(app):
    with i18n.use("es"):
        menu = app_module.language_menu()
    summary, listed = menu.children.children
    links = [item.children for item in listed.children]
    assert [link.children.lang for link in links] == ["en", "es", "fr"]
    assert [link.children.children for link in links] == ["English", "Español", "Français"]
    assert [link.href for link in links] == ["?lang=en", "?lang=es", "?lang=fr"]
    assert ["active" in link.className for link in links] == [False, True, False]
    assert [getattr(link, "aria-current", None) for link in links] == [None, "true", None]
    assert summary.children[0].children == "Idioma:" and summary.children[-1].children == "Español"


def test_a_right_to_left_catalogue_flips_the_page(client, monkeypatch):
    i18n.configure(extra_dirs=(TEST_LOCALES,))
    response = client.get("/?lang=ar")
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    with i18n.use("ar"):
        assert i18n.gettext("Map") == "الخريطة"
        assert i18n.gettext("Year") == "Year"


def test_missing_amounts_are_blank_never_zero_or_an_error():
    import pandas as pd

    for gone in (None, float("nan"), pd.NA):
        assert i18n.money(gone, "USD") == "" and i18n.number(gone) == "" and i18n.integer(gone) == ""
    assert i18n.money(0, "USD") == "$0"


def test_a_page_in_a_second_language_is_not_built_from_the_first_languages_rows(client):
    """Nairobi's page in Spanish showed English indicator names, marked "(en inglés)", when the
    English page had been built first: a per-version cache of its indicator rows had no language
    in its key. The demo has Spanish and French names for every indicator."""
    def layout(language_code: str) -> str:
        referer = f"http://localhost/city/ken-nairobi?lang={language_code}"
        return client.get("/_dash-layout", headers={"Referer": referer}).get_data(as_text=True)

    english = layout("en")
    assert "Population below the international poverty line" in english
    for code, marker in (("es", "(en ingl"), ("fr", "(en anglais)")):
        shown = layout(code)
        assert marker not in shown and "Population below the international poverty line" not in shown


@pytest.mark.parametrize("code", ["en", "es", "fr"])
def test_numbers_read_as_babel_writes_them(code):
    """`number` no longer calls Babel and `numbers` rounds in bulk: both must give Babel's text
    (half-even on the number's shortest decimal form, the locale's group and decimal signs)."""
    import math
    import random

    from babel.numbers import format_decimal

    rng = random.Random(7)
    values = [0.0, -0.0, -0.04, 0.05, 0.15, 0.25, 2.5, 2.675, 12.345, 999.95, -999.95, 1234.5, 1e11,
              -1234567.25, 5e-7, float("inf")]
    values += [rng.uniform(-1e9, 1e9) for _ in range(800)] + [rng.uniform(0, 1000) for _ in range(800)]
    values += [rng.randrange(-10**7, 10**7) / rng.choice([1, 8, 100, 1000]) for _ in range(800)]
    # halfway values of large numbers, where the binary error after scaling exceeds a fixed tolerance
    values += [rng.randrange(10**6, 10**11) + rng.randrange(0, 200) * 0.005 for _ in range(800)]
    with i18n.use(code):
        for digits in (0, 1, 2, 3):
            babel = [format_decimal(v, format="#,##0" + ("." + "0" * digits if digits else ""), locale=code)
                     for v in values]
            assert [i18n.number(v, digits) for v in values] == babel
            finite = [(v, text) for v, text in zip(values, babel, strict=True) if math.isfinite(v)]
            assert i18n.numbers([v for v, _text in finite], digits) == [text for _v, text in finite]
        assert i18n.numbers([None, float("nan"), 3], 0, "–") == ["–", "–", "3"]


def test_once_each_calls_words_once_per_distinct_value_and_keeps_missing_apart():
    import pandas as pd

    calls = []

    def words(value):
        calls.append(value)
        return f"<{value}>"

    column = pd.Series(["KEN", None, "FRA", "KEN", pd.NA, "FRA"], dtype="string")
    assert i18n.once_each(column, words, missing="–") == ["<KEN>", "–", "<FRA>", "<KEN>", "–", "<FRA>"]
    assert sorted(calls) == ["FRA", "KEN"]
    assert i18n.once_each(pd.Series(pd.Categorical(["b", "a", "b"])), str.upper) == ["B", "A", "B"]
    mixed = i18n.once_each(pd.Series(["x", None, float("nan")], dtype=object), lambda v: repr(v))
    assert mixed == ["'x'", "None", "nan"]  # without `missing`, a missing value goes to `words` too
    assert i18n.once_each([], words) == [] and i18n.once_each(["a"], str.upper) == ["A"]


@pytest.mark.parametrize("currency", ["USD", "EUR", "JPY", "XOF", "BOB"])
def test_money_of_many_amounts_is_the_text_of_each(currency):
    """`moneys` (a pattern's prefix and suffix around the vectorised number) and `money` (the same
    around one number) give Babel's text in every language: amounts of every size, rounding ties,
    negative (-0.0 too), huge and missing ones."""
    import numpy as np

    rng = np.random.default_rng(4)
    amounts = [0, -0.0, 0.5, 1.5, 2.5, 999.5, 1000, 1234.5, 99_999.49, 1e6, 123_456_789.5, 1e13, -42.0, -1e6,
               None, float("nan"), float("inf"),
               *(round(float(v), int(d))
                 for v, d in zip(rng.lognormal(10, 3, 300), rng.integers(0, 3, 300), strict=True))]
    for code in i18n.languages():
        with i18n.use(code):
            babel = ["" if i18n.missing(a) else i18n._babel_money(a, currency) for a in amounts]
            assert [i18n.money(a, currency) for a in amounts] == babel, code
            assert i18n.moneys(amounts, currency) == babel, code
            assert i18n.moneys([], currency) == []


def test_a_currency_written_in_letters_stands_apart_from_its_amount():
    """English puts a currency's code before the amount with nothing between ("BOB389,000" in
    Babel's text, "F CFA389,000" for a sign ending in a letter); a no-break space separates them,
    as CLDR's currency spacing does. A sign that is a symbol stays against the digits."""
    with i18n.use("en"):
        assert i18n.money(389000, "BOB") == "BOB\u00a0389,000"
        assert i18n.money(389000, "XOF") == "F\u202fCFA\u00a0389,000"
        assert i18n.moneys([389000, -12], "BOB") == ["BOB\u00a0389,000", "-BOB\u00a012"]
        assert i18n.money(389000, "USD") == "$389,000" and i18n.money(5, "EUR") == "€5"
    with i18n.use("es"):
        assert i18n.money(389000, "BOB") == "389.000\u00a0BOB"


def test_a_percentage_is_babel_s_text_even_a_hair_from_a_tie():
    """`percent` (the language's number between the pattern's affixes) writes what Babel writes:
    shares scaled by 100 in decimal, so a share a float step either side of a rounding tie (0.345
    + 3e-17 is 34.500000000000003 %, which rounds up) and ties themselves round as Babel rounds
    them; -0.0, negative, huge and missing shares too."""
    import numpy as np

    rng = np.random.default_rng(5)
    ties = [(int(k) + 0.5) / 10.0 ** int(d) for k, d in zip(rng.integers(0, 100_000, 400),
                                                            rng.integers(2, 6, 400), strict=True)]
    shares = [0.0, -0.0, 0.165, 0.115 + 0.23, 1.4749999999999999, 2 / 3, -0.25, 5e11, 3e12, None,
              float("nan"), *rng.random(200).tolist(),
              *(float(np.nextafter(t, side)) for t in ties for side in (0.0, 10.0)), *ties]
    for code in i18n.languages():
        with i18n.use(code):
            for digits in (0, 1, 2):
                assert [i18n.percent(s, digits) for s in shares] == [
                    "" if i18n.missing(s) else i18n._babel_percent(float(s), digits) for s in shares], code


def test_a_text_missing_in_every_language_but_one_is_shown_marked_as_in_that_one():
    """The ECOWAS codebook describes its indicators in French only: the English page shows the
    French description marked French (lang="fr"), not marked English, nor nothing."""
    import pandas as pd

    from layouts import texts
    from loaders.store import StoreData

    indicators = pd.DataFrame({"indicator_id": ["a", "b"], "name": ["Poverty", "Water"], "unit": ["%", pd.NA],
                               "description": [pd.NA, "Share with water"], "language": ["en", "en"]})
    translated = pd.DataFrame({"indicator_id": ["a", "b"], "language": ["fr", "fr"],
                               "name": ["Pauvreté", "Eau"], "unit": [pd.NA, pd.NA],
                               "description": ["Part des pauvres", "Part avec eau"]})
    store = StoreData("v1", {}, {"indicators": indicators, "indicator_texts": translated})
    english = texts.texts_in(store, "en").set_index("indicator_id")
    assert english.loc["a", "name"] == "Poverty" and english.loc["a", "name_language"] == "en"
    said = english[["description", "description_language"]].to_numpy().tolist()
    assert said == [["Part des pauvres", "fr"], ["Share with water", "en"]]
    french = texts.texts_in(store, "fr").set_index("indicator_id")
    assert french.loc["a", ["description", "description_language"]].tolist() == ["Part des pauvres", "fr"]
    assert french.loc["a", "unit"] == "%" and french.loc["a", "unit_language"] == "en"
