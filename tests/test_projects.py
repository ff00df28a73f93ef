"""The projects reader: mapping files, SDG tags, vocabularies, money, dates, places, real lists."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from loaders import paths, schema
from loaders.options import ReadOptions
from loaders.projects import vocab as project_vocab
from loaders.projects.parse import parse_date, parse_money, parse_url, sdg_tags
from loaders.projects.reader import read_projects
from loaders.report import INFO, REJECTED, WARNING, ImportReport, LoadError

MAPPINGS = paths.REFERENCE_DIR / "mappings"
BERLIN = Path("global-goals-berlin-projects")

BASIC_MAPPING = """
project_id: {column: ID}
title: {column: Title}
goals: {column: SDGs}
place: {column: City}
country: {column: Country}
"""


def load(tmp_path: Path, data: str | bytes, mapping: str, name: str = "projects.csv", **options):
    target = tmp_path / name
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
    report = ImportReport()
    bundle = read_projects(target, report, ReadOptions(mapping=tmp_path / "mapping.yml", **options))
    return bundle, report


def issues(report: ImportReport, severity: str) -> pd.DataFrame:
    frame = report.frame()
    return frame[frame["severity"] == severity].reset_index(drop=True)


def rejected(report: ImportReport) -> dict[int, str]:
    frame = issues(report, REJECTED)
    return dict(zip(frame["line"].astype(int), frame["reason"], strict=True))


def warned(report: ImportReport) -> list[tuple[int, str, str, str]]:
    frame = issues(report, WARNING)
    return list(zip(frame["line"].astype(int), frame["column"], frame["value"], frame["reason"], strict=True))


def assert_counts(report: ImportReport, read: int, kept: int) -> None:
    (count,) = report.counts.values()
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (read, kept, read - kept)


def assert_places_complete(bundle) -> None:
    """Every project's place is in bundle.places, as the importer's reference checks need."""
    assert set(bundle.projects["place_id"]) <= set(bundle.places["place_id"])
    assert list(bundle.projects.columns) == list(schema.PROJECTS)


# --------------------------------------------------------------------------- SDG tags


@pytest.mark.parametrize(
    "text, goals, targets",
    [
        ("9, 13, 15", [9, 13, 15], []),
        ("[9, 13]", [9, 13], []),
        ("SDG 9; SDG 13", [9, 13], []),
        ("SDG9|SDG13", [9, 13], []),
        ("Goal 13", [13], []),
        ("sdg-09", [9], []),
        ("9 13 15", [9, 13, 15], []),
        ("4,1", [4, 1], []),  # Berlin's compact spelling: goals 4 and 1, not target 4.1
        ("11.2", [11], ["11.2"]),
        ("SDG 11.a", [11], ["11.a"]),
        ("11.6.2", [11], ["11.6"]),
        ("Climate action", [13], []),
        ("SDG 9: Industry, innovation and infrastructure", [9, 9], []),
        ("Ziel 3", [3], []),
        # goal names in the shipped languages, as a Spanish or French register writes them
        ("Fin de la pobreza; Acción por el clima", [1, 13], []),
        ("Accion por el clima", [13], []),  # without its accent
        ("Paz, justicia e instituciones sólidas", [16], []),
        ("Pas de pauvreté, Faim « zéro »", [1, 2], []),
        ("Énergie propre et d’un coût abordable", [7], []),
        ("Industry, innovation & infrastructure", [9], []),
        # goals joined by a word: the second was dropped in silence
        ("SDG 7 und 13", [7, 13], []),
        ("SDGs 1 and 2", [1, 2], []),
        ("Goals 3 & 6", [3, 6], []),
        ("ODS 11 y 12", [11, 12], []),
        ("SDG 11.2 and 11.3", [11, 11], ["11.2", "11.3"]),
        ("SDG 11.a y 11.b", [11, 11], ["11.a", "11.b"]),
    ],
)
def test_sdg_tag_spellings(text, goals, targets):
    assert sdg_tags(text) == (goals, targets, [])


def test_every_goal_name_of_every_shipped_language_reads_as_its_goal():
    from loaders.projects.parse import translated_goal_names

    records = json.loads(paths.SDG_GOALS_FILE.read_text(encoding="utf-8"))["goals"]
    goals = {g["name"]: g["goal"] for g in records}
    pairs = translated_goal_names()
    assert len(pairs) == 17 * 2  # Spanish and French
    for english, name in pairs + [(name, name) for name in goals]:
        assert sdg_tags(name) == ([goals[english]], [], []), name
        assert sdg_tags(name.upper())[0] == [goals[english]], name


@pytest.mark.parametrize("text", ["18", "0", "Industry 4.0", "none of them", "Vida", "pobreza extrema"])
def test_sdg_tags_not_understood(text):
    goals, _, problems = sdg_tags(text)
    assert goals == [] and problems


def test_a_number_left_beside_a_goal_is_not_understood():
    """'SDG 7 plus 13' kept goal 7 and dropped the 13 without a word."""
    assert sdg_tags("SDG 7 plus 13") == ([7], [], ["plus 13"])
    assert sdg_tags("SDG 7 plus 7.2") == ([7], [], ["plus 7.2"])  # a target of the goal named: lost too


def test_sdg_tags_in_a_file(tmp_path):
    data = (
        "ID,Title,SDGs,Targets,City,Country\n"
        'a,One,"9, 13, 15",,Nairobi,Kenya\n'
        'b,Two,"[13, 9]",,Nairobi,Kenya\n'
        "c,Three,SDG 9; SDG 13,11.2,Nairobi,Kenya\n"
        "d,Four,Goal 6,,Nairobi,Kenya\n"
        "e,Five,SDG 99; 7,,Nairobi,Kenya\n"
        "f,Six,,,Nairobi,Kenya\n"
    )
    mapping = BASIC_MAPPING + "targets: {column: Targets}\n"
    bundle, report = load(tmp_path, data, mapping)
    assert_counts(report, read=6, kept=6)
    projects = bundle.projects.set_index("project_id")
    assert projects["goals"].tolist()[:4] == ["9;13;15", "9;13", "9;11;13", "6"]
    assert projects.loc["c", "targets"] == "11.2"
    assert projects.loc["e", "goals"] == "7"
    assert pd.isna(projects.loc["f", "goals"])
    assert warned(report) == [
        (6, "SDGs", "SDG 99", "SDG tag not understood; left out"),
        (7, "SDGs", "", "no SDG goal given"),
    ]


def test_sdg_tags_from_a_json_list_and_several_columns(tmp_path):
    data = [
        {"id": 1, "name": "Listed", "goals": [9, 13], "tags": {"a": "SDG 1", "b": "11.2"}},
        {"id": 2, "name": "Strings", "goals": ["SDG 5", "Goal 8"], "tags": {"a": "", "b": ""}},
    ]
    mapping = """
