"""Text and spreadsheet reading as files really arrive: encodings, junk rows, odd headers, numbers."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from loaders import textio
from loaders import workbook as sheets
from loaders.report import LoadError

CITIES = "City,Value\nSão Paulo,1\nZürich,2\n"


def write(tmp_path, data: bytes | str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def records(table: textio.RawTable) -> list[dict]:
    return table.frame.astype(object).to_dict("records")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CITIES.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CITIES.encode("utf-8"), "utf-8"),
        (CITIES.encode("utf-16"), "utf-16"),
        (CITIES.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (CITIES.encode("utf-16-le"), "utf-16-le"),  # no byte order mark: a Windows export
        (CITIES.encode("utf-16-be"), "utf-16-be"),
        (CITIES.encode("cp1252"), "cp1252"),
        (CITIES.encode("latin-1"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf16-le", "utf16-be", "cp1252", "latin1"],
)
def test_encodings_give_the_same_table(tmp_path, data, encoding):
    table = textio.read_text(write(tmp_path, data))
    assert table.encoding == encoding
    assert list(table.frame.columns) == ["City", "Value", "_line"]
    assert table.frame["City"].tolist() == ["São Paulo", "Zürich"]
    assert table.frame["_line"].tolist() == [2, 3]


def test_cp1252_punctuation_and_units(tmp_path):
    text = "Indicator;Unit;Note\nPM2.5;µg/m³;City’s “best” – €5\nHeat;°C;Straße in Köln\n"
    table = textio.read_text(write(tmp_path, text.encode("cp1252")))
    assert table.encoding == "cp1252"
    assert table.frame["Unit"].tolist() == ["µg/m³", "°C"]
    assert table.frame["Note"].tolist() == ["City’s “best” – €5", "Straße in Köln"]


def test_central_european_text_is_not_forced_into_cp1252(tmp_path):
    text = "City,Value\nŁódź,1\nWrocław,2\nKraków,3\n"
    table = textio.read_text(write(tmp_path, text.encode("cp1250")))
    assert table.frame["City"].tolist() == ["Łódź", "Wrocław", "Kraków"]


def test_crlf_line_endings(tmp_path):
    table = textio.read_text(write(tmp_path, b"City,Value\r\nBristol,1\r\nLeeds,2\r\n"))
    assert records(table) == [
        {"City": "Bristol", "Value": "1", "_line": 2},
        {"City": "Leeds", "Value": "2", "_line": 3},
    ]


def test_quoted_newlines_and_blank_lines_keep_true_line_numbers(tmp_path):
    text = 'City,Note,Value\r\nBristol,"two\r\nlines",1\r\n\r\nLeeds,,2\r\n'
    table = textio.read_text(write(tmp_path, text))
    assert table.frame["_line"].tolist() == [2, 5]
    assert table.frame["Note"].tolist() == ["two\r\nlines", ""]


def test_junk_rows_above_the_header(tmp_path):
    text = "Air quality report\nGenerated 2024-01-01 by the city\n\nCity,Year,Value\nBristol,2020,1\n"
    table = textio.read_text(write(tmp_path, text))
    assert table.header_line == 4
    assert records(table) == [{"City": "Bristol", "Year": "2020", "Value": "1", "_line": 5}]


def test_header_is_the_row_naming_most_expected_columns(tmp_path):
    text = "Country,United Kingdom\nCity,Country,Year,Value\nBristol,GBR,2020,1\n"
    table = textio.read_text(write(tmp_path, text), expected=["City", "Country", "Value"])
    assert table.header_line == 2
    assert table.frame["City"].tolist() == ["Bristol"]


def test_duplicate_blank_and_spaced_header_names(tmp_path):
    table = textio.read_text(write(tmp_path, " City , Value ,,Value,Value\nBristol,1,x,2,3\n"))
    assert list(table.frame.columns) == ["City", "Value", "column_3", "Value.1", "Value.2", "_line"]


def test_short_rows_are_padded_and_long_rows_keep_their_extra_cells(tmp_path):
    table = textio.read_text(write(tmp_path, "City,Year,Value\nBristol,2020\nLeeds,2020,1,234\n"))
    assert records(table) == [
        {"City": "Bristol", "Year": "2020", "Value": "", "_overflow": "", "_line": 2},
        {"City": "Leeds", "Year": "2020", "Value": "1", "_overflow": "234", "_line": 3},
    ]
    assert short_rows(table) == [
        {"line": 2, "column": "Value", "value": "", "reason": textio.SHORT_ROW.format(cells=2, width=3)}
    ]


def short_rows(table: textio.RawTable) -> list[dict]:
    return table.short_rows.astype(object).to_dict("records")


def test_a_short_row_is_listed_with_its_first_missing_column(tmp_path):
    text = "City,Country,Year,Value\nBristol,GBR,2020,1\nLeeds,GBR\n\nYork,GBR,2020,\nBath,GBR,2021"
    table = textio.read_text(write(tmp_path, text))
    assert [r["City"] for r in records(table)] == ["Bristol", "Leeds", "York", "Bath"]  # kept, padded
    assert short_rows(table) == [
        {"line": 3, "column": "Year", "value": "", "reason": "has 2 of 4 cells: the file may be cut short "
                                                             "or use another delimiter"},
        {"line": 6, "column": "Value", "value": "", "reason": "has 3 of 4 cells: the file may be cut short "
                                                              "or use another delimiter"},
    ]  # York's empty value is written (a trailing comma): a missing value, not a short row


def test_blank_header_cells_at_the_end_need_no_cells_below_them(tmp_path):
    table = textio.read_text(write(tmp_path, "Year,Value,,\n2019,5\n2020,6,,\n"))
    assert short_rows(table) == []
    assert [r["Value"] for r in records(table)] == ["5", "6"]


def test_the_fast_path_lists_the_same_short_rows(tmp_path, monkeypatch):
    text = "City,Year,Value\n" + "Bristol,2020,1\n" * 5 + "Leeds,2020\n" + "York,2021,2\n" + "Bath"
    careful = textio.read_text(write(tmp_path, text))
    monkeypatch.setattr(textio, "FAST_PATH_MIN", 10)
    fast = textio.read_text(write(tmp_path, text))
    assert records(fast) == records(careful)
    assert short_rows(fast) == short_rows(careful) == [
        {"line": 7, "column": "Value", "value": "", "reason": textio.SHORT_ROW.format(cells=2, width=3)},
        {"line": 9, "column": "Year", "value": "", "reason": textio.SHORT_ROW.format(cells=1, width=3)},
    ]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_utf8_cut_inside_its_last_character_is_still_utf8(tmp_path, bom):
    data = bom + "City,Country,Value\nZürich,CHE,1\nMalmö".encode()
    table = textio.read_text(write(tmp_path, data[:-1]))  # the last byte of 'ö' is gone
    assert table.encoding == "utf-8"
    assert list(table.frame.columns) == ["City", "Country", "Value", "_line"]
    assert [r["City"] for r in records(table)] == ["Zürich", "Malm\ufffd"]
    assert short_rows(table)[0]["line"] == 3


@pytest.mark.parametrize("fast_path_min", [textio.FAST_PATH_MIN, 10], ids=["careful", "fast"])
def test_a_whole_last_row_cut_inside_a_character_is_listed(tmp_path, monkeypatch, fast_path_min):
    monkeypatch.setattr(textio, "FAST_PATH_MIN", fast_path_min)
    data = "City,Note\nZürich,ok\nBern,Grüße".encode()[:-2]  # 'ß' cut in two, 'e' gone
    table = textio.read_text(write(tmp_path, data))
    cut = {"line": 3, "column": "Note", "value": "Grü\ufffd", "reason": textio.CUT_ROW}
    assert short_rows(table) == [cut]


def test_utf16_cut_inside_its_last_character_is_still_utf16(tmp_path):
    table = textio.read_text(write(tmp_path, CITIES.encode("utf-16")[:-1]))
    assert table.encoding == "utf-16"
    assert [r["City"] for r in records(table)] == ["São Paulo", "Zürich"]


def test_a_legacy_file_whose_only_accent_ends_it_is_not_cut_utf8(tmp_path):
    table = textio.read_text(write(tmp_path, "City,Value\n1,Bogotá".encode("cp1252")))
    assert table.encoding == "cp1252"
    assert records(table)[0]["Value"] == "Bogotá"


def test_a_utf8_bom_is_stripped_even_over_legacy_bytes(tmp_path):
    table = textio.read_text(write(tmp_path, b"\xef\xbb\xbf" + CITIES.encode("cp1252")))
    assert table.encoding == "cp1252"
    assert list(table.frame.columns) == ["City", "Value", "_line"]
    assert [r["City"] for r in records(table)] == ["São Paulo", "Zürich"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\xff\xfe", b"\xff\xfe\n\x00"],
                         ids=["utf8-bom", "utf8-bom-newline", "utf16-bom", "utf16-bom-newline"])
def test_a_file_of_only_a_bom_is_empty(tmp_path, data):
    with pytest.raises(LoadError, match=r"^data\.csv is empty\.$"):
        textio.read_text(write(tmp_path, data))


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("City,Year,Value\nBristol,2020,1.5\nLeeds,2020,2\n", ","),
        ("City\tYear\tValue\nBristol\t2020\t1,5\nLeeds\t2020\t2\n", "\t"),
        ("City;Year;Value\nBristol;2020;1,5\nLeeds;2020;2,25\n", ";"),
        ("City|Year|Value\nBristol|2020|1\n", "|"),
        ('City,Note\n"Leeds; West",a\n"York; North",b\n', ","),
    ],
    ids=["comma", "tab", "semicolon-decimal-comma", "pipe", "semicolons-in-quotes"],
)
def test_delimiter_sniffing(tmp_path, text, delimiter):
    assert textio.sniff_delimiter(text) == delimiter
    table = textio.read_text(write(tmp_path, text))
    assert table.delimiter == delimiter
    assert len(table.frame) == text.count("\n") - 1


def test_tsv_named_csv_with_value_columns(tmp_path):
    text = "GeoAreaName\tvalue_2015\tvalue_2016\nKenya\t1.5\t2\n"
    table = textio.read_text(write(tmp_path, text, "extract.csv"))
    assert list(table.frame.columns) == ["GeoAreaName", "value_2015", "value_2016", "_line"]


@pytest.mark.parametrize(
    ("cell", "value", "flag", "ok"),
    [
        ("12.5", 12.5, "", True),
        ("0,5", 0.5, "", True),
        ("1,5", 1.5, "", True),
        ("0,500", 0.5, "", True),
        ("1,234", 1234.0, "", True),
        ("12,345.6", 12345.6, "", True),
        ("1.234,5", 1234.5, "", True),
        ("1.234.567", 1234567.0, "", True),
        ("1.234", 1.234, "", True),
        ("1 234 567", 1234567.0, "", True),
        ("1\u00a0234", 1234.0, "", True),
        ("<0.5", 0.5, "<", True),
        ("< 0,5", 0.5, "<", True),
        (">95", 95.0, ">", True),
        ("<1,234", 1234.0, "<", True),
        ("≤3", 3.0, "<=", True),
        ("5%", 5.0, "", True),
        ("-2.5", -2.5, "", True),
        ("\u22122.5", -2.5, "", True),
        ("1e3", 1000.0, "", True),
        ("NaN", None, "missing", True),
        ("..", None, "missing", True),
        ("", None, "missing", True),
        ("n/a", None, "missing", True),
        ("twelve", None, "", False),
        ("1 2", None, "", False),
        ("2019-01-01", None, "", False),
        ("=SUM(A1:A3)", None, "", False),
    ],
)
def test_parse_numbers(cell, value, flag, ok):
    parsed = textio.parse_numbers(pd.Series([cell], dtype="string")).iloc[0]
    assert pd.isna(parsed["value"]) if value is None else parsed["value"] == pytest.approx(value)
    assert parsed["flag"] == flag
    assert bool(parsed["ok"]) is ok


def test_parse_numbers_keeps_the_index():
    text = pd.Series(["1", "x"], index=[10, 20], dtype="string")
    assert textio.parse_numbers(text).index.tolist() == [10, 20]


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "is empty"),
        (b" \r\n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b'City,Value\nBristol,1\nLeeds,"2', "truncated"),
    ],
    ids=["empty", "whitespace", "png", "open-quote"],
)
def test_unreadable_text_is_one_sentence(tmp_path, data, phrase):
    with pytest.raises(LoadError) as caught:
        textio.read_text(write(tmp_path, data, "bad.csv"))
    message = str(caught.value)
    assert message.startswith("bad.csv") and phrase in message and "\n" not in message


def test_a_stray_quote_inside_a_plain_field_is_kept(tmp_path):
    table = textio.read_text(write(tmp_path, 'Item,Size\nScreen,12"\n'))
    assert table.frame["Size"].tolist() == ['12"']


def test_a_huge_field_names_its_line(tmp_path):
    data = "City,Value\nBristol,1\nLeeds," + "9" * (textio.MAX_FIELD + 10) + "\nYork,2\n"
    with pytest.raises(LoadError, match=r"huge\.csv cannot be parsed at line 3: a field is longer"):
        textio.read_text(write(tmp_path, data, "huge.csv"))


def test_read_any_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match="nothing.csv cannot be opened"):
        textio.read_any(tmp_path / "nothing.csv")
    (tmp_path / "folder").mkdir()
    with pytest.raises(LoadError, match="folder cannot be opened"):
        textio.read_any(tmp_path / "folder")


def test_read_any_text_named_like_a_workbook(tmp_path):
    with pytest.raises(LoadError, match="data.xlsx is named like a workbook but is not an Excel file"):
        textio.read_any(write(tmp_path, "City,Value\nBristol,1\n", "data.xlsx"))


def test_read_any_reads_a_workbook_named_csv(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["City", "Value"])
    book.active.append(["Bristol", 1])
    book.save(tmp_path / "export.csv")
    assert textio.read_any(tmp_path / "export.csv").frame["City"].tolist() == ["Bristol"]


def workbook(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet["A1"] = "nothing here"
    data = book.create_sheet("Data")
    data["A1"] = "City statistics"
    data.append([])
    data.append([None, "City", "Year", "Value", "Value"])
    data.append([None, "Bristol", 2020, 1.5, 3])
    data.append([])
    data.append([None, "Leeds", 2021.0, 2, "<0.5"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_read_excel_rows_match_the_spreadsheet(tmp_path):
    table = textio.read_any(workbook(tmp_path), sheet="Data")
    assert table.header_line == 3
    assert list(table.frame.columns) == ["column_1", "City", "Year", "Value", "Value.1", "_line"]
    assert table.frame["_line"].tolist() == [4, 6]
    assert table.frame["Year"].tolist() == ["2020", "2021"]
    assert table.frame["Value"].tolist() == ["1.5", "2"]
    assert table.frame["Value.1"].tolist() == ["3", "<0.5"]


def test_read_excel_missing_sheet(tmp_path):
    with pytest.raises(LoadError, match="book.xlsx cannot be read as a workbook"):
        sheets.read_excel(workbook(tmp_path), sheet="Missing")


def formula_book(tmp_path, calculated: bool):
    """Two formula cells; `calculated` stores results as Excel would ('2' and an empty text)."""
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(["City", "Value"])
    book.active.append(["A", "=1+1"])
    book.active.append(["B", '=IF(1>2,1,"")'])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    if calculated:
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace('<c r="B2"><f>1+1</f><v></v>', '<c r="B2"><f>1+1</f><v>2</v>')
        sheet = sheet.replace('<c r="B3"><f>', '<c r="B3" t="str"><f>')
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["formulas.xlsx", "formulas.csv", "formulas"])
def test_uncalculated_formulas_come_back_as_formula_text(tmp_path, name):
    """Whatever the workbook is named: one saved as 'x.csv' had its formula cells read as blanks."""
    path = formula_book(tmp_path, calculated=False).rename(tmp_path / name)
    table = textio.read_any(path)
    assert table.frame["Value"].tolist() == ["=1+1", '=IF(1>2,1,"")']


def test_calculated_formulas_give_their_results(tmp_path):
    table = textio.read_any(formula_book(tmp_path, calculated=True))
    assert table.frame["Value"].fillna("").tolist() == ["2", ""]


def test_error_cells_of_a_workbook_are_read_as_their_error(tmp_path):
    """pandas reads a cell holding '#DIV/0!' or '#N/A' as empty: a value the publisher's formula
    could not compute was reported as an empty cell. Both the calculated error of a formula and a
    typed one come back as their text, which the value reader then calls a spreadsheet error."""
    import zipfile

    book = openpyxl.Workbook()
    for row in (["City", "Value"], ["A", 1], ["B", 2], ["C", 3], ["D", None]):
        book.active.append(row)
    path = tmp_path / "errors.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<c r="B2" t="n"><v>1</v></c>', '<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    sheet = sheet.replace('<c r="B3" t="n"><v>2</v></c>', '<c r="B3" t="e"><v>#N/A</v></c>')
    assert sheet.count('t="e"') == 2
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert textio.read_any(path).frame["Value"].fillna("").tolist() == ["#DIV/0!", "#N/A", "3", ""]
    assert textio.read_any(formula_book(tmp_path, calculated=True)).frame["Value"].fillna("").tolist() == [
        "2", ""]  # no error cell: read once, as before


def test_fast_path_for_big_unquoted_files_matches_careful_path(tmp_path, monkeypatch):
    from loaders import textio

    path = tmp_path / "big.csv"
    rows = "\n".join(f"city{i},pm25,{2000 + i % 20},{i}.5" for i in range(500))
    path.write_text("exported 2026\n\nplace,indicator,year,value\n" + rows + "\n\n  \ncity,x,2020,\n")
    careful = textio.read_text(path, expected=["place"])
    monkeypatch.setattr(textio, "FAST_PATH_MIN", 10)
    fast = textio.read_text(path, expected=["place"])
    pd.testing.assert_frame_equal(fast.frame, careful.frame)
    assert fast.frame[textio.LINE].iloc[0] == 4
    assert fast.frame[textio.LINE].iloc[-1] == 506
    assert fast.header_line == careful.header_line == 3


def test_a_big_file_ending_in_blank_lines_keeps_the_fast_path(tmp_path):
    """Blank lines at the end made the fast path's cell counts one longer than pandas' rows: the file
    was read again by the careful path, 2.7 times slower for 1 M rows."""
    from loaders import textio

    text = "City,Value\n" + "".join(f"c{n},{n}\n" for n in range(50)) + "\n\n"
    table = textio.read_unquoted(tmp_path / "x.csv", text, ["City", "Value"], ",", "utf-8")
    assert table is not None and len(table.frame) == 50 and table.frame["_line"].iat[-1] == 51


def test_a_second_table_after_the_data_is_left_out_and_said(tmp_path):
    """UNdata's exports end with their footnotes under a header of their own after a blank row;
    each footnote was a rejected row ('empty place'), and the mapping draft showed their words as
    samples of the data's columns."""
    text = ('"Country","Year","City","Value"\n"Chile",2002,"Arica",185268\n"Chile",2002,"Iquique",214586\n'
            ',,,\n"footnoteSeqID","Footnote",,\n1,"Including armed forces.",,\n2,"Projection, ""2001"".",,\n')
    table = textio.read_text(write(tmp_path, text.encode("utf-8")))
    assert table.frame["City"].tolist() == ["Arica", "Iquique"]
    assert table.trailing == {"line": 5, "columns": ["footnoteSeqID", "Footnote"], "rows": 2}
    # rows after a blank line that are data (as wide as the header) stay data
    table = textio.read_text(write(tmp_path, (text.split(",,,")[0] + ',,,\n"Peru",2007,"Lima",7605742\n')
                                   .encode("utf-8")))
    assert table.frame["City"].tolist() == ["Arica", "Iquique", "Lima"] and table.trailing is None


