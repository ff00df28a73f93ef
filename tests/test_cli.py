"""The command line: help, exit statuses, one-sentence errors, store versions."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from tests.conftest import CITY_MAPPING
from tests.test_importer import tiny_format, write  # noqa: F401 - fixture reuse

COMMANDS = [["serve"], ["import"], ["validate"], ["store"], ["store", "versions"],
            ["store", "restore"], ["demo"], ["info"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: city-sdg" in capsys.readouterr().out



def test_wrong_command_line_exits_64(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["import"])
    assert exit_info.value.code == 64


@pytest.mark.parametrize("arguments", [["store", "prune", "--keep", "0"], ["store", "prune", "--keep", "-3"],
                                       ["serve", "--port", "70000"], ["serve", "--workers", "0"],
                                       ["export-static", "out", "--jobs", "0"]])
def test_a_count_below_one_is_a_wrong_command_line(arguments, tmp_path, capsys):
    """`store prune --keep 0` failed with exit 2 (nothing read, the command failed), not 64."""
    with pytest.raises(SystemExit) as exit_info:
        main([*arguments, "--store", str(tmp_path / "store")])
    assert exit_info.value.code == 64
    assert "error: argument" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["xx", "EN", "de"])
def test_export_static_refuses_a_language_it_has_no_translation_for(code, tmp_path, capsys):
    """`--lang xx` wrote English pages marked lang="xx" (a screen reader reads them in the wrong
    voice) and linked them from the root page."""
    assert main(["export-static", str(tmp_path / "out"), "--lang", "en", "--lang", code]) == 64
    assert f"no translation for --lang {code}; the languages are en, es, fr" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_validate_missing_file_is_one_sentence_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status = main(["validate", str(tmp_path / "nope.csv")])
    out = capsys.readouterr().out
    assert status == 2
    assert "nope.csv does not exist." in out and "Traceback" not in out
    assert (tmp_path / "city-sdg-report.csv").is_file()


def test_validate_import_info_versions_restore(tmp_path, capsys, tiny_format):  # noqa: F811
    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\nr1,pm25,2021,\n")
    report_csv = tmp_path / "report.csv"
    assert main(["validate", str(source), "--report", str(report_csv)]) == 1
    assert "empty value" in report_csv.read_text()
    store = str(tmp_path / "store")
    assert not (tmp_path / "store").exists()
    assert main(["import", str(source), "--store", store]) == 1
    clean = write(tmp_path, "b.csv", "p,i,y,v\nr2,pm25,2020,5\n")
    assert main(["import", str(clean), "--store", store]) == 0
    capsys.readouterr()
    assert main(["store", "versions", "--store", store]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("*")
    first = lines[0].split()[0]
    assert main(["store", "restore", first, "--store", store]) == 0
    assert main(["info", "--store", store]) == 0
    said = capsys.readouterr().out
    assert "observations" in said and "unfinished" not in said
    # an import that was stopped left its folder: info says so (100 MB stayed an hour unsaid)
    left = tmp_path / "store" / "versions" / ".incoming-20261207T000000-000000-dead"
    left.mkdir()
    (left / "observations.parquet").write_bytes(b"x" * 2_000_000)
    assert main(["info", "--store", store]) == 0
    assert "1 unfinished import folder(s) in " in capsys.readouterr().out


def test_a_quiet_import_prints_only_what_it_refused(tmp_path, capsys, tiny_format):  # noqa: F811
    """A scheduled import mails whatever it prints: --quiet printed every warning, every file's counts
    and the version on each good run. Now a good run prints nothing; refused rows and the total go
    to standard error; the CSV report keeps everything."""
    store = str(tmp_path / "store")
    warned = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\nr1,pm25,2021,\n")
    assert main(["import", str(warned), "--store", store]) == 1
    loud = capsys.readouterr()
    assert "rejected:" in loud.out and "imported into" in loud.out
    clean = write(tmp_path, "b.csv", "p,i,y,v\nr2,pm25,2020,5\n")
    assert main(["import", str(clean), "--store", store, "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    report = tmp_path / "report.csv"
    assert main(["import", str(warned), "--store", store, "--quiet", "--report", str(report)]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.splitlines()[0].startswith(f"rejected: {warned}:3 [value]: empty value")
    assert said.err.splitlines()[-1].startswith("total: 2 rows read, 1 kept, 1 rejected")
    assert "empty value" in report.read_text()
    assert main(["import", str(tmp_path / "nope.csv"), "--store", store, "--quiet"]) == 2
    said = capsys.readouterr()
    assert said.out == "" and "nope.csv does not exist." in said.err and "is unchanged" in said.err


def test_import_refuses_the_demo_store(tmp_path, capsys, tiny_format):  # noqa: F811
    from loaders.paths import DEMO_STORE

    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\n")
    assert main(["import", str(source), "--store", str(DEMO_STORE)]) == 2
    assert "read-only" in capsys.readouterr().err


def test_wrong_store_simplify_and_boundaries_arguments_are_one_sentence(tmp_path, capsys):
    """A --store that is a file ended in 'FileExistsError: [Errno 17]'; --simplify -1 was taken;
    a --boundaries file that does not exist was ignored beside a mapped file, exit 0."""
    data = tmp_path / "data.csv"
    data.write_text("City,Country,Indicator,Year,Value\nNairobi,KE,pm25,2020,5\n", encoding="utf-8")
    a_file = tmp_path / "afile"
    a_file.write_text("", encoding="utf-8")
    store = str(tmp_path / "s")
    assert main(["import", str(data), "--store", str(a_file)]) == 2
    assert main(["import", str(data), "--store", store, "--simplify", "-1"]) == 2
    assert main(["import", str(data), "--store", store, "--boundaries", str(tmp_path / "nope.geojson")]) == 2
    said = capsys.readouterr().err
    assert f"--store {a_file} is a file, not a store folder." in said
    assert "--simplify -1.0 must be 0 (no simplification) or more degrees." in said
    assert f"--boundaries {tmp_path / 'nope.geojson'} does not exist." in said
    assert "Errno" not in said and not (tmp_path / "s").exists()


def test_validate_reports_a_key_two_files_bring_as_the_import_does(tmp_path, capsys):
    """validate read without the spool and said nothing of a key a later file brings again, which the
    import then rejected: the two now keep and reject the same rows."""
    folder = tmp_path / "files"
    folder.mkdir()
    header = "City,Country,Indicator,Year,Value\n"
    for name, rows in (("a.csv", "Nairobi,KE,pm25,2020,5\nMombasa,KE,pm25,2020,7\n"),
                       ("b.csv", "Nairobi,KE,pm25,2020,6\nKisumu,KE,pm25,2020,8\n")):
        (folder / name).write_text(header + rows, encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(CITY_MAPPING, encoding="utf-8")
    checked, imported = tmp_path / "validate.csv", tmp_path / "import.csv"
    assert main(["validate", str(folder), "--mapping", str(mapping), "--report", str(checked)]) == 1
    assert main(["import", str(folder), "--mapping", str(mapping), "--store", str(tmp_path / "s"),
                 "--report", str(imported)]) == 1
    said = capsys.readouterr().out
    assert said.count("total: 4 rows read, 3 kept, 1 rejected") == 2

    def rejected(path):
        rows = pd.read_csv(path, dtype=str)
        rows = rows[rows["severity"] == "rejected"]
        return rows[["file", "line", "column", "value", "reason"]].values.tolist()

    assert rejected(checked) == rejected(imported) == [
        [str(folder / "b.csv"), "2", "Value", "6",
         f"duplicate of {folder / 'a.csv'} line 2 (same place, indicator, year and breakdown)"]]


def test_lines_past_the_first_fifty_are_said_to_be_in_a_named_report(tmp_path, capsys, tiny_format):  # noqa: F811
    """"... and 232 more in the CSV report" did not say which file, when no --report was given."""
    rows = "".join(f"r{n},pm25,2020,\n" for n in range(60))
    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2019,10\n" + rows)
    store = tmp_path / "store"
    assert main(["import", str(source), "--store", str(store)]) == 1
    said = capsys.readouterr().out
    version = said.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    kept = store / "versions" / version / "import_report.csv"
    assert f"... and 11 more in the CSV report ({kept})" in said and kept.is_file()


def test_validate_places_the_places_as_the_import_does(tmp_path, capsys):
    """validate skipped the gazetteer, so a city it could not place, or placed by a close spelling, was
    said by the import only: the two reports now hold the same lines, warnings included."""
    source = tmp_path / "cities.csv"
    source.write_text("City,Country,Indicator,Year,Value\nNairobi,KE,pm25,2020,5\n"
                      "Mombasaa,KE,pm25,2020,7\nQwxzv Town,KE,pm25,2020,8\n", encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(CITY_MAPPING, encoding="utf-8")
    checked, imported = tmp_path / "validate.csv", tmp_path / "import.csv"
    main(["validate", str(source), "--mapping", str(mapping), "--report", str(checked)])
    main(["import", str(source), "--mapping", str(mapping), "--store", str(tmp_path / "s"),
          "--report", str(imported)])
    capsys.readouterr()
    lines = [pd.read_csv(path, dtype=str).fillna("").values.tolist() for path in (checked, imported)]
    assert lines[0] == lines[1]
    assert any("Qwxzv Town" in " ".join(line) for line in lines[0])


def test_an_indicator_stating_one_bound_is_said_to_take_the_other_from_the_data(tmp_path, capsys):
    """A codebook without a 'worst' column scored its indicators between its stated best and a
    worst taken from the data, and neither validate nor the import said so."""
    source = tmp_path / "cities.csv"
    rows = "".join(f"City {n},KE,pm25,2020,{n}\n" for n in range(1, 41))
    source.write_text("City,Country,Indicator,Year,Value\n" + rows, encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(CITY_MAPPING + "indicators:\n  pm25: {goal: 11, direction: lower, best: 0}\n",
                       encoding="utf-8")
    checked, imported = tmp_path / "validate.csv", tmp_path / "import.csv"
    main(["validate", str(source), "--mapping", str(mapping), "--report", str(checked)])
    main(["import", str(source), "--mapping", str(mapping), "--store", str(tmp_path / "s"),
          "--report", str(imported)])
    capsys.readouterr()
    said = [pd.read_csv(path, dtype=str).query("column == 'worst'")["reason"].tolist()
            for path in (checked, imported)]
    assert said[0] == ["indicator 'pm25' states its best (0) but not its worst: the worst is taken from the "
                       "data (the 2.5th percentile from the worst end of the latest values); state both "
                       "(--indicator-meta, or the mapping)"]
    # lower is better: the worst end is the highest, 39.025 of the values 1..40
    assert said[1] == ["indicator 'pm25' states its best (0) but not its worst: the worst is taken from the "
                       "data (39.025, the 2.5th percentile from the worst end of the latest values); state "
                       "both (--indicator-meta, or the mapping)"]


def test_a_wrong_port_or_rate_limit_in_the_environment_stops_serve_alone(tmp_path, monkeypatch, capsys):
    """PORT=8050.5 stopped every command with a traceback, a cron import among them; a rate limit
    flask-limiter cannot read was logged once and the server ran without any."""
    from dashboard import config

    monkeypatch.setenv("PORT", "8050.5")
    config.settings.cache_clear()
    try:
        assert main(["info", "--store", str(tmp_path / "none")]) in (0, 2)
        with pytest.raises(SystemExit) as exit_info:
            main(["serve", "--store", str(tmp_path / "none")])
        assert exit_info.value.code == 64 and "'8050.5' is not a whole number" in capsys.readouterr().err
    finally:
        monkeypatch.delenv("PORT")
        config.settings.cache_clear()
    monkeypatch.setenv("CITY_SDG_RATE_API", "lots")
    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    assert "$CITY_SDG_RATE_API is 'lots', which is not a rate limit" in capsys.readouterr().err


def test_a_closed_pipe_ends_a_command_quietly(monkeypatch, capsys):
    """`city-sdg info | head -3` said "error: BrokenPipeError" and exited 2."""
    from dashboard import cli

    def closed(args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setitem(cli.COMMANDS, "info", closed)
    assert main(["info"]) == 0 and "error" not in capsys.readouterr().err


def test_boundaries_given_with_a_mapped_file_are_said_to_be_unread(tmp_path, capsys):
    """`--boundaries` beside a mapped file did nothing, and nothing said so."""
    source = tmp_path / "districts.csv"
    source.write_text("City,Country,Indicator,Year,Value\nNairobi,KE,pm25,2020,5\n", encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(CITY_MAPPING, encoding="utf-8")
    outlines = tmp_path / "districts.geojson"
    outlines.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    main(["validate", str(source), "--mapping", str(mapping), "--boundaries", str(outlines),
          "--report", str(tmp_path / "r.csv")])
    assert ("--boundaries is read beside an Open SDG site only, and was not read with mapped files: "
            "import the boundary file itself (city-sdg import districts.geojson --place CITY --country CODE)"
            in capsys.readouterr().out)


def test_a_percentage_unit_on_values_past_100_is_warned(tmp_path, capsys):
    """València's Spanish metadata named its unemployed (61,152 people) a percentage, and its pages
    said "61.152 en 2009 (Porcentaje)"; the import said nothing."""
    source = tmp_path / "cities.csv"
    source.write_text("City,Country,Indicator,Year,Value\nNairobi,KE,jobless,2020,61152\n"
                      "Nairobi,KE,share,2020,45.5\n", encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(CITY_MAPPING + "indicators:\n  jobless: {unit: Porcentaje}\n  share: {unit: '%'}\n",
                       encoding="utf-8")
    main(["import", str(source), "--mapping", str(mapping), "--store", str(tmp_path / "s"),
          "--report", str(tmp_path / "r.csv")])
    said = pd.read_csv(tmp_path / "r.csv", dtype=str).query("column == 'unit'")
    assert said["value"].tolist() == ["jobless"]
    assert said["reason"].iloc[0].startswith(
        "indicator 'jobless' is in Porcentaje, but its values reach 61,152")
