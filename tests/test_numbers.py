"""Value cells as publishers write them: every class is read, kept with its note or missing with a reason."""

import pandas as pd
import pytest

from loaders.numbers import parse_numbers, report_classes
from loaders.report import ImportReport


@pytest.mark.parametrize(
    ("cell", "value", "flag", "note", "kind"),
    [
        ("12.5", 12.5, "", "", "number"),
        ("1,234", 1234.0, "", "", "number"),
        ("<1", 1.0, "<", "", "bound"),
        (">= 5", 5.0, ">=", "", "bound"),
        ("(19)-converted value", 19.0, "note", "converted value", "noted"),
        ("19 - estimate", 19.0, "note", "estimate", "noted"),
        ("19 (provisional)", 19.0, "note", "provisional", "noted"),
        ("12.5*", 12.5, "footnote", "*", "footnote"),
        ("3.1 [a]", 3.1, "footnote", "a", "footnote"),
        ("7 (e)", 7.0, "footnote", "e", "footnote"),
        ("4²", 4.0, "footnote", "²", "footnote"),
        ("NA", None, "missing", "not available ('NA')", "missing"),
        (".", None, "missing", "missing ('.', Stata style)", "missing"),
        (":", None, "missing", "not available (':')", "missing"),
        ("..", None, "missing", "not available ('..')", "missing"),
        ("#DIV/0!", None, "missing", "spreadsheet error ('#DIV/0!'): the workbook's formula gave no value",
         "missing"),
        ("#N/A", None, "missing", "spreadsheet error ('#N/A'): the workbook's formula gave no value",
         "missing"),
        ("n.d.", None, "missing", "not available ('n.d.')", "missing"),  # no disponible, non disponible
        ("S/D", None, "missing", "not available ('s/d')", "missing"),  # sin dato
        ("Keine Angabe", None, "missing", "not available ('keine angabe')", "missing"),
        ("n.c.", None, "missing", "not available ('n.c.')", "missing"),  # non communiqué
        ("twelve", None, "", "", "bad"),
        ("12.5 µg", None, "", "", "bad"),
    ],
)
def test_each_class_of_cell(cell, value, flag, note, kind):
    row = parse_numbers(pd.Series([cell], dtype="string")).iloc[0]
    assert (None if pd.isna(row["value"]) else row["value"]) == value
    assert (row["flag"], row["note"], row["kind"], row["ok"]) == (flag, note, kind, kind != "bad")


def test_decimal_commas_are_detected_per_column_or_declared():
    commas = parse_numbers(pd.Series(["0,5", "1,234", "12,3"]))
    assert commas["value"].tolist() == [0.5, 1.234, 12.3]
    assert commas["kind"].tolist() == ["decimal_comma"] * 3
    points = parse_numbers(pd.Series(["0.5", "1,234"]))
    assert points["value"].tolist() == [0.5, 1234.0]
    declared = parse_numbers(pd.Series(["1,234", "1.234,5"]), decimal=",")
    assert declared["value"].tolist() == [1.234, 1234.5]
    # with decimal commas declared, a dot is a thousands separator even where pandas reads a number
    grouped = parse_numbers(pd.Series(["87.000", "1.234.567", "12"]), decimal=",")
    assert grouped["value"].tolist() == [87000.0, 1234567.0, 12.0]
    # and so does a column found to write decimal commas
    found = parse_numbers(pd.Series(["0,5", "87.000", "12", "1.234,5"], index=[4, 5, 6, 7]))
    assert found["value"].tolist() == [0.5, 87000.0, 12.0, 1234.5]
    # three decimals after a zero, or after four digits, group no thousands: '0,875' tells the mark
    assert parse_numbers(pd.Series(["0,875", "1,250", "2,125"]))["value"].tolist() == [0.875, 1.25, 2.125]
    assert parse_numbers(pd.Series(["1234,567", "1,250"]))["value"].tolist() == [1234.567, 1.25]
    assert parse_numbers(pd.Series(["0.875", "1,250"]))["value"].tolist() == [0.875, 1250.0]


def test_report_counts_each_class():
    parsed = parse_numbers(pd.Series(["1", "<1", "NA", "NA", ".", "(19)-converted value", "", "x1"]))
    report = ImportReport()
    report_classes(report, "f.csv", parsed, "Value")
    assert report.frame()["reason"].tolist() == [
        "3 missing markers (no value, reason in note): 2 not available ('NA'), 1 missing ('.', Stata style)",
        "1 bounds such as '<1' (number kept, flag '<' or '>')",
        "1 numbers with a note (number kept, note kept)",
    ]
