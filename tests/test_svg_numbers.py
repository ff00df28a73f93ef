"""SVG pictures with their geometry rounded: shorter, drawn the same, their text untouched."""

import xml.dom.minidom

from dashboard.embed.svg_numbers import trimmed

DRAWN = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="960" height="600">'
    b'<g transform="translate(80.33333333333333,100)">'
    b'<path d="M465.8350535037642,172.52768453353792L466.1809511884271,-174.63974173346452'
    b'L-0.0004,1.5e-7Z" style="stroke-width: 0.6666666666666666px"/>'
    b'<path d="M10,20L30.5,40.25Z"/>'
    b'<polygon points="1.23456,2.34567 3,4"/>'
    b'<text x="12.345678" data-unformatted="27.874999999999993">27.874999999999993</text>'
    b"</g></svg>"
)


def test_geometry_is_rounded_to_hundredths():
    out = trimmed(DRAWN)
    # -0.0004 rounds to 0, never "-0"; a number in exponent form is short already and kept
    assert b'd="M465.84,172.53L466.18,-174.64L0,1.5e-7Z"' in out
    assert b'transform="translate(80.33,100)"' in out
    assert b'points="1.23,2.35 3,4"' in out
    xml.dom.minidom.parseString(out)


def test_everything_but_geometry_keeps_every_character():
    out = trimmed(DRAWN)
    assert b'<text x="12.345678" data-unformatted="27.874999999999993">27.874999999999993</text>' in out
    assert b'style="stroke-width: 0.6666666666666666px"' in out
    assert b'<path d="M10,20L30.5,40.25Z"/>' in out  # short numbers as they were


def test_an_svg_without_long_numbers_is_unchanged():
    plain = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M1,2L3,4"/></svg>'
    assert trimmed(plain) == plain
