"""Open SDG shapes no shared file shows: SDMX messages with other code lists and layouts, built
sites with JSON data only or by language, map layers of a build, and the encodings and line
ends of hand-made files. Each test writes its small site inline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.opensdg import reader as opensdg
from loaders.options import ReadOptions
from loaders.report import REJECTED, WARNING, ImportReport, LoadError

TESTVILLE = ReadOptions(place="Testville", country="GB")
MES = 'xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
STR = 'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"'
COM = 'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"'


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def read(root: Path, options: ReadOptions = TESTVILLE):
    report = ImportReport()
    return opensdg.read(root, report, options), report


def value(bundle, place: str, indicator: str, year: int, breakdown: str = "") -> list[float]:
    obs = bundle.observations
    hit = obs[(obs["place_id"] == place) & (obs["indicator_id"] == indicator) & (obs["year"] == year)
              & (obs["breakdown"] == breakdown)]
    return hit["value"].tolist()


def codelist(name: str, codes: dict[str, str], parents: dict[str, str] | None = None) -> str:
    parents = parents or {}
    body = "".join(
        f'<str:Code id="{code}"><com:Name xml:lang="fr">{label} (fr)</com:Name>'
        f'<com:Name xml:lang="en">{label}</com:Name>'
        + (f'<str:Parent><Ref id="{parents[code]}"/></str:Parent>' if code in parents else "")
        + "</str:Code>"
        for code, label in codes.items()
    )
    return f'<str:Codelist id="{name}" agencyID="T" version="1.0">{body}</str:Codelist>'


def dsd(series_annotations: str = "") -> str:
    """A small DSD: districts D1, D2 inside the city C0, one annotated series, sex, a unit."""
    series = (
        '<str:Codelist id="CL_SERIES_T" agencyID="T" version="1.0">'
        '<str:Code id="EN_PM25"><com:Annotations><com:Annotation>'
        "<com:AnnotationTitle>Indicator</com:AnnotationTitle><com:AnnotationText xml:lang=\"en\">11.6.2"
        "</com:AnnotationText></com:Annotation><com:Annotation><com:AnnotationType>IndicatorTitle"
        '</com:AnnotationType><com:AnnotationText xml:lang="en">Fine particulate matter</com:AnnotationText>'
        '</com:Annotation></com:Annotations><com:Name xml:lang="en">Annual mean PM2.5</com:Name></str:Code>'
        f'<str:Code id="XX_LOCAL">{series_annotations}<com:Name xml:lang="en">Local count</com:Name>'
        "</str:Code>"
        "</str:Codelist>"
    )

    def dim(name: str, codelist_id: str, position: int) -> str:
        return (
            f'<str:Dimension id="{name}" position="{position}"><str:ConceptIdentity><Ref id="{name}"/>'
            f'</str:ConceptIdentity><str:LocalRepresentation><str:Enumeration><Ref id="{codelist_id}"/>'
            "</str:Enumeration></str:LocalRepresentation></str:Dimension>"
        )

    concepts = "".join(
        f'<str:Concept id="{c}"><com:Name xml:lang="en">{n}</com:Name></str:Concept>'
        for c, n in [("SERIES", "Series"), ("GEO", "Area"), ("SEX", "Sex"), ("UNIT_MEASURE", "Unit"),
                     ("COMMENT_OBS", "Comment")]
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><mes:Structure {MES} {STR} {COM}><mes:Structures>'
        "<str:Codelists>"
        + codelist("CL_AREA_T", {"C0": "Testville", "D1": "North", "D2": "South"}, {"D1": "C0", "D2": "C0"})
        + series
        + codelist("CL_SEX_T", {"_T": "Total", "F": "Female"})
        + codelist("CL_UNIT_T", {"MG": "Micrograms per cubic metre", "NUM": "Number"})
        + "</str:Codelists><str:Concepts><str:ConceptScheme id=\"CS\">" + concepts
        + "</str:ConceptScheme></str:Concepts><str:DataStructures><str:DataStructure id=\"T\">"
        "<str:DataStructureComponents><str:DimensionList>"
        + dim("SERIES", "CL_SERIES_T", 1) + dim("REF_AREA", "CL_AREA_T", 2) + dim("SEX", "CL_SEX_T", 3)
        + '<str:TimeDimension id="TIME_PERIOD"/></str:DimensionList><str:AttributeList>'
        '<str:Attribute id="UNIT_MEASURE"><str:LocalRepresentation><str:Enumeration><Ref id="CL_UNIT_T"/>'
        '</str:Enumeration></str:LocalRepresentation></str:Attribute><str:Attribute id="COMMENT_OBS"/>'
        "</str:AttributeList></str:DataStructureComponents></str:DataStructure></str:DataStructures>"
        "</mes:Structures></mes:Structure>"
    )


STRUCTURE_SPECIFIC = """<?xml version="1.0"?>
<message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
<message:DataSet>
<Series SERIES="EN_PM25" REF_AREA="C0" SEX="_T" UNIT_MEASURE="MG">
  <Obs TIME_PERIOD="2019" OBS_VALUE="12.5"/>
  <Obs TIME_PERIOD="2020" OBS_VALUE="11.0" COMMENT_OBS="provisional"/>