project_id: {column: id}
title: {column: name}
goals: {columns: [goals, tags.a]}
targets: {pattern: "^tags\\\\.b$"}
place: {value: Lagos}
country: {value: NGA}
"""
    bundle, report = load(tmp_path, json.dumps(data, indent=2), mapping, name="list.json")
    assert_counts(report, read=2, kept=2)
    assert bundle.projects["goals"].tolist() == ["1;9;11;13", "5;8"]
    assert bundle.projects["targets"].tolist()[0] == "11.2"


# --------------------------------------------------------------------------- vocabularies

VOCAB_MAPPING = """
title: {column: Title}
place: {value: Bristol}
country: {value: GBR}
theme: {column: Theme}
status: {column: Status}
funding_sources: {column: Funding}
procurement_method: {column: Procurement}
partner_sectors: {columns: [Partner 1, Partner 2]}
vocabularies:
  theme:
    Arbeit: livelihoods
  status:
    laufend: active
    unbekannt: null
  funding_sources:
    EU-Mittel: international/ODA
  procurement_method:
    Ausschreibung: open tender
  partner_sectors:
    Uni: academia
"""

VOCAB_DATA = """Title,Theme,Status,Funding,Procurement,Partner 1,Partner 2
One,  ARBEIT ,Laufend,"EU-Mittel; Municipal  Budget",ausschreibung,Uni,NGO
Two,financing,finished,Lottery,PPP,Start-ups,
Three,Weather,unbekannt,,,,
Four,livelihoods,maybe,,Barter,,
"""


def test_vocabularies_map_case_and_space_insensitively(tmp_path):
    bundle, report = load(tmp_path, VOCAB_DATA, VOCAB_MAPPING)
    assert_counts(report, read=4, kept=4)
    one, two, three, four = bundle.projects.to_dict("records")
    assert (one["theme"], one["status"]) == ("livelihoods", "active")
    assert one["funding_sources"] == "municipal budget;international/ODA"  # vocabulary order
    assert one["procurement_method"] == "open tender"
    assert one["partner_sectors"] == "academia;civil society"  # 'NGO' is a built-in spelling
    assert (two["status"], two["procurement_method"]) == ("completed", "public-private partnership")
    assert (two["funding_sources"], two["partner_sectors"]) == ("other", "start-ups")
    assert (three["theme"], pd.isna(three["status"])) == ("other", True)
    assert pd.isna(four["status"]) and four["procurement_method"] == "other"
    assert warned(report) == [
        (3, "Funding", "Lottery", "not in the funding sources vocabulary; kept as 'other'"),
        (4, "Theme", "Weather", "not in the theme vocabulary; kept as 'other'"),
        (5, "Status", "maybe", "not in the status vocabulary; left blank"),
        (5, "Procurement", "Barter", "not in the procurement method vocabulary; kept as 'other'"),
    ]


def test_every_canonical_value_maps_to_itself():
    for field, words in project_vocab.VOCABULARIES.items():
        table = project_vocab.lookup_table(field)
        assert all(table[project_vocab.vocabulary_key(w)] == w for w in words)
    for field, synonyms in project_vocab.SYNONYMS.items():
        assert set(synonyms.values()) <= set(project_vocab.VOCABULARIES[field])


def test_demo_vocabularies_match_the_canonical_ones():
    from loaders.demo import projects as demo_projects

    assert demo_projects.FUNDING_SOURCES == project_vocab.FUNDING_SOURCES
    assert demo_projects.PROCUREMENT_METHODS == project_vocab.PROCUREMENT_METHODS
    assert demo_projects.PARTNER_SECTORS == project_vocab.PARTNER_SECTORS


# --------------------------------------------------------------------------- money

MONEY_MAPPING = """
title: {column: Title}
place: {value: Berlin}
country: {value: Germany}
start_date: {column: Start}
budget: {column: Budget}
currency: {column: Currency}
rates: rates.csv
vocabularies:
  currency: {Euro: EUR}
"""

MONEY_DATA = """Title,Start,Budget,Currency
Euro project,2021-05-01,"1.000.000",Euro
Dollar project,2021,250000,usd
Cedi project,2021,5000,GHS
Late project,2030,100,EUR
Written in,2022,EUR 2.5 million,
Undated,,100,EUR
Bare,2021,100,
Broken,2021,lots,EUR
"""


def test_budget_converted_only_with_a_rate_for_currency_and_year(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "currency,year,usd_per_unit\nEUR,2021,1.18\nEUR,2022,1.05\n", encoding="utf-8"
    )
    bundle, report = load(tmp_path, MONEY_DATA, MONEY_MAPPING)
    assert_counts(report, read=8, kept=8)
    projects = bundle.projects.set_index("title")
    assert projects.loc["Euro project", ["budget", "currency", "budget_usd"]].tolist() == [1e6, "EUR", 1.18e6]
    assert projects.loc["Dollar project", ["currency", "budget_usd"]].tolist() == ["USD", 250000]
    assert projects.loc["Written in", ["budget", "currency", "budget_usd"]].tolist() == [
        2.5e6,
        "EUR",
        2.625e6,
    ]
    for title in ("Cedi project", "Late project", "Undated", "Bare", "Broken"):
        assert pd.isna(projects.loc[title, "budget_usd"])
    assert projects.loc["Cedi project", ["budget", "currency"]].tolist() == [5000, "GHS"]
    assert [(line, reason) for line, _, _, reason in warned(report)] == [
        (4, "no GHS rate for 2021 in rates.csv; no USD figure"),
        (5, "no EUR rate for 2030 in rates.csv; no USD figure"),
        (7, "no year for the exchange rate (start_date or budget_year)"),
        (8, "budget has no currency; no USD figure"),
        (9, "budget not understood; left blank"),
    ]


def test_rates_from_yaml_and_an_explicit_budget_year(tmp_path):
    (tmp_path / "rates.yml").write_text("KES:\n  2020: 0.0094\n", encoding="utf-8")
    mapping = """
