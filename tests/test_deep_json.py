"""A JSON document nested thousands deep is one sentence naming the file, in every JSON reader:
it was `error: RecursionError: maximum recursion depth exceeded ...` with no file named."""

from __future__ import annotations

import pytest

from loaders.report import LoadError

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("reader", ["unsdg", "opensdg meta", "opensdg data"])
def test_deep_json_is_named_and_refused_in_each_reader(tmp_path, reader):
    from loaders.opensdg import built, meta
    from loaders.unsdg import nested_json

    read = {"unsdg": nested_json.load, "opensdg meta": meta.read_json_meta,
            "opensdg data": built.read_json_table}[reader]
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(LoadError, match="deep.json is nested too deeply to be read as JSON"):
        read(path)


def test_deep_and_cut_project_files_are_one_sentence_each(tmp_path, capsys):
    """A project file nested too deeply, and one cut inside a string: 'Unterminated string starting
    at at line 1' said its position twice and no column."""
    from dashboard.cli import main

    mapping = tmp_path / "m.yml"
    mapping.write_text("title: {column: title}\nplace: {value: Nairobi}\ncountry: {value: KE}\n",
                       encoding="utf-8")
    (tmp_path / "deep.json").write_text(DEEP, encoding="utf-8")
    (tmp_path / "cut.json").write_text('[{"title": "a', encoding="utf-8")
    for name in ("deep.json", "cut.json"):
        assert main(["import", str(tmp_path / name), "--kind", "projects", "--mapping", str(mapping),
                     "--store", str(tmp_path / "s")]) != 0
    said = capsys.readouterr()
    shown = said.out + said.err
    assert "deep.json is nested too deeply to be read as JSON." in shown and "RecursionError" not in shown
    assert "cut.json is not valid JSON: Unterminated string starting at (line 1, column 12)." in shown


def test_a_report_line_names_twenty_columns_at_most_each_cut_short():
    from loaders.report import listing

    names = [f"column {n}" for n in range(10_000)] + ["x" * 200_000]
    line = listing(names)
    assert line.startswith("column 0, column 1,") and line.endswith(" and 9,981 more") and len(line) < 400
    assert listing(["[" * 500]) == "[" * 59 + "…"
    assert listing(["a", "b"]) == "a, b" and listing([]) == ""