</Series>
<Series SERIES="EN_PM25" REF_AREA="D1" SEX="_T" UNIT_MEASURE="MG">
  <Obs TIME_PERIOD="2019" OBS_VALUE="14"/></Series>
<Series SERIES="EN_PM25" REF_AREA="D2" SEX="F" UNIT_MEASURE="MG">
  <Obs TIME_PERIOD="2019" OBS_VALUE="9.5"/></Series>
<Series SERIES="XX_LOCAL" REF_AREA="C0" SEX="_T" UNIT_MEASURE="NUM">
  <Obs TIME_PERIOD="2019" OBS_VALUE="7"/></Series>
</message:DataSet>
</message:StructureSpecificData>
"""

GENERIC = """<?xml version="1.0"?>
<m:GenericData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
 xmlns:g="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
<m:DataSet>
<g:Series><g:SeriesKey><g:Value id="SERIES" value="EN_PM25"/><g:Value id="REF_AREA" value="D2"/>
<g:Value id="SEX" value="_T"/></g:SeriesKey>
<g:Attributes><g:Value id="UNIT_MEASURE" value="MG"/></g:Attributes>
<g:Obs><g:ObsDimension value="2018"/><g:ObsValue value="15.25"/></g:Obs>
<g:Obs><g:ObsDimension value="2019"/><g:ObsValue value="x1"/></g:Obs>
</g:Series>
</m:DataSet></m:GenericData>
"""

SDMX_CONFIG = """inputs:
  - class: InputSdmxMl_Multiple
    path_pattern: 'data/*.xml'
    dsd: structure/dsd.xml
    indicator_id_map:
      XX_LOCAL: 11.6.1