title: {column: Title}
place: {value: Nairobi}
budget: {column: Budget}
currency: {value: KES}
budget_year: {column: Year}
rates: rates.yml
"""
    bundle, _ = load(tmp_path, "Title,Budget,Year\nClinic,1000000,2020\n", mapping)
    assert bundle.projects["budget_usd"].tolist() == [9400.0]
    assert bundle.projects["place_id"].tolist() == ["ken-nairobi"]


def test_no_rate_table_leaves_budget_usd_to_usd_budgets(tmp_path):
    mapping = "title: {column: T}\nplace: {value: Quito}\nbudget: {column: B}\ncurrency: {column: C}\n"
    bundle, report = load(tmp_path, "T,B,C\nA,10,USD\nB,10,EUR\n", mapping)
    assert bundle.projects["budget_usd"].tolist()[0] == 10
    assert pd.isna(bundle.projects["budget_usd"].iloc[1])
    assert warned(report) == []
    assert any("no rate table" in reason for reason in issues(report, INFO)["reason"])


@pytest.mark.parametrize(
    "text, amount, currency",
    [("1000", 1000, None), ("€1.5m", 1.5e6, "EUR"), ("2,5 Mio. EUR", 2.5e6, "EUR"),
     ("USD 500k", 5e5, "USD"), ("1 200 000 KES", 1.2e6, "KES"), ("twelve", None, None),
     ("S/. 1,200", 1200, "PEN"), ("₲ 5000", 5000, "PYG"), ("RD$ 500", 500, "DOP"),
     ("Bs 87", 87, None), ("87 Bs.", 87, None)],  # 'Bs': boliviano or bolívar, so no currency
)  # fmt: skip
def test_money_spellings(text, amount, currency):
    assert parse_money(text) == (amount, currency)


def test_budgets_with_dots_between_thousands_are_read_as_thousands(tmp_path):
    """A Bolivian register's 'Bs 87.000' (87,000 bolivianos) was 'not understood; left blank', and
    a plain '150.000' was read as 150: a budget a thousand times too small, said nowhere. A budget
    column written with dot groups alone is read with dots between thousands, and the report says
    so; `decimal: "."` in the mapping reads them as decimal points."""
    mapping = "title: {column: T}\nplace: {value: Sucre}\ncountry: {value: Bolivia}\nbudget: {column: B}\n"
    mapping += "currency: {value: BOB}\n"
    data = "T,B\nA,Bs 87.000\nB,150.000\nC,Bs. 1.200.000\nD,500\n"
    bundle, report = load(tmp_path, data, mapping)
    assert bundle.projects["budget"].tolist() == [87_000, 150_000, 1_200_000, 500]
    assert set(bundle.projects["currency"]) == {"BOB"} and warned(report) == []
    said = issues(report, INFO)
    assert said[said["column"] == "B"]["reason"].tolist() == [
        "budgets such as '150.000' read with dots between thousands (150,000); give decimal: '.' in the "
        "mapping if the dots are decimal points"]
    points, _ = load(tmp_path, data, mapping + 'decimal: "."\n')
    assert points.projects["budget"].tolist() == [87, 150, 1200000, 500]  # '1.200.000' has groups only
    commas, _ = load(tmp_path, "T,B\nA,\"1.500,50\"\nB,150.000\n", mapping)
    assert commas.projects["budget"].tolist() == [1500.5, 150_000]  # a decimal comma says it
    english, report = load(tmp_path, "T,B\nA,\"1,500.50\"\nB,150.000\n", mapping)
    assert english.projects["budget"].tolist() == [1500.5, 150]  # a decimal point says it
    with pytest.raises(LoadError, match="'decimal' is ';'"):
        load(tmp_path, data, mapping + 'decimal: ";"\n')


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2021-03-05", "2021-03-05"),
        ("2021-03-05T10:00:00Z", "2021-03-05"),
        ("2021-03-05 00:00:00", "2021-03-05"),
        ("2021", "2021"),
        ("2021-03", "2021-03"),
        ("03/2021", "2021-03"),
        ("31.12.2021", "2021-12-31"),
        ("05/03/2021", "2021-03-05"),
        ("March 2021", "2021-03"),
        ("5 March 2021", "2021-03-05"),
        ("March 5, 2021", "2021-03-05"),
        ("2021-02-30", None),
        ("2021-13", None),
        ("soon", None),
        ("1850", None),
    ],
)
def test_dates_to_iso(text, iso):
    assert parse_date(text) == iso


def test_month_first_dates_when_the_mapping_says_so(tmp_path):
    mapping = "title: {column: T}\nplace: {value: Lima}\nstart_date: {column: S}\nend_date: {column: E}\n"
    data = "T,S,E\nA,05/03/2021,2020\nB,someday,12/31/2022\n"
    bundle, report = load(tmp_path, data, mapping + "date_order: mdy\n")
    assert bundle.projects["start_date"].tolist()[0] == "2021-05-03"
    assert bundle.projects["end_date"].tolist()[1] == "2022-12-31"
    assert [reason for _, _, _, reason in warned(report)] == [
        "ends before it starts",
        "date not understood; left blank",
    ]


# --------------------------------------------------------------------------- places and coordinates

COORDINATE_MAPPING = """
title: {column: Title}
place: {column: City}
country: {column: Country}
lat: {column: Lat}
lon: {column: Lon}
"""


def test_coordinates_out_of_range_are_dropped_or_reject_an_unplaced_row(tmp_path):
    data = """Title,City,Country,Lat,Lon