def test_a_workbook_s_second_table_is_left_out_and_said_as_a_csv_s(tmp_path):
    """UNdata's city populations saved as .xlsx: the footnotes the CSV reader leaves out were nine
    rejected rows from the workbook."""
    book = openpyxl.Workbook()
    for row in (["Country", "Year", "City", "Value"], ["Chile", 2002, "Arica", 185268],
                ["Chile", 2002, "Iquique", 214586], [], ["footnoteSeqID", "Footnote"],
                [1, "Including armed forces."], [2, "Projection."]):
        book.active.append(row)
    book.save(tmp_path / "un.xlsx")
    table = textio.read_any(tmp_path / "un.xlsx")
    assert table.frame["City"].tolist() == ["Arica", "Iquique"]
    assert table.trailing == {"line": 5, "columns": ["footnoteSeqID", "Footnote"], "rows": 2}
    book.active.append(["Peru", 2007, "Lima", 7605742])  # a data row after them: all are data
    book.save(tmp_path / "un.xlsx")
    table = textio.read_any(tmp_path / "un.xlsx")
    assert len(table.frame) == 6 and table.trailing is None


def test_the_first_sheet_of_a_workbook_is_the_first_a_reader_sees(tmp_path):
    """A hidden sheet before the data (an earlier edition kept out of view) was read as the file's
    first sheet by every reader of plain tables."""
    import openpyxl

    from loaders.workbook import read_excel, visible_sheets

    book = openpyxl.Workbook()
    book.active.title = "old"
    book.active.append(["place", "value"])
    book.active.append(["A", 1])
    book.active.sheet_state = "hidden"
    shown = book.create_sheet("data")
    shown.append(["place", "value"])
    shown.append(["A", 2])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert visible_sheets(path) == ["data"]
    assert read_excel(path).frame["value"].tolist() == ["2"]
    assert read_excel(path, "old").frame["value"].tolist() == ["1"]