"""


def test_structure_specific_sdmx_read_with_its_dsd(tmp_path):
    root = write(tmp_path, {"config_data.yml": SDMX_CONFIG, "structure/dsd.xml": dsd(),
                            "data/pm.xml": STRUCTURE_SPECIFIC})
    bundle, report = read(root)
    count = report.count(root / "data" / "pm.xml")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (5, 5, 0)
    places = bundle.places.set_index("code")
    assert places.loc["D1", "name"] == "North" and places.loc["D1", "kind"] == "district"
    assert "C0" not in places.index  # the area containing the others is the city itself
    city = bundle.places.iloc[0]["place_id"]
    assert value(bundle, city, "11-6-2", 2019) == [12.5]
    assert value(bundle, places.loc["D1", "place_id"], "11-6-2", 2019) == [14.0]
    assert value(bundle, places.loc["D2", "place_id"], "11-6-2", 2019, "Sex=Female") == [9.5]
    obs = bundle.observations.set_index(["indicator_id", "year", "place_id"])
    assert "provisional" in obs.loc[("11-6-2", 2020, city), "note"]
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["11-6-2", "name"] == "Fine particulate matter"  # the DSD's IndicatorTitle
    assert indicators.loc["11-6-2", "unit"] == "Micrograms per cubic metre"  # the code's English name
    assert value(bundle, city, "11-6-1", 2019) == [7.0]  # a series mapped by the config
    assert indicators.loc["11-6-1", "name"] == "Local count"


def test_generic_sdmx_without_config_and_a_series_serving_no_indicator(tmp_path):
    root = write(tmp_path, {"dsd.xml": dsd(), "data/a.xml": GENERIC, "data/b.xml": STRUCTURE_SPECIFIC})
    bundle, report = read(root)
    generic = report.count(root / "data" / "a.xml")
    assert (generic.rows_read, generic.rows_kept, generic.rows_rejected) == (2, 1, 1)
    d2 = bundle.places.set_index("code").loc["D2", "place_id"]
    assert value(bundle, d2, "11-6-2", 2018) == [15.25]
    rejected = report.frame()[report.frame()["severity"] == REJECTED]
    assert {"value is not a number", } <= set(rejected["reason"])
    local = rejected[rejected["value"] == "XX_LOCAL"]
    assert len(local) == 1 and "serves no indicator" in local["reason"].iloc[0]
    line = STRUCTURE_SPECIFIC.splitlines().index('  <Obs TIME_PERIOD="2019" OBS_VALUE="7"/></Series>') + 1
    assert local["line"].iloc[0] == line  # the line of its observation in b.xml
    specific = report.count(root / "data" / "b.xml")
    assert specific.rows_read == specific.rows_kept + specific.rows_rejected == 5


def test_sdmx_without_a_structure_definition_keeps_codes(tmp_path):
    root = write(tmp_path, {"config_data.yml": "inputs:\n  - class: InputSdmxMl_Structure\n"
                            "    path_pattern: data/*.xml\n    indicator_id_map:\n      EN_PM25: 11.6.2\n"
                            "    dimension_map:\n      REF_AREA|C0: ''\n      SEX: Gender\n",
                            "data/pm.xml": STRUCTURE_SPECIFIC})
    bundle, report = read(root)
    assert "no SDMX structure definition" in " ".join(report.frame()["reason"])
    assert value(bundle, bundle.places.iloc[0]["place_id"], "11-6-2", 2019) == [12.5]
    assert bundle.indicators.set_index("indicator_id").loc["11-6-2", "unit"] == "MG"
    d2 = bundle.places.set_index("code").loc["D2", "place_id"]
    assert value(bundle, d2, "11-6-2", 2019, "Gender=F") == [9.5]  # the config's dimension_map


def test_sdmx_with_a_document_type_is_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    root = write(tmp_path, {"dsd.xml": dsd(), "data/pm.xml": STRUCTURE_SPECIFIC.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "b">]>')})
    (root / "bomb.xml").write_text(bomb)
    _, report = read(root)
    assert "declares a document type" in report.count(root / "data" / "pm.xml").unreadable


def test_built_site_with_json_data_only(tmp_path):
    columns = {"Year": [2018.0, 2019.0, 2019.0], "GeoCode": [None, None, "W1"], "Value": [3.5, 4, 5]}
    records = [{"Year": 2019, "Series": "Rate", "Units": "Percent", "Value": 10},
               {"Year": 2019, "Series": "Count", "Units": "Number", "Value": 120}]
    root = write(tmp_path, {
        "data/3-2-2.json": json.dumps(columns),
        "data/1-2-1.json": json.dumps(records),
        "meta/3-2-2.json": json.dumps({"indicator_name": "Infant mortality",
                                       "computation_units": "per 1,000"}),
        "meta/all.json": json.dumps({"1-2-1": {"indicator_name": "Poverty"}}),
    })
    bundle, report = read(root)
    city = bundle.places.iloc[0]["place_id"]
    assert value(bundle, city, "3-2-2", 2018) == [3.5]
    assert value(bundle, bundle.places.set_index("code").loc["W1", "place_id"], "3-2-2", 2019) == [5.0]
    assert bundle.observations.set_index("indicator_id").loc["3-2-2", "year_label"].tolist()[0] == "2018"
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["3-2-2", ["name", "unit"]].tolist() == ["Infant mortality", "per 1,000"]
    assert value(bundle, city, "1-2-1-rate", 2019) == [10.0]
    assert indicators.loc["1-2-1-count", "unit"] == "Number"
    assert indicators.loc["1-2-1-count", "name"] == "Poverty: Count"  # from meta/all.json
    count = report.count(root / "data" / "3-2-2.json")
    assert (count.rows_read, count.rows_kept) == (3, 3)


def test_translated_build_with_json_data_and_a_map_layer(tmp_path):
    layer = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"label": "North", "ref": 1.0},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}},
        {"type": "Feature", "properties": {"label": "South", "ref": 2.0},
         "geometry": {"type": "Polygon", "coordinates": [[[0, -1], [1, -1], [1, 0], [0, 0], [0, -1]]]}}]}
    data = {"Year": [2020, 2020], "GeoCode": ["1.0", "2.0"], "Value": [1, 2]}
    root = write(tmp_path, {
        "site/es/data/1-1-1.json": json.dumps(data),
        "site/untranslated/data/1-1-1.json": json.dumps(data),
        "site/untranslated/geojson/barrios/indicator_1-1-1.geojson": json.dumps(layer),
    })
    bundle, _ = read(root / "site", ReadOptions(place="Testville", country="GB", language="es"))
    places = bundle.places.set_index("code")
    assert places.loc["2", "name"] == "South" and places.loc["2", "lat"] == pytest.approx(-0.5, abs=0.01)
    assert len(bundle.boundaries) == 2


def test_source_beside_its_build_reads_the_source(tmp_path):
    root = write(tmp_path, {
        "source/data/indicator_1-1-1.csv": "Year,Value\n2020,5\n",
        "built/data/1-1-1.csv": "Year,Value\n2020,4\n",
    })
    bundle, report = read(root)
    assert bundle.observations["value"].tolist() == [5.0]
    warnings = report.frame()[report.frame()["severity"] == WARNING]
    assert warnings["reason"].str.contains("was read instead of its build").any()


def test_windows_1252_and_bare_cr_line_ends(tmp_path):
    text = "Year,Travel time,Units,Value\r2019,,Percent,40\r2019,15\u201330 minutes,Percent,60\r"
    root = write(tmp_path, {"data/indicator_11-2-1.csv": text.encode("cp1252")})
    bundle, report = read(root)
    city = bundle.places.iloc[0]["place_id"]
    assert value(bundle, city, "11-2-1", 2019) == [40.0]
    assert value(bundle, city, "11-2-1", 2019, "Travel time=15\u201330 minutes") == [60.0]
    count = report.count(root / "data" / "indicator_11-2-1.csv")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (2, 2, 0)


def test_json_that_is_not_a_data_table_is_reported(tmp_path):
    root = write(tmp_path, {"data/1-1-1.json": json.dumps({"Year": [2019, 2020], "Value": [1]}),
                            "data/1-1-2.json": json.dumps({"Year": [2019], "Value": [1]})})
    bundle, report = read(root)
    assert "different lengths" in report.count(root / "data" / "1-1-1.json").unreadable
    assert bundle.observations["indicator_id"].tolist() == ["1-1-2"]


def test_folder_without_open_sdg_data_is_refused(tmp_path):
    write(tmp_path, {"notes.xml": "<notes/>"})
    with pytest.raises(LoadError, match="holds no Open SDG"):
        read(tmp_path)


GENERIC_20 = """<?xml version="1.0"?>
<GenericData xmlns="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message"
 xmlns:generic="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/generic">