Good,Berlin,DE,52.5,13.4
Too far north,Berlin,DE,95,13.4
Too far east,Berlin,DE,52.5,190
Null island,Berlin,DE,0,0
Only lat,Berlin,DE,52.5,
Decimal comma,Berlin,DE,"52,5","13,4"
Swapped,Berlin,DE,13.4,52.5
Nowhere,,,95,13.4
Placed by coordinates,,,48.137,11.575
"""
    bundle, report = load(tmp_path, data, COORDINATE_MAPPING)
    assert_counts(report, read=9, kept=8)
    assert rejected(report) == {9: "no place: the row names no place or country and has no valid coordinates"}
    projects = bundle.projects.set_index("title")
    assert projects.loc["Good", ["lat", "lon"]].tolist() == [52.5, 13.4]
    assert projects.loc["Decimal comma", ["lat", "lon"]].tolist() == [52.5, 13.4]
    for title in ("Too far north", "Too far east", "Null island", "Only lat"):
        assert projects.loc[title, ["lat", "lon"]].isna().all()
        assert projects.loc[title, "place_id"] == "deu-berlin"
    assert projects.loc["Placed by coordinates", "place_id"] == "deu-munich"
    reasons = [(line, reason) for line, _, _, reason in warned(report)]
    assert reasons[:4] == [
        (3, "latitude outside -90..90; coordinates left blank"),
        (4, "longitude outside -180..180; coordinates left blank"),
        (5, "coordinates 0, 0 are a placeholder, not a place; coordinates left blank"),
        (6, "coordinates need both latitude and longitude as numbers; coordinates left blank"),
    ]
    assert reasons[4][0] == 8 and reasons[4][1].startswith("coordinates are ")
    assert_places_complete(bundle)


def test_places_from_the_store_come_first(tmp_path):
    known = schema.conform(
        "places",
        pd.DataFrame(
            {"place_id": ["gbr-bristol", "gbr-bristol-lawrence-hill"], "name": ["Bristol", "Lawrence Hill"],
             "kind": ["city", "district"], "country_iso3": ["GBR", "GBR"], "lat": [51.45, 51.46],
             "lon": [-2.58, -2.57]}
        ),
    )  # fmt: skip
    mapping = "title: {column: T}\nplace: {column: P}\ncountry: {value: GBR}\n"
    (tmp_path / "m.yml").write_text(mapping, encoding="utf-8")
    (tmp_path / "p.csv").write_text("T,P\nA,lawrence hill\nB,gbr-bristol\nC,Leeds\n", encoding="utf-8")
    report = ImportReport()
    bundle = read_projects(tmp_path / "p.csv", report, ReadOptions(mapping=tmp_path / "m.yml"), known)
    assert bundle.projects["place_id"].tolist() == ["gbr-bristol-lawrence-hill", "gbr-bristol", "gbr-leeds"]
    assert_places_complete(bundle)
    leeds = bundle.places.set_index("place_id").loc["gbr-leeds"]
    assert (leeds["kind"], leeds["country"], leeds["country_iso3"]) == ("city", "GBR", "GBR")


def test_a_city_missing_from_the_gazetteer_is_kept_as_named(tmp_path):
    mapping = "title: {column: T}\nplace: {column: P}\ncountry: {column: C}\n"
    bundle, report = load(tmp_path, "T,P,C\nA,Smallville,Kenya\nB,Nairobi,Narnia\n", mapping)
    assert bundle.projects["place_id"].tolist() == ["ken-smallville", "ken-nairobi"]
    assert [reason for _, _, _, reason in warned(report)] == [
        "city 'Smallville' not found in the gazetteer in KEN; kept as named",
        "country not recognised",
    ]


# --------------------------------------------------------------------------- text, links, ids


def test_free_text_and_html_are_kept_verbatim(tmp_path):
    summary = 'Línea 1\nLigne 2: <b>bold</b> <script>alert("x")</script> & 中文 — ☀'
    data = (
        "ID,Title,Summary,SDGs,City,Country\n"
        + f'1,"<i>Título</i> ñ","{summary.replace(chr(34), 2 * chr(34))}",11,Lima,PE\n'
    )
    bundle, report = load(tmp_path, data, BASIC_MAPPING + "summary: {column: Summary}\n")
    assert bundle.projects["summary"].tolist() == [summary]
    assert bundle.projects["title"].tolist() == ["<i>Título</i> ñ"]
    assert warned(report) == []


@pytest.mark.parametrize(
    "text, link",
    [("https://x.org/a?b=1", "https://x.org/a?b=1"), ("www.x.org", "https://www.x.org"),
     ("misterspex.de", "https://misterspex.de"), ("javascript:alert(1)", None), ("n/a", None)],
)  # fmt: skip
def test_only_web_links_are_kept(text, link):
    assert parse_url(text) == link


def test_duplicate_ids_keep_the_first_row(tmp_path):
    data = "ID,Title,SDGs,City,Country\n7,First,1,Accra,GH\n8,Other,2,Accra,GH\n7,Again,3,Accra,GH\n"
    data += ",,4,Accra,GH\n"
    bundle, report = load(tmp_path, data, BASIC_MAPPING)
    assert_counts(report, read=4, kept=2)
    assert rejected(report) == {4: "duplicate of line 2", 5: "empty title"}
    assert bundle.projects["title"].tolist() == ["First", "Other"]
    frame = issues(report, REJECTED)
    assert frame.loc[0, ["column", "value"]].tolist() == ["project_id", "7"]


def test_made_ids_are_stable_and_repeat_for_the_same_title_and_place(tmp_path):
    mapping = "title: {column: T}\nplace: {column: P}\nid_prefix: x-\n"
    data = "T,P\nSolar schools,Accra\nSolar schools,Kumasi\nSolar schools,Accra\n"
    first, report = load(tmp_path, data, mapping)
    again, _ = load(tmp_path, data, mapping)
    ids = first.projects["project_id"].tolist()
    assert ids == again.projects["project_id"].tolist()
    assert len(ids) == 2 and all(i.startswith("x-solar-schools-") for i in ids)
    assert rejected(report) == {4: "duplicate of line 2"}


def test_numbers_and_links_partly_understood_are_reported(tmp_path):
    mapping = "title: {column: T}\nplace: {value: Pune}\njobs_created: {column: J}\n"
    mapping += "beneficiaries: {column: B}\nurl: {column: U}\n"
    data = 'T,J,B,U\nA,12,"1,500",x.org\nB,-3,many,javascript:alert(1)\n'
    bundle, report = load(tmp_path, data, mapping)
    assert bundle.projects[["jobs_created", "beneficiaries"]].iloc[0].tolist() == [12, 1500]
    assert bundle.projects["url"].tolist()[0] == "https://x.org"
    assert [(column, value) for _, column, value, _ in warned(report)] == [
        ("J", "-3"),
        ("B", "many"),
        ("U", "javascript:alert(1)"),
    ]


# --------------------------------------------------------------------------- file formats


def test_json_object_holding_a_nested_list_with_line_numbers(tmp_path):
    text = """{
  "meta": {"source": "city portal"},
  "data": {
    "projects": [
      {"ref": "p1", "name": "Bus lanes", "location": {"city": "Bogotá", "lat": 4.65, "lon": -74.06},
       "goals": [11]},
      {"ref": "p2", "name": "",
       "location": {"city": "Bogotá"}, "goals": []},
      42
    ]
  }
}"""
    mapping = """