def test_percent_formatted_cells_are_read_as_shown(tmp_path):
    """pandas reads a cell's number, never its format: 0.299 formatted '0.0%' (shown 29.9%) was
    read as 0.299 against a unit in percent, silently. It is read as shown, without float noise
    (0.299 * 100 is 29.900000000000002), and the table says which columns held such cells; a '%'
    in quotes only writes the sign."""
    book = openpyxl.Workbook()
    rows = (["City", "Share", "Literal", "Count"], ["A", 0.299, 12, 5], ["B", 0.07, 3, 0.5],
            ["C", 1, None, 2])
    for row in rows:
        book.active.append(row)
    for cell in book.active["B"][1:]:
        cell.number_format = "0.0%"
    for cell in book.active["C"][1:]:
        cell.number_format = '0"%"'
    path = tmp_path / "percent.xlsx"
    book.save(path)
    table = textio.read_any(path)
    assert table.frame["Share"].tolist() == ["29.9", "7", "100"]
    assert table.frame["Literal"].fillna("").tolist() == ["12", "3", ""]
    assert table.frame["Count"].tolist() == ["5", "0.5", "2"]
    assert table.percent == {"Share": 3}


def test_an_old_binary_xls_says_to_save_it_as_xlsx(tmp_path):
    """A real .xls answered "`Import python-calamine` failed. Use pip..." (pandas' message to a
    developer): it is said that .xls is not read, and what to do."""
    path = tmp_path / "old.xls"
    path.write_bytes(sheets.OLD_EXCEL + b"\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(LoadError, match=r"old\.xls is an old binary Excel workbook \(\.xls\), which is not "
                                        r"read: .* save it as \.xlsx"):
        textio.read_any(path)


def test_an_xlsx_named_xls_is_read_by_its_content(tmp_path):
    """An .xlsx saved under an '.xls' name was 'format not recognised' (openpyxl refuses the name,
    pandas picked its .xls reader by it)."""
    book = openpyxl.Workbook()
    for row in (["City", "Value"], ["A", 1]):
        book.active.append(row)
    path = tmp_path / "named.xls"
    book.save(path)
    assert records(textio.read_any(path)) == [{"City": "A", "Value": "1", "_line": 2}]