<DataSet><generic:Series><generic:SeriesKey>
<generic:Value concept="SERIES" value="EN_PM25"/><generic:Value concept="REF_AREA" value="D1"/>
</generic:SeriesKey>
<generic:Obs><generic:Time>2017</generic:Time><generic:ObsValue value="16.5"/></generic:Obs>
</generic:Series></DataSet></GenericData>
"""

ALL_DIMENSIONS = """<?xml version="1.0"?>
<m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
<m:Header><m:Structure dimensionAtObservation="AllDimensions"/></m:Header>
<m:DataSet>
<Obs SERIES="EN_PM25" REF_AREA="D2" SEX="_T" TIME_PERIOD="2016" OBS_VALUE="17.75" UNIT_MEASURE="MG"/>
</m:DataSet></m:StructureSpecificData>
"""


def test_sdmx_2_0_generic_and_flat_observations(tmp_path):
    root = write(tmp_path, {"dsd.xml": dsd(), "data/old.xml": GENERIC_20, "data/flat.xml": ALL_DIMENSIONS,
                            "data/b.xml": STRUCTURE_SPECIFIC})
    bundle, _ = read(root)
    places = bundle.places.set_index("code")
    assert value(bundle, places.loc["D1", "place_id"], "11-6-2", 2017) == [16.5]
    assert value(bundle, places.loc["D2", "place_id"], "11-6-2", 2016) == [17.75]


def test_sdmx_style_metadata_keys_name_the_indicator(tmp_path):
    root = write(tmp_path, {
        "data/indicator_1-2-1.csv": "Year,Value\n2020,5\n",
        "meta/1-2-1.yml": "SDG_INDICATOR: >-\n  Indicator 1.2.1: Population at risk of poverty\n"
                          "graph_title: global_indicators.1-2-1-title\n",
    })
    bundle, report = read(root)
    assert bundle.indicators.iloc[0]["name"] == "Population at risk of poverty"
    assert not report.frame()["reason"].str.contains("no readable indicator name").any()


def test_one_sdmx_message_or_one_built_json_file_is_recognised(tmp_path):
    from loaders import formats

    root = write(tmp_path, {"dsd.xml": dsd(), "data/pm.xml": STRUCTURE_SPECIFIC,
                            "site/data/3-2-2.json": json.dumps({"Year": [2019], "Value": [4]})})
    assert formats.detect(root / "data" / "pm.xml").NAME == "opensdg"
    assert formats.detect(root / "site" / "data" / "3-2-2.json").NAME == "opensdg"
    bundle, report = read(root / "data" / "pm.xml")
    assert report.count(root / "data" / "pm.xml").rows_read == 5
    assert value(bundle, bundle.places.iloc[0]["place_id"], "11-6-2", 2019) == [12.5]


def test_dsd_names_in_the_language_asked_for(tmp_path):
    root = write(tmp_path, {"dsd.xml": dsd(), "data/pm.xml": STRUCTURE_SPECIFIC})
    bundle, _ = read(root, ReadOptions(place="Testville", country="GB", language="fr"))
    assert bundle.places.set_index("code").loc["D1", "name"] == "North (fr)"
    unit = bundle.indicators.set_index("indicator_id").loc["11-6-2", "unit"]
    assert unit == "Micrograms per cubic metre (fr)"


def test_annotated_value_cells_keep_their_number_and_note(tmp_path):
    root = write(tmp_path, {"data/indicator_3-3-1.csv": "Year,Comment,Value\n2019,survey,<1\n2020,,12 (p)\n"})
    bundle, report = read(root)
    obs = bundle.observations.set_index("year")
    assert obs.loc[2019, "value"] == 1 and obs.loc[2019, "flag"] == "<"
    assert obs.loc[2019, "note"] == "Comment: survey"
    assert (obs.loc[2020, "value"], obs.loc[2020, "note"]) == (12, "p")  # a footnote marker
    assert report.count(root / "data" / "indicator_3-3-1.csv").rows_read == 2


def test_a_build_in_languages_reads_one_folder_in_its_language_and_keeps_the_others(tmp_path):
    """A build with only ca/ and es/: ca/ was read with no word, its Catalan names stored as
    English (shown to English readers unmarked), and the Spanish names dropped."""
    from loaders.importer import import_files
    from loaders.options import ReadOptions
    from loaders.store import Store

    for language, name in (("ca", "Taxa d'atur"), ("es", "Tasa de paro")):
        folder = tmp_path / "built" / language
        (folder / "data").mkdir(parents=True)
        (folder / "meta").mkdir()
        (folder / "data" / "8-5-2.csv").write_text("Year,Value\n2019,12.5\n", encoding="utf-8")
        (folder / "meta" / "8-5-2.json").write_text(json.dumps({"indicator_name": name}), encoding="utf-8")
    store = Store(tmp_path / "store")
    report, _ = import_files(store, [tmp_path / "built"], ReadOptions(place="València", country="ESP"))
    data = store.read()
    indicator = data.indicators.set_index("indicator_id").loc["8-5-2"]
    assert (indicator["name"], indicator["language"]) == ("Taxa d'atur", "ca")
    texts = data.indicator_texts.set_index("language")["name"].to_dict()
    assert texts == {"es": "Tasa de paro"}
    assert any("the build's ca/ folder was read (it has ca, es)" in r for r in report.frame()["reason"])


def test_an_sdmx_data_message_of_another_structure_is_said_so(tmp_path):
    """Eurostat's message (freq, unit, geo; no SERIES) beside no structure file: its own header's
    <Structure> element made it taken for the structure definition ("not an SDMX Structure
    message"), and each row was "the series serves no indicator" with an empty series."""
    from loaders.opensdg import sdmx_structure
    from loaders.options import ReadOptions
    from loaders.report import ImportReport
    from loaders.sources import read_sources

    message = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<message:StructureSpecificData xmlns:message='
        '"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">\n<message:Header><message:Structure '
        'structureID="ESTAT_SDG_11_20" dimensionAtObservation="TIME_PERIOD"/></message:Header>\n'
        '<message:DataSet><Series freq="A" unit="PC" geo="AT">\n<Obs TIME_PERIOD="2019" OBS_VALUE="2.5"/>\n'
        '<Obs TIME_PERIOD="2020" OBS_VALUE="2.7"/></Series></message:DataSet>\n'
        '</message:StructureSpecificData>\n')
    (tmp_path / "site" / "data").mkdir(parents=True)
    data = tmp_path / "site" / "data" / "sdg_11_20.xml"
    data.write_text(message, encoding="utf-8")
    assert not sdmx_structure.is_structure(data)
    report = ImportReport()
    read_sources([tmp_path / "site"], ReadOptions(place="Europe"), report, known_places=None)
    reasons = report.frame()["reason"].tolist()
    assert not any("is not an SDMX Structure message" in r for r in reasons)
    assert reasons.count("the message has no SERIES dimension (it has freq, unit, geo): Open SDG's SDMX "
                         "input ties observations to SDG indicators by their SERIES, so none is read") == 2