records: data.projects
project_id: {column: ref}
title: {column: name}
goals: {column: goals}
place: {column: location.city}
country: {value: Colombia}
lat: {column: location.lat}
lon: {column: location.lon}
"""
    bundle, report = load(tmp_path, text, mapping, name="export.json")
    assert_counts(report, read=3, kept=1)
    assert rejected(report) == {7: "empty title", 9: "record is not a JSON object"}
    row = bundle.projects.iloc[0]
    assert (row["project_id"], row["place_id"], row["lat"], row["goals"]) == ("p1", "col-bogota", 4.65, "11")


def test_json_without_records_finds_the_only_list(tmp_path):
    text = json.dumps({"count": 1, "items": [{"t": "Kiosk", "c": "Dakar"}]})
    bundle, report = load(tmp_path, text, "title: {column: t}\nplace: {column: c}\n", name="x.json")
    assert bundle.projects["place_id"].tolist() == ["sen-dakar"]
    assert_counts(report, read=1, kept=1)


def test_excel_file(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Exported 2024"])
    sheet.append(["ID", "Title", "SDGs", "City", "Country"])
    sheet.append([1, "Green roofs", "11;13", "Vienna", "Austria"])
    sheet.append([2, "Bike share", 11, "Vienna", "Austria"])
    book.save(tmp_path / "projects.xlsx")
    (tmp_path / "mapping.yml").write_text(BASIC_MAPPING, encoding="utf-8")
    report = ImportReport()
    bundle = read_projects(tmp_path / "projects.xlsx", report, ReadOptions(mapping=tmp_path / "mapping.yml"))
    assert bundle.projects["goals"].tolist() == ["11;13", "11"]
    assert bundle.projects["project_id"].tolist() == ["1", "2"]
    assert_counts(report, read=2, kept=2)


def test_solution_mapping_export_needs_only_its_mapping_file(tmp_path):
    data = (
        "solution_id,title,description,country,lat,lon,sdg_tag_1,sdg_tag_2,sdg_tag_3,stage,website,last_modified\n"
        's1,Clay water filter,"Filters from local clay.",Kenya,-1.2864,36.8172,SDG 6,SDG 3,,Pilot Stage,'
        "filters.example.org,2023-04-12T09:15:00Z\n"
        "s2,Solar dryer,Dries mangoes,Burkina Faso,12.3714,-1.5197,7 - Affordable and clean energy,"
        "SDG 2,SDG 8,Implemented at scale,,\n"
        "s3,Seed bank,Village seed bank,Malawi,-13.9,34.2,15,2,,Unknown,,\n"
    )
    (tmp_path / "solutions.csv").write_text(data, encoding="utf-8")
    report = ImportReport()
    options = ReadOptions(mapping=MAPPINGS / "solution-mapping.yml")
    bundle = read_projects(tmp_path / "solutions.csv", report, options)
    assert_counts(report, read=3, kept=3)
    projects = bundle.projects.set_index("project_id")
    assert projects["goals"].tolist() == ["3;6", "2;7;8", "2;15"]
    assert projects.loc["solution-s1", ["place_id", "status"]].tolist() == ["ken-nairobi", "active"]
    assert projects.loc["solution-s2", ["place_id", "status"]].tolist() == ["bfa-ouagadougou", "scaled"]
    assert projects.loc["solution-s3", "place_id"] == "mwi"  # no city within 30 km: its country
    assert pd.isna(projects.loc["solution-s3", "status"])
    assert projects.loc["solution-s1", "url"] == "https://filters.example.org"
    assert projects.loc["solution-s1", "last_updated"] == "2023-04-12"
    assert warned(report) == [
        (4, "country", "Malawi", "no city within 30 km of the coordinates; placed in the country")
    ]
    assert_places_complete(bundle)
    assert bundle.places.set_index("place_id").loc["mwi", "kind"] == "country"


def test_more_cells_than_the_header_is_rejected(tmp_path):
    data = "ID,Title,SDGs,City,Country\n1,Fine,3,Lima,Peru\n2,Broken,3,Lima,Peru,extra\n"
    _, report = load(tmp_path, data, BASIC_MAPPING)
    assert rejected(report) == {3: "more cells than the header: check the delimiter or quoting"}


# --------------------------------------------------------------------------- broken mappings


@pytest.mark.parametrize(
    "mapping, message",
    [
        ("title: {column: Title}\nplcae: {value: Lima}\n", "unknown key 'plcae' (did you mean 'place'?)"),
        ("place: {value: Lima}\n", "the required key 'title' is missing"),
        ("title: {column: Title}\n", "say where projects are"),
        ("title: Title\nplace: {value: Lima}\n", "'title' must be {column: NAME} or {value: ...}"),
        ("title: {column: T}\nplace: {value: Lima}\nlat: {column: Lat}\n", "'lat' and 'lon' come together"),
        ("title: {column: T}\nplace: {value: Lima}\nsummary: {columns: [A, B]}\n", "'summary' must be"),
        ("title: {column: T}\nplace: {value: Lima}\ngoals: {pattern: '('}\n", "not a valid regular"),
        ("title: {column: T}\nplace: {value: Lima}\nvocabularies: {theme: {Jobs: work}}\n",
         "'vocabularies: theme' maps 'Jobs' to 'work', which is not one of"),
        ("title: {column: T}\nplace: {value: Lima}\nvocabularies: {colour: {}}\n", "unknown key 'colour'"),
        ("title: {column: T}\nplace: {value: Lima}\nrates: missing.csv\n", "rate table"),
        ("title: {column: T}\nplace: {value: Lima}\ndate_order: ymd\n", "'date_order' is 'ymd'"),
        ("title: [unclosed\n", "not valid YAML"),
        ("- just\n- a list\n", "a mapping file must be a set of 'key: value' lines"),
    ],
)  # fmt: skip
def test_broken_mapping_files_stop_with_one_sentence(tmp_path, mapping, message):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, "T,Title\nA,B\n", mapping)
    text = str(caught.value)
    assert message in text
    assert text.endswith(".") and "\n" not in text


@pytest.mark.parametrize(
    "rates, message",
    [("currency,year\nEUR,2020\n", "needs the columns currency, year, usd_per_unit"),
     ("currency,year,usd_per_unit\nEURO,2020,1.1\n", "not a three-letter currency code"),
     ("currency,year,usd_per_unit\nEUR,2020,-1\n", "must be a positive number")],
)  # fmt: skip
def test_broken_rate_tables(tmp_path, rates, message):
    (tmp_path / "rates.csv").write_text(rates, encoding="utf-8")
    mapping = "title: {column: T}\nplace: {value: Lima}\nrates: rates.csv\n"
    with pytest.raises(LoadError, match=message):
        load(tmp_path, "T\nA\n", mapping)


def test_a_column_the_file_lacks_is_named(tmp_path):
    with pytest.raises(LoadError, match="has no column 'SDGs', named by 'goals'"):
        load(tmp_path, "ID,Title,Goals,City,Country\n1,A,3,Lima,PE\n", BASIC_MAPPING)


def test_no_mapping_file(tmp_path):
    (tmp_path / "p.csv").write_text("T\nA\n", encoding="utf-8")
    with pytest.raises(LoadError, match="needs a mapping file"):
        read_projects(tmp_path / "p.csv", ImportReport(), ReadOptions())


def test_shipped_mappings_are_valid():
    from loaders.projects import mapping as projects_mapping

    for path in MAPPINGS.glob("*.yml"):
        assert projects_mapping.load(path).fields["title"].column


# --------------------------------------------------------------------------- the real Berlin list


def read_berlin(realdata: Path, name: str):
    report = ImportReport()
    options = ReadOptions(mapping=MAPPINGS / "berlin-global-goals.yml")
    return read_projects(realdata / BERLIN / name, report, options), report


@pytest.mark.realdata
def test_financing_charts_with_nothing_to_draw_are_their_sentences_alone(realdata, tmp_path):
    """Berlin's 420 projects report no budget, and no place has goal ratings: the financing page drew
    an empty plane with its diagonal and a "0.0% not stated" bar."""
    from dashboard.cli import main
    from loaders.store import Store
    from views import financing

    store = tmp_path / "store"
    assert main(["import", str(realdata / BERLIN / "masterlist.csv"), "--kind", "projects", "--mapping",
                 str(MAPPINGS / "berlin-global-goals.yml"), "--store", str(store), "--quiet"]) in (0, 1)
    views, summary = financing.charts(Store(store).read(), financing.State())
    # none states a budget in any currency: "None of them reports a budget in USD" (the words this
    # test asked for until session 44) read as if they stated budgets in another currency
    assert summary == "420 of 420 projects match, in 1 place. None of them reports a budget."
    assert [view.figure for view in views] == [None, None, None]
    assert [view.summary for view in views] == [
        "No place has goal ratings, so funding cannot be compared with them.",
        "No matching project reports a budget.", "No matching project reports a budget."]
    assert Store(store).read().projects["budget"].isna().all()  # what the sentences say, read back
    assert all(view.table is not None for view in views)  # the numbers behind each sentence


def test_a_project_list_in_a_language_not_told_apart_is_of_no_stated_language(tmp_path):
    """Titles whose words tell no language (Italian: the guess knows five others) are left without
    one rather than stamped English, which a screen reader would voice on a French page."""
    from loaders.sources import read_sources

    rows = ["ID,Title,SDGs,City,Country"] + [f"{n},Piazza verde nella città numero {n},11,Nairobi,Kenya"
                                             for n in range(1, 7)]
    (tmp_path / "projects.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(BASIC_MAPPING, encoding="utf-8")
    options = ReadOptions(kind="projects", mapping=tmp_path / "mapping.yml")
    bundle = read_sources([tmp_path / "projects.csv"], options, ImportReport(), known_places=None)
    assert len(bundle.projects) == 6 and bundle.projects["language"].isna().all()
    told = ReadOptions(kind="projects", mapping=tmp_path / "mapping.yml", language="it", language_stated=True)
    said = read_sources([tmp_path / "projects.csv"], told, ImportReport(), known_places=None)
    assert set(said.projects["language"]) == {"it"}


@pytest.mark.realdata
def test_projects_in_another_language_are_tagged_with_it_for_screen_readers(realdata, tmp_path):
    """Berlin's 420 German titles and summaries were read aloud as English on an English page
    (WCAG 3.1.2, language of parts): the import finds their language, the pages tag them."""
    from dashboard.cli import main
    from dashboard.pages.city_parts import project_section
    from dashboard.static_site.projects_pages import project_records
    from layouts import i18n, projects_cards
    from layouts.static_tree import tree_html
    from loaders.store import Store
    from tests.components import walk
    from views import projects as projects_view

    store_path = tmp_path / "store"
    assert main(["import", str(realdata / BERLIN / "masterlist.csv"), "--kind", "projects", "--mapping",
                 str(MAPPINGS / "berlin-global-goals.yml"), "--store", str(store_path), "--quiet"]) in (0, 1)
    store = Store(store_path).read()
    assert set(store.projects["language"]) == {"de"}
    report = pd.read_csv(next(store_path.glob("versions/*/import_report.csv")))
    assert report["reason"].str.contains("read as written in German (de)", regex=False).any()
    cat = projects_view.context(store)
    skyseed = cat.projects[cat.projects["project_id"] == "global-goals-berlin-1"].iloc[0].to_dict()
    card = projects_cards.project_card(skyseed)
    tagged = [(node.__class__.__name__, node.lang) for node in walk(card) if getattr(node, "lang", None)]
    assert tagged == [("H3", "de"), ("P", "de")]
    page = projects_cards.projects_table(cat, projects_cards.TablePage(np.arange(2), 1, 1, 2, 1, 2), "t")
    assert tree_html(page[0].tree).count('lang="de"') == 2
    city = tree_html(project_section(store, "deu-berlin")[1].tree)
    assert city.count('<span lang="de">') == 25  # the page's first 25 of 420, each tagged
    assert all(record["lang"] == "de" for record in project_records(store))
    # the published list is in the app's first order (no start dates: by title), not the import's
    titles = [record["title"] for record in project_records(store)]
    assert titles == sorted(titles, key=lambda t: projects_cards.ranking.folded(t))
    with i18n.use("fr"):  # on a French page too; the page's own words are not tagged
        assert tree_html(project_section(store, "deu-berlin")[1].tree).count("lang=") == 25
    told = tmp_path / "told"  # --language says otherwise: in the reader's language, nothing to tag
    assert main(["import", str(realdata / BERLIN / "masterlist.csv"), "--kind", "projects", "--mapping",
                 str(MAPPINGS / "berlin-global-goals.yml"), "--store", str(told), "--quiet",
                 "--language", "en"]) in (0, 1)
    english = Store(told).read()
    assert set(english.projects["language"]) == {"en"}
    assert "lang=" not in tree_html(project_section(english, "deu-berlin")[1].tree)
    assert not any("lang" in record for record in project_records(english))


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["masterlist.csv", "sdg_data.json"])
def test_real_berlin_projects(realdata, name):
    bundle, report = read_berlin(realdata, name)
    (count,) = report.counts.values()
    assert count.rows_read == count.rows_kept + count.rows_rejected == 420
    assert count.rows_kept == 420
    projects = bundle.projects.set_index("project_id")
    skyseed = projects.loc["global-goals-berlin-1"]
    assert skyseed["title"] == "Drohnengestützte Wiederaufforstung für resiliente Waldökosysteme"
    assert skyseed["goals"] == "9;13;15"
    assert (skyseed["lat"], skyseed["lon"]) == (pytest.approx(52.4790412), pytest.approx(13.4319106))
    assert skyseed["url"] == "https://www.skyseed.eco"
    assert projects.loc["global-goals-berlin-370", "goals"] == "1;4"  # written '4,1'
    assert set(bundle.projects["place_id"]) == {"deu-berlin"}
    assert bundle.places["place_id"].tolist() == ["deu-berlin"]
    assert projects["lat"].between(52.3, 52.7).all() and projects["lon"].between(13.0, 13.8).all()
    assert (projects["goals"].isna()).sum() == 1  # 'Urban Gardening' has no SDG tag
    assert [reason for _, _, _, reason in warned(report)] == ["no SDG goal given"]


@pytest.mark.realdata
def test_real_berlin_csv_and_json_give_the_same_projects(realdata):
    from_csv, _ = read_berlin(realdata, "masterlist.csv")
    from_json, _ = read_berlin(realdata, "sdg_data.json")
    pd.testing.assert_frame_equal(from_csv.projects, from_json.projects)
    pd.testing.assert_frame_equal(from_csv.places, from_json.places)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[]", "holds an empty list of projects"),
        (
            '{"a": [{"t": 1}], "b": [{"t": 2}]}',
            "holds several lists (a, b); name the projects with 'records:'",
        ),
        ('{"a": 1}', "holds no list of projects"),
        ('[{"t": "x",}]', "is not valid JSON"),
    ],
)
def test_unusable_json(tmp_path, text, message):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, text, "title: {column: t}\nplace: {value: Lima}\n", name="p.json")
    assert message in str(caught.value)


def test_the_documented_example_mapping_is_valid(tmp_path):
    from loaders.projects import mapping as projects_mapping

    text = (paths.REPO_ROOT / "docs" / "projects.md").read_text(encoding="utf-8")
    example = text.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "rates").mkdir()
    (tmp_path / "rates" / "usd.csv").write_text("currency,year,usd_per_unit\nUGX,2024,0.00027\n")
    (tmp_path / "kampala.yml").write_text(example, encoding="utf-8")
    spec = projects_mapping.load(tmp_path / "kampala.yml")
    assert spec.fields["goals"].columns == ("SDG 1", "SDG 2", "SDG 3")
    assert spec.vocabularies["status"]["TBC"] is None
    assert spec.rates.usd_per_unit("UGX", 2024) == 0.00027


def test_a_folder_of_project_lists_reads_each_file_and_a_later_copy_of_an_id_is_rejected(tmp_path):
    """`import FOLDER --kind projects` said "cannot be opened: Is a directory". Each file of the
    folder is read with the mapping; an id a file read earlier kept is rejected in a later file
    as a duplicate of that file's line, as within one file (it was replaced without a word)."""
    from loaders.sources import read_sources

    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "a.csv").write_text("ID,Title,SDGs,City,Country\n7,Solar market,7,Accra,GH\n"
                                  "8,Clean water,6,Accra,GH\n", encoding="utf-8")
    (folder / "b.csv").write_text("ID,Title,SDGs,City,Country\n9,Bike lanes,11,Accra,GH\n"
                                  "7,Solar market again,7,Accra,GH\n", encoding="utf-8")
    (folder / "notes.md").write_text("not data\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(BASIC_MAPPING, encoding="utf-8")
    report = ImportReport()
    options = ReadOptions(kind="projects", mapping=tmp_path / "mapping.yml")
    bundle = read_sources([folder], options, report, known_places=None)
    assert sorted(bundle.projects["project_id"]) == ["7", "8", "9"]
    assert bundle.projects.set_index("project_id").loc["7", "title"] == "Solar market"
    said = issues(report, REJECTED)
    assert said[["file", "line", "reason"]].values.tolist() == [
        [str(folder / "b.csv"), 3, "duplicate of a.csv line 2"]]
    counts = [(c.rows_read, c.rows_kept, c.rows_rejected) for c in report.counts.values()]
    assert counts == [(2, 2, 0), (2, 1, 1)]


@pytest.mark.realdata
def test_berlins_folder_holds_its_list_twice_and_is_imported_once(realdata, tmp_path, capsys):
    from dashboard.cli import main
    from loaders.store import Store

    store = tmp_path / "store"
    assert main(["import", str(realdata / BERLIN), "--kind", "projects", "--mapping",
                 str(MAPPINGS / "berlin-global-goals.yml"), "--store", str(store)]) == 1
    out = capsys.readouterr().out
    assert "masterlist.csv: 420 rows read, 420 kept, 0 rejected" in out
    assert "sdg_data.json: 420 rows read, 0 kept, 420 rejected" in out
    assert "sdg_data.json:2 [project_id] 'global-goals-berlin-1': duplicate of masterlist.csv line 2" in out
    assert len(Store(store).read().projects) == 420


@pytest.mark.parametrize("word, status", [
    ("En ejecución", "active"), ("en ejecucion", "active"), ("CONCLUIDO", "completed"),
    ("En cours", "active"), ("Terminé", "completed"), ("termine", "completed"), ("Annulé", "stopped"),
])
def test_statuses_in_the_shipped_languages_are_known_with_or_without_accents(word, status):
    """A Spanish or French register's status words were warned about and left blank."""
    table = project_vocab.lookup_table("status")
    assert table[project_vocab.vocabulary_key(word)] == status


def test_projects_imported_into_a_store_join_its_places_by_name(tmp_path, capsys):
    """An atlas's places have ids with their department ('bol-oruro-oruro'); a project list naming
    'Oruro' got a second place 'bol-oruro' from the gazetteer, so the city page of the atlas's Oruro
    listed none of its projects. The import now looks in the store's places first, as documented."""
    from dashboard.cli import main
    from loaders.store import Store
    from tests.test_folder_import import small_atlas

    small_atlas(tmp_path / "atlas")
    store = tmp_path / "store"
    assert main(["import", str(tmp_path / "atlas" / "values" / "values.csv"), "--store", str(store),
                 "--country", "BOL", "--quiet"]) == 0
    before = set(Store(store).read().places["place_id"])
    (tmp_path / "projects.csv").write_text("ID,Title,SDGs,City,Country\n1,Solar market,7,Oruro,Bolivia\n"
                                           "2,Clean water,6,Sucre,Bolivia\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(BASIC_MAPPING, encoding="utf-8")
    assert main(["import", str(tmp_path / "projects.csv"), "--kind", "projects", "--mapping",
                 str(tmp_path / "mapping.yml"), "--store", str(store), "--quiet"]) == 0
    data = Store(store).read()
    assert set(data.projects["place_id"]) == {"bol-oruro-oruro", "bol-sucre-chuquisaca"} <= before
    assert set(data.places["place_id"]) == before


def test_a_project_list_s_region_tells_apart_places_of_one_name(tmp_path):
    """Bolivia has a San Javier in Beni and one in Santa Cruz: a project list naming 'San Javier'
    matched neither store place (two of that name) and got a third from the gazetteer. Its
    department (`region:`) now picks the store's own, and a place new to the store keeps it in its
    id and as its area."""
    from loaders.bundle import Bundle
    from loaders.sources import read_sources

    store_places = pd.DataFrame({
        "place_id": ["bol-san-javier-beni", "bol-san-javier-santa-cruz", "bol-oruro-oruro"],
        "name": ["San Javier", "San Javier", "Oruro"], "area": ["Beni", "Santa Cruz", "Oruro"],
        "country_iso3": ["BOL", "BOL", "BOL"], "kind": ["city", "city", "city"]})
    (tmp_path / "projects.csv").write_text(
        "ID,Title,SDGs,City,Department\n1,Solar market,7,San Javier,Santa Cruz\n"
        "2,Clean water,6,San Javier,Beni\n3,Bike lanes,11,San Javier,\n"
        "4,School gardens,2,Villa Tunari,Cochabamba\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(
        "project_id: {column: ID}\ntitle: {column: Title}\ngoals: {column: SDGs}\nplace: {column: City}\n"
        "region: {column: Department}\ncountry: {value: Bolivia}\n", encoding="utf-8")
    options = ReadOptions(kind="projects", mapping=tmp_path / "mapping.yml")
    report = ImportReport()
    bundle: Bundle = read_sources([tmp_path / "projects.csv"], options, report, known_places=None,
                                  store_places=store_places)
    placed = bundle.projects.set_index("project_id")["place_id"]
    assert placed["1"] == "bol-san-javier-santa-cruz" and placed["2"] == "bol-san-javier-beni"
    # No department: neither is chosen, and no third San Javier is made beside them.
    assert "3" not in placed.index
    named = bundle.places.loc[bundle.places["name"].eq("San Javier"), "place_id"]
    assert set(named) <= set(store_places["place_id"])
    [rejected] = [issue for issue in report.issues if issue["line"] == 4]
    assert rejected["severity"] == "rejected" and rejected["column"] == "City"
    assert "2 places of the store are called 'San Javier'" in rejected["reason"]
    assert "bol-san-javier-beni (Beni)" in rejected["reason"]
    assert rejected["reason"].endswith("give the row's region (department, state, province) or place id")
    new = bundle.places.set_index("place_id")
    assert placed["4"] == "bol-villa-tunari-cochabamba" and new.loc[placed["4"], "area"] == "Cochabamba"
    # a city beside a region of its name is the city (São Paulo, the city and the state)
    from loaders.projects.places import PlaceFinder

    both = pd.DataFrame({"place_id": ["bra-sao-paulo", "region-sao-paulo"], "name": ["São Paulo"] * 2,
                         "country_iso3": ["BRA", "BRA"], "kind": ["city", "region"]})
    assert PlaceFinder(both).find("Sao Paulo", "Brazil", None, None).place_id == "bra-sao-paulo"


@pytest.mark.realdata
def test_a_store_of_projects_alone_exports_a_whole_site(realdata, tmp_path):
    """Berlin's register imported alone: the export stopped with "This data holds no scores yet"
    after writing the map page, leaving a menu of links to pages never written and no city page for
    the projects page to link."""
    from dashboard.cli import main
    from tests.static_site_check import broken_links

    store, site = tmp_path / "store", tmp_path / "site"
    assert main(["import", str(realdata / BERLIN / "masterlist.csv"), "--kind", "projects", "--mapping",
                 str(MAPPINGS / "berlin-global-goals.yml"), "--store", str(store), "--quiet"]) in (0, 1)
    assert main(["export-static", str(site), "--store", str(store), "--lang", "en", "--no-pictures",
                 "--jobs", "1", "--quiet"]) == 0
    for name in ("index.html", "rankings.html", "explore.html"):
        assert "This data holds no scores yet." in (site / "en" / name).read_text(encoding="utf-8")
    city = (site / "en" / "city" / "deu-berlin.html").read_text(encoding="utf-8")
    assert "420 projects of this place" in city and 'href="../projects.html#place=deu-berlin"' in city
    broken, checked = broken_links(site)
    assert broken == [] and checked > 50


def test_a_goal_whose_projects_state_no_budget_has_none_in_its_table_not_zero():
    """Berlin's 420 projects state no USD budget, and "Projects by goal" read "$0" for every goal
    beside a sentence saying no project reports one."""
    import numpy as np

    from layouts import projects
    from layouts.projects_figures import goals_part

    goals = np.zeros((3, 17), dtype=bool)
    goals[0, 0] = goals[1, 0] = goals[2, 10] = True  # two projects of goal 1, one of goal 11
    frame = pd.DataFrame({"project_id": ["a", "b", "c"], "budget_usd": [1000.0, None, None]})
    sel = projects.Selection(frame, goals, np.zeros((3, 0), dtype=bool), (), np.arange(3))
    rows = goals_part(sel)[3]().set_index("Goal")["Budget"]
    assert rows.iloc[0] == "$1,000" and rows.iloc[10] == "no USD figure" and rows.iloc[1] == "no USD figure"
