"""`city-sdg mapping draft`: a starter mapping that the mapped reader accepts as written."""

from __future__ import annotations

import openpyxl

from dashboard.cli import main
from loaders.mapped import reader as mapped
from loaders.mapped.draft import draft
from loaders.options import ReadOptions
from loaders.report import ImportReport


def test_wide_indicator_columns_get_goals_and_the_other_columns_are_listed(tmp_path, capsys):
    path = tmp_path / "own.csv"
    path.write_text(
        "Municipio,Departamento,Pais,Año,sdg08_desempleo,SDG3_mortalidad,comentario\n"
        "San Javier,Beni,Bolivia,2020,4.1,(19)-converted value,x\n"
        'Oruro,Oruro,Bolivia,2020,NA,"12,5",\n',
        encoding="utf-8",
    )
    assert main(["mapping", "draft", str(path)]) == 0
    target = tmp_path / "own.mapping.yml"
    text = target.read_text(encoding="utf-8")
    assert 'place: {column: "Municipio"}' in text and 'country: {column: "Pais"}' in text
    assert 'year: {column: "Año"}' in text
    assert '"sdg08-desempleo": {goal: 8}' in text and '"sdg3-mortalidad": {goal: 3}' in text
    assert '# region: {column: "Departamento"}' in text
    assert '#   "comentario": e.g. "x"' in text
    report = ImportReport()
    bundle = mapped.read(path, report, ReadOptions(mapping=target))
    assert report.rows_read == 4 and report.rows_kept == 4
    obs = bundle.observations.set_index("indicator_id")
    assert obs.loc["sdg3-mortalidad", "value"].tolist() == [19.0, 12.5]
    assert set(bundle.indicators.set_index("indicator_id")["goal"]) == {3, 8}


