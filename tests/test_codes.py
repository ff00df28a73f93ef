"""SDG codes in the spellings sources use."""

import pytest

from loaders.codes import goal_in_id, indicator_slug, is_series_code, parse_sdg_code, slugify


@pytest.mark.parametrize(
    ("text", "goal", "target", "un_code"),
    [
        ("Goal 11", 11, None, None),
        ("SDG11", 11, None, None),
        ("sdg 3", 3, None, None),
        ("11.6.2", 11, "11.6", "11.6.2"),
        ("11-6-2", 11, "11.6", "11.6.2"),
        ("11.a.1", 11, "11.a", "11.a.1"),
        ("16-7-2-a", 16, "16.7", "16.7.2"),
        ("11.6", 11, "11.6", None),
        (" 1.1.1 ", 1, "1.1", "1.1.1"),
    ],
)
def test_parse_sdg_code_spellings(text, goal, target, un_code):
    parts = parse_sdg_code(text)
    assert (parts["goal"], parts["target"], parts["un_code"]) == (goal, target, un_code)


@pytest.mark.parametrize("text", ["18.1.1", "0", "C200203", "EN_ATM_PM25", "", None, "hello"])
def test_not_sdg_codes(text):
    assert parse_sdg_code(text) is None


def test_series_codes_are_kept_as_series():
    assert is_series_code("C200203")
    assert is_series_code("EN_ATM_PM25")
    assert not is_series_code("11.6.2")


def test_slugs():
    assert indicator_slug("11.6.2") == "11-6-2"
    assert indicator_slug("16-7-2-a") == "16-7-2-a"
    assert slugify("São Paulo") == "sao-paulo"
    assert slugify("Łomża") == "lomza"
    assert slugify("Gießen") == "giessen"


@pytest.mark.parametrize(
    ("text", "goal"),
    [("sdg08_desempleo", 8), ("sdg8v2_x", 8), ("SDG8_x", 8), ("8.2.1", 8), ("sdg1_1_eepr", 1),
     ("SDG010_RANK", 10), ("sdg18_x", None), ("lnb1_x", None), ("sdgx", None), (None, None)],
)
def test_goal_in_id(text, goal):
    assert goal_in_id(text) == goal
