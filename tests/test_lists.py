"""Lists of place names read as so many names in English, Spanish and French (`i18n.join`)."""

from __future__ import annotations

import pytest

from layouts import i18n, lists

WARD = "Westbury-on-Trym and Henleaze"


@pytest.mark.parametrize(("language", "items", "said"), [
    # no name holds the list's word or a comma: the language's own style (English's serial comma)
    ("en", ["Cotham", "Bedminster"], "Cotham and Bedminster"),
    ("en", ["Cotham", "Bedminster", "Clifton"], "Cotham, Bedminster, and Clifton"),
    ("es", ["Sucre", "Potosí", "Oruro"], "Sucre, Potosí y Oruro"),
    ("fr", ["Sucre", "Potosí", "Oruro"], "Sucre, Potosí et Oruro"),
    # two names, one holding the word: a comma before the list's word, never "A; and B"
    ("en", [WARD, "Bedminster"], "Westbury-on-Trym and Henleaze, and Bedminster"),
    ("en", ["Bedminster", WARD], "Bedminster, and Westbury-on-Trym and Henleaze"),
    ("es", ["Trinidad y Tobago", "Perú"], "Trinidad y Tobago, y Perú"),
    ("fr", ["Perou", "Trinité et Tobago"], "Perou, et Trinité et Tobago"),
    # three or more: every name parted by a comma, the list's word after one too
    ("en", [WARD, "Bedminster", "Cotham"], "Westbury-on-Trym and Henleaze, Bedminster, and Cotham"),
    ("es", ["Trinidad y Tobago", "Perú", "Chile"], "Trinidad y Tobago, Perú, y Chile"),
    ("fr", ["Bosnie et Herzégovine", "Serbie", "Croatie"], "Bosnie et Herzégovine, Serbie, et Croatie"),
    # a name holding a comma: three or more parted by semicolons (French spaces them), two by the word
    ("en", ["Korea, Rep.", "Egypt", "Peru"], "Korea, Rep.; Egypt; and Peru"),
    ("es", ["Korea, Rep.", "Egypt", "Peru"], "Korea, Rep.; Egypt; y Peru"),
    ("fr", ["Korea, Rep.", "Egypt", "Peru"], "Korea, Rep.\u00a0; Egypt\u00a0; et Peru"),
    ("en", ["Korea, Rep.", "Egypt"], "Korea, Rep. and Egypt"),
    # the word only where it is one: hyphens bind it, and another language's word is a name's own
    ("fr", ["Trinité-et-Tobago", "Serbie"], "Trinité-et-Tobago et Serbie"),
    ("es", [WARD, "Bedminster"], "Westbury-on-Trym and Henleaze y Bedminster"),
    ("en", ["Sandwell", "Andover"], "Sandwell and Andover"),
    # a thousands separator is no comma between words
    ("en", ["1,234 green", "5 red", "3 grey"], "1,234 green, 5 red, and 3 grey"),
    # Spanish writes 'e' for 'y' before the sound /i/, in every form of list
    ("es", ["Sucre", "Icla"], "Sucre e Icla"),
    ("es", ["Sucre", "Potosí", "Hidalgo"], "Sucre, Potosí e Hidalgo"),
    ("es", ["Trinidad y Tobago", "Ixiamas"], "Trinidad y Tobago, e Ixiamas"),
    ("es", ["Sucre", "Hierro"], "Sucre y Hierro"),
    ("es", ["Ciencia e Innovación", "Sucre"], "Ciencia e Innovación, y Sucre"),
    ("fr", ["Sucre", "Icla"], "Sucre et Icla"),
    ("en", [], ""),
    ("es", ["Icla"], "Icla"),
])
def test_a_list_of_names_reads_as_so_many_names(language, items, said):
    with i18n.use(language):
        assert i18n.join(items) == said


def test_the_word_is_found_only_as_a_word_of_its_own():
    assert lists.holds("Westbury-on-Trym AND Henleaze", ("and",))
    assert not lists.holds("Trinité-et-Tobago", ("et",))
    assert not lists.holds("Sandwell", ("and",))
    assert lists.list_word("es", "y", "«Iquique»") == "e"
    assert lists.list_word("es", "y", "Iowa") == "y"
    assert lists.list_word("en", "and", "Icla") == "and"