def test_tidy_workbook_and_years_as_columns(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Data"
    for row in (
        ["City", "Country", "Indicator", "Year", "Value", "Unit"],
        ["Bristol", "GBR", "11.6.2", 2020, 12.5, "µg/m3"],
    ):
        book.active.append(row)
    book.save(tmp_path / "tidy.xlsx")
    text = draft(tmp_path / "tidy.xlsx")
    assert "format: tidy" in text and 'value: {column: "Value"}' in text and 'unit: {column: "Unit"}' in text
    assert '"11-6-2": {goal: 11, un_code: "11.6.2"}' in text
    wide = tmp_path / "years.csv"
    wide.write_text("City,Indicator,2018,2019\nBristol,pm25,13.1,12.5\n", encoding="utf-8")
    text = draft(wide)
    assert 'year: {columns: ["2018", "2019"]}' in text and 'indicator: {column: "Indicator"}' in text
    # a fiscal year's column is a year's column: "2020/21" was left out of the draft, with its values
    wide.write_text("City,Indicator,2018,2019,2020/21,FY2022\nBristol,pm25,13.1,12.5,12.0,11.5\n",
                    encoding="utf-8")
    assert 'year: {columns: ["2018", "2019", "2020/21", "FY2022"]}' in draft(wide)


def test_drafts_of_real_files_pick_the_city_the_value_and_no_ids():
    """UNdata's city population file has 'Area' ('Total') before 'City' and one 'Value' column: the
    draft named 'Area' the place and made 'Source Year' and 'Value Footnotes' indicators. The UN
    11.2.1 cities file's GeoNames id was offered as an indicator."""
    import pytest

    from tests.conftest import REALDATA

    population = REALDATA / "unsd-city-population" / "data" / "unsd-citypopulation-year-both.csv"
    transport = REALDATA / "un-sdg-11-2-1-cities-geocoded" / "data" / "pt-access.csv"
    if not population.is_file() or not transport.is_file():
        pytest.skip("real data files are absent (they are always present in CI)")
    text = draft(population)
    assert 'place: {column: "City"}' in text and 'value: {column: "Value"}' in text
    assert "format: tidy" in text and "indicator: {value: CHANGE-ME}" in text
    assert '"Source Year": ' not in text.split("# Columns not used")[0]
    assert '"usually"' not in text and '"on"' not in text  # samples of the footnote table, not of the data
    text = draft(transport)
    assert 'geonameid: {column: "geoname_id"}' in text
    assert '"pct_pt_access": pct-pt-access' in text and '"geoname_id": geoname' not in text


def test_a_list_of_projects_gets_a_projects_mapping_that_reads_every_row(tmp_path, capsys):
    """A list of projects (titles and SDG tags) was drafted as indicator values: 'format: wide',
    'year: {value: CHANGE-ME}' and no indicator, for a file that needs --kind projects."""
    path = tmp_path / "register.csv"
    path.write_text(
        "Project ID,Project name,Description,SDGs,Municipio,País,Start date,Website,Notes\n"
        'K-1,Mercado solar,Paneles en el mercado,"7, 11",Cochabamba,Bolivia,2021-03-01,https://a.example,x\n'
        "K-2,Agua segura,Filtros en escuelas,SDG 6; SDG 3,Oruro,Bolivia,2022-01-15,,\n"
        "K-3,Buses limpios,Flota eléctrica,Climate action,La Paz,Bolivia,,https://c.example,\n",
        encoding="utf-8",
    )
    assert main(["mapping", "draft", str(path)]) == 0
    out = capsys.readouterr().out
    target = tmp_path / "register.mapping.yml"
    assert f"validate {path} --kind projects --mapping {target}" in out
    text = target.read_text(encoding="utf-8")
    for line in ('project_id: {column: "Project ID"}', 'title: {column: "Project name"}',
                 'summary: {column: "Description"}', 'goals: {column: "SDGs"}',
                 'place: {column: "Municipio"}', 'country: {column: "País"}',
                 'start_date: {column: "Start date"}', 'url: {column: "Website"}'):
        assert line in text, line
    assert '#   "Notes": e.g. "x"' in text and "CHANGE-ME" not in text
    assert main(["validate", str(path), "--kind", "projects", "--mapping", str(target),
                 "--report", str(tmp_path / "r.csv")]) == 0
    out = capsys.readouterr().out
    assert "register.csv: 3 rows read, 3 kept, 0 rejected" in out


def test_numbered_tag_columns_become_one_goals_pattern_and_json_lists_are_drafted(tmp_path):
    path = tmp_path / "solutions.csv"
    path.write_text("solution_id,title,sdg_tag_1,sdg_tag_2,country,lat,lon\n"
                    "1,Seed bank,2,15,Kenya,-1.29,36.82\n2,Bike repair,11,,Kenya,-0.1,34.75\n",
                    encoding="utf-8")
    text = draft(path)
    assert 'goals: {pattern: "^sdg_tag_\\\\d+$"}' in text and "lat: {column" in text
    assert "place: {value: CHANGE-ME}" not in text  # placed by coordinates
    listing = tmp_path / "list.json"
    listing.write_text('{"items": [{"name": "Repair café", "goals": [12, 11]}, '
                       '{"name": "Tree fund", "goals": [13]}]}', encoding="utf-8")
    text = draft(listing)
    assert 'title: {column: "name"}' in text and 'goals: {column: "goals"}' in text
    assert "place: {value: CHANGE-ME}" in text  # nothing says where


def test_a_table_of_values_with_a_goal_column_is_not_taken_for_projects(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("Name,Goal,Indicator,Year,Value\nOruro,1,1.1.1,2020,4.5\nSucre,3,3.2.1,2020,9\n",
                    encoding="utf-8")
    text = draft(path)
    assert "format: tidy" in text and 'indicator: {column: "Indicator"}' in text


def test_the_import_says_a_list_of_projects_needs_kind_projects(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text('Name,SDGs\nMercado solar,"7, 11"\nAgua segura,6\n', encoding="utf-8")
    assert main(["import", str(path), "--store", str(tmp_path / "store")]) == 2
    out = capsys.readouterr().out
    assert ("register.csv is a list of projects (titles and SDG tags): import it with --kind projects and a "
            "mapping file; 'city-sdg mapping draft register.csv' writes a starter one.") in out


def test_a_file_read_without_a_mapping_is_said_to_be(tmp_path, capsys):
    """A draft for a file a reader already takes (an SDSN city table) is still written, with a note
    that no mapping is needed; a JSON one, which only a project list can be drafted from, ends with
    the note and why no draft was written, not with an error."""
    from tests.test_sdsn import CITY_CSV

    table = tmp_path / "cities.csv"
    table.write_text(CITY_CSV, encoding="utf-8")
    assert main(["mapping", "draft", str(table)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("note: cities.csv is read as the 'sdsn' format without a mapping "
                          f"(city-sdg import {table})")
    assert (tmp_path / "cities.mapping.yml").is_file()
    plain = tmp_path / "plain.csv"
    plain.write_text("City,Year,Value\nOruro,2020,4\n", encoding="utf-8")
    assert main(["mapping", "draft", str(plain)]) == 0
    assert "note:" not in capsys.readouterr().out


def test_a_spanish_register_under_a_title_row_gets_its_columns_and_its_unknown_words(tmp_path):
    """An Excel register with a title above its header, Spanish headers, goals by name and its own
    status words: the draft maps the columns, says the budget's currency is not given, and lists
    the status words the dashboard does not know as a commented vocabulary that, filled in, reads
    them."""
    book = openpyxl.Workbook()
    sheet = book.active
    header = ["Código", "Nombre del proyecto", "Descripción", "ODS", "Municipio", "Presupuesto (Bs)",
              "Estado"]
    for row in (["Registro de proyectos de innovación 2024"], [], header,
                ["P-1", "Mercado solar", "Paneles", "ODS 7, ODS 11", "Cochabamba", "150.000",
                 "Fase 2"],
                ["P-2", "Agua segura", "Filtros", "Agua limpia y saneamiento", "Oruro", "80.000",
                 "Archivado"],
                ["P-3", "Buses", "Flota", "Acción por el clima", "La Paz", "", "completed"]):
        sheet.append(row)
    path = tmp_path / "registro.xlsx"
    book.save(path)
    assert main(["mapping", "draft", str(path)]) == 0
    target = tmp_path / "registro.mapping.yml"
    text = target.read_text(encoding="utf-8")
    assert 'project_id: {column: "Código"}' in text and 'goals: {column: "ODS"}' in text
    assert "# currency: {value: CHANGE-ME}" in text and "# country: {value: CHANGE-ME}" in text
    assert '#   status:   # each to one of: idea, planned, active, completed, scaled, stopped; or null\n' \
           '#     "Fase 2":\n#     "Archivado":\n' in text  # 'completed' is known
    from loaders.projects.reader import read_projects

    report = ImportReport()
    options = ReadOptions(kind="projects", mapping=target)
    bundle = read_projects(path, report, options)
    assert report.rows_kept == 3 and bundle.projects["status"].isna().sum() == 2  # unknown words: warned
    filled = text.replace("# vocabularies:", "vocabularies:").replace("#   status:", "  status:")
    filled = filled.replace('#     "Fase 2":', '    "Fase 2": active')
    filled = filled.replace('#     "Archivado":', '    "Archivado": completed')
    target.write_text(filled, encoding="utf-8")
    bundle = read_projects(path, ImportReport(), options)
    assert bundle.projects["status"].tolist() == ["active", "completed", "completed"]
    assert [sorted(g.split(";"), key=int) for g in bundle.projects["goals"]] == [["7", "11"], ["6"], ["13"]]


def test_a_german_register_is_drafted_as_a_project_list_with_its_place_and_coordinates(tmp_path):
    """`Nr;Projekt;Ziele;...;Breite;Länge;Ort` was drafted as a table of indicators, latitude and
    longitude among them: only 'Titel' told a title, and 'Ort', 'Breite', 'Länge' said nothing."""
    path = tmp_path / "vorhaben.csv"
    path.write_text("Nr;Projekt;Ziele;Beginn;Budget;Breite;Länge;Ort\n"
                    "P1;Solardächer Schulen;SDG 7 und 13;01.03.2021;1.250.000 €;52,52;13,40;Berlin\n"
                    "P2;Radwege Ausbau;SDG 11;15.04.2022;850.000 €;52,50;13,38;Berlin\n", encoding="utf-8")
    assert main(["mapping", "draft", str(path)]) == 0
    text = (tmp_path / "vorhaben.mapping.yml").read_text(encoding="utf-8")
    for line in ('project_id: {column: "Nr"}', 'title: {column: "Projekt"}', 'goals: {column: "Ziele"}',
                 'place: {column: "Ort"}', 'lat: {column: "Breite"}', 'lon: {column: "Länge"}'):
        assert line in text, line


def test_a_draft_never_overwrites_a_mapping(tmp_path, capsys):
    """Drafting again wrote over the mapping beside the file, with the edits made to it since."""
    from dashboard.cli import main

    table = tmp_path / "plain.csv"
    table.write_text("City,Year,Value\nOruro,2020,4\n", encoding="utf-8")
    assert main(["mapping", "draft", str(table)]) == 0
    mapping = tmp_path / "plain.mapping.yml"
    mapping.write_text("# edited by hand\n" + mapping.read_text(encoding="utf-8"), encoding="utf-8")
    edited = mapping.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["mapping", "draft", str(table)]) == 2
    said = capsys.readouterr()
    assert f"{mapping} exists already: it is left as it is" in said.err + said.out
    assert mapping.read_text(encoding="utf-8") == edited
    assert main(["mapping", "draft", str(table), "--out", str(tmp_path / "second.yml")]) == 0
    assert (tmp_path / "second.yml").is_file()
