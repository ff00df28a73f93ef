"""Boundary files: sniffing, reprojection, repair, id/name detection, centroids, the join."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from loaders.boundaries import reader as boundaries
from loaders.options import ReadOptions
from loaders.report import WARNING, ImportReport, LoadError

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
BRISTOL_WARDS = REALDATA / "bristol-opensdg" / "geojson" / "Bristol_Wards_(December_2020)_UK_BGC_V2.geojson"


def feature(properties: dict, geometry) -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": None if geometry is None else geometry.__geo_interface__,
    }


def write_geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def wards(tmp_path: Path) -> Path:
    """Two square wards side by side, with ONS-style properties."""
    return write_geojson(
        tmp_path / "wards.geojson",
        [
            feature({"OBJECTID": 1, "WD20CD": "E001", "WD20NM": "North", "WD20NMW": " "}, box(0, 0, 1, 1)),
            feature({"OBJECTID": 2, "WD20CD": "E002", "WD20NM": "South", "WD20NMW": " "}, box(1, 0, 2, 1)),
        ],
    )


def test_sniff_recognises_boundary_files_only(tmp_path):
    assert boundaries.sniff(wards(tmp_path))
    plain = tmp_path / "config.json"
    plain.write_text('{"type": "Settings", "features": []}')
    assert not boundaries.sniff(plain)
    table = tmp_path / "data.csv"
    table.write_text("a,b\n1,2\n")
    assert not boundaries.sniff(table)
    assert not boundaries.sniff(tmp_path)
    not_shapes = tmp_path / "other.zip"
    with zipfile.ZipFile(not_shapes, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert not boundaries.sniff(not_shapes)
    fake_zip = tmp_path / "fake.zip"
    fake_zip.write_text("not a zip")
    assert not boundaries.sniff(fake_zip)


def test_read_detects_code_and_name_columns_and_computes_centroids(tmp_path):
    report = ImportReport()
    bundle = boundaries.read(wards(tmp_path), report, ReadOptions(simplify_tolerance=0))
    places = bundle.places.set_index("code")
    assert list(places.index) == ["E001", "E002"]
    assert places.loc["E001", "name"] == "North"
    assert set(places["kind"]) == {"district"}
    assert places.loc["E001", "lon"] == pytest.approx(0.5, abs=1e-6)
    assert places.loc["E001", "lat"] == pytest.approx(0.5, abs=1e-3)
    assert bundle.sources[0]["id_column"] == "WD20CD"
    assert bundle.sources[0]["name_column"] == "WD20NM"
    assert list(bundle.boundaries.columns) == ["place_id", "code", "geometry"]
    assert bundle.boundaries.crs.to_epsg() == 4326
    count = report.count(tmp_path / "wards.geojson")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (2, 2, 0)


def test_parent_place_gives_district_ids(tmp_path):
    options = ReadOptions(place="Testville", country="GB")
    bundle = boundaries.read(wards(tmp_path), ImportReport(), options)
    assert bundle.places["place_id"].tolist() == ["gbr-testville-e001", "gbr-testville-e002"]
    assert set(bundle.places["parent_id"]) == {"gbr-testville"}
    assert bundle.boundaries["place_id"].tolist() == ["gbr-testville-e001", "gbr-testville-e002"]


def test_projected_file_is_reprojected_to_lon_lat(tmp_path):
    # A 1 km square in British National Grid near Bristol (about -2.59, 51.45).
    frame = gpd.GeoDataFrame(
        {"code": ["A"], "name": ["Square"]}, geometry=[box(358000, 172000, 359000, 173000)], crs="EPSG:27700"
    )
    path = tmp_path / "square.gpkg"
    frame.to_file(path, driver="GPKG")
    assert boundaries.sniff(path)
    bundle = boundaries.read(path, ImportReport(), ReadOptions())
    row = bundle.places.iloc[0]
    assert row["lon"] == pytest.approx(-2.60, abs=0.02)
    assert row["lat"] == pytest.approx(51.45, abs=0.02)
    assert bundle.boundaries.crs.to_epsg() == 4326
    assert bundle.sources[0]["crs"] == "EPSG:27700"


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_zipped_shapefile_without_crs_is_assumed_lon_lat_with_warning(tmp_path):
    frame = gpd.GeoDataFrame({"GEOID": ["06037"], "NAME": ["County"]}, geometry=[box(-118, 34, -117, 35)])
    frame.to_file(tmp_path / "county.shp")
    (tmp_path / "county.prj").unlink(missing_ok=True)
    archive_path = tmp_path / "county.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        for part in tmp_path.glob("county.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    assert boundaries.sniff(archive_path)
    report = ImportReport()
    bundle = boundaries.read(archive_path, report, ReadOptions())
    assert bundle.places["code"].tolist() == ["06037"]
    assert bundle.places["name"].tolist() == ["County"]
    assert any("assumed EPSG:4326" in reason for reason in report.frame()["reason"])


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_projected_coordinates_without_crs_are_refused(tmp_path):
    frame = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(358000, 172000, 359000, 173000)])
    frame.to_file(tmp_path / "grid.shp")
    (tmp_path / "grid.prj").unlink(missing_ok=True)
    with pytest.raises(LoadError, match="no coordinate reference system"):
        boundaries.read(tmp_path / "grid.shp", ImportReport(), ReadOptions())


def test_a_geojson_in_metres_without_its_crs_is_refused(tmp_path):
    """GeoJSON is longitude/latitude by definition, so pyogrio labels it EPSG:4326: Bristol's wards
    saved in the British National Grid without a `crs` member were read as degrees, and the wards
    lost their positions and their map."""
    square = feature({"code": "A"}, box(358000, 172000, 359000, 173000))
    path = write_geojson(tmp_path / "grid.geojson", [square])
    with pytest.raises(LoadError, match=r"grid.geojson gives its coordinates as longitude/latitude "
                                        r"\(WGS 84\), but they reach 359,000: they are projected"):
        boundaries.read(path, ImportReport(), ReadOptions())
    # longitudes past 180 (the Chatham Islands at 183.5, in 0 to 360 degrees) are still degrees
    wellington, chatham = box(174.6, -41.4, 174.8, -41.2), box(183.3, -44.1, 183.5, -43.9)
    islands = write_geojson(tmp_path / "nz.geojson", [feature({"code": "A"}, wellington),
                                                      feature({"code": "B"}, chatham)])
    assert len(boundaries.read(islands, ImportReport(), ReadOptions()).places) == 2


def test_a_code_property_with_a_repeat_or_a_blank_stays_the_id(tmp_path):
    """One ward drawn as two features, or one without its code, made the code property lose to
    OBJECTID: every ward was keyed by its row number, and the file said nothing."""
    features = [feature({"OBJECTID": n, "WD20CD": code, "WD20NM": name}, box(n, 0, n + 1, 1))
                for n, (code, name) in enumerate([("E001", "North"), ("E002", "South"), ("E002", "South"),
                                                  ("E003", "East"), ("", "West"), *((f"E1{n:02d}", f"W{n}")
                                                                                   for n in range(20))])]
    report = ImportReport()
    bundle = boundaries.read(write_geojson(tmp_path / "w.geojson", features), report, ReadOptions())
    assert bundle.sources[0]["id_column"] == "WD20CD"
    assert bundle.places["code"].tolist()[:3] == ["E001", "E002", "E003"] and len(bundle.places) == 23
    said = report.frame().set_index("reason")
    assert said.loc["1 codes appear on several features; their parts were merged", "value"] == "E002"
    assert said.loc["feature has no WD20CD", "line"] == 5


@pytest.mark.filterwarnings("ignore:Non closed ring detected:RuntimeWarning")
def test_one_unreadable_geometry_rejects_its_feature_not_the_file(tmp_path):
    """A ring of two points made GDAL refuse the whole file ("cannot be read as a boundary file"),
    its other features with it, and named no feature."""
    bad = {"type": "Feature", "properties": {"code": "C"},
           "geometry": {"type": "Polygon", "coordinates": [[[13.5, 52.45], [13.6, 52.45]]]}}
    path = write_geojson(tmp_path / "bad.geojson", [feature({"code": "A"}, box(13.3, 52.4, 13.4, 52.5)), bad,
                                                     feature({"code": "B"}, box(13.4, 52.4, 13.5, 52.5))])
    report = ImportReport()
    bundle = boundaries.read(path, report, ReadOptions(boundary_id="code"))
    assert bundle.places["code"].tolist() == ["A", "B"]
    issue = report.frame().iloc[0]
    assert (issue["line"], issue["value"]) == (2, "C")
    assert issue["reason"].startswith("feature's geometry cannot be read: A linearring requires")


def test_a_file_of_several_layers_reads_the_one_named_and_says_which_others_it_holds(tmp_path):
    """A GeoPackage of districts and neighbourhoods: only the first layer was read, and nothing
    said the other was there; --sheet did not choose it."""
    path = tmp_path / "two.gpkg"
    for layer, codes in (("districts", ["A", "B"]), ("neighbourhoods", ["N1", "N2", "N3"])):
        gpd.GeoDataFrame({"code": codes}, geometry=[box(n, 0, n + 1, 1) for n in range(len(codes))],
                         crs="EPSG:4326").to_file(path, layer=layer, driver="GPKG")
    report = ImportReport()
    assert boundaries.read(path, report, ReadOptions()).places["code"].tolist() == ["A", "B"]
    assert any("2 layers (districts, neighbourhoods): the first, 'districts', was read" in r
               for r in report.frame()["reason"])
    chosen = boundaries.read(path, ImportReport(), ReadOptions(sheet="neighbourhoods"))
    assert chosen.places["code"].tolist() == ["N1", "N2", "N3"]
    with pytest.raises(LoadError, match="has no layer 'wards'; its layers are: districts, neighbourhoods"):
        boundaries.read(path, ImportReport(), ReadOptions(sheet="wards"))


def test_points_place_their_features_but_outline_nothing(tmp_path):
    """A file of points was stored as outlines: a flat grey map with dots, and no word that the
    file held no areas."""
    from shapely.geometry import Point

    path = write_geojson(tmp_path / "points.geojson", [feature({"code": "P0"}, Point(13.3, 52.5)),
                                                       feature({"code": "A"}, box(13.4, 52.4, 13.5, 52.5))])
    report = ImportReport()
    bundle = boundaries.read(path, report, ReadOptions(boundary_id="code"))
    assert bundle.places["code"].tolist() == ["P0", "A"] and bundle.places["lat"].notna().all()
    assert bundle.boundaries["code"].tolist() == ["A"]
    assert report.frame()["reason"].tolist() == [
        "1 features are Point, not areas: their places are placed at them, without an outline"]


def test_invalid_geometry_is_repaired_and_reported(tmp_path):
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    path = write_geojson(tmp_path / "bad.geojson", [feature({"code": "X1", "name": "Bow"}, bowtie)])
    report = ImportReport()
    bundle = boundaries.read(path, report, ReadOptions(simplify_tolerance=0))
    assert bundle.boundaries.geometry.is_valid.all()
    assert bundle.boundaries.geometry.iloc[0].area == pytest.approx(0.5)
    assert "repaired" in report.frame()["reason"].iloc[0]


def test_simplify_tolerance_is_applied_and_recorded(tmp_path):
    wiggly = Polygon([(x / 100, 0.001 * (x % 2)) for x in range(101)] + [(1, 1), (0, 1)])
    path = write_geojson(tmp_path / "wiggly.geojson", [feature({"code": "W"}, wiggly)])
    bundle = boundaries.read(path, ImportReport(), ReadOptions(simplify_tolerance=0.01))
    assert bundle.sources[0]["simplify_tolerance"] == 0.01
    assert len(bundle.boundaries.geometry.iloc[0].exterior.coords) < 10


def test_feature_without_geometry_is_rejected_with_its_number(tmp_path):
    path = write_geojson(
        tmp_path / "gap.geojson",
        [
            feature({"code": "A"}, box(0, 0, 1, 1)),
            feature({"code": "B"}, None),
        ],
    )
    report = ImportReport()
    bundle = boundaries.read(path, report, ReadOptions(boundary_id="code"))
    assert bundle.places["code"].tolist() == ["A"]
    issue = report.frame().iloc[0]
    assert (issue["line"], issue["reason"]) == (2, "feature has no geometry")
    count = report.count(path)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (2, 1, 1)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist"),
        ("this is not json", "cannot be read as a boundary file"),
    ],
)
def test_unreadable_files_raise_one_sentence(tmp_path, content, message):
    path = tmp_path / "broken.geojson"
    if content is not None:
        path.write_text(content)
    with pytest.raises(LoadError, match=message) as error:
        boundaries.read(path, ImportReport(), ReadOptions())
    assert "\n" not in str(error.value)


def test_file_with_no_geometries_is_refused(tmp_path):
    path = write_geojson(tmp_path / "empty.geojson", [feature({"code": "A"}, None)])
    with pytest.raises(LoadError, match="no geometries"):
        boundaries.read(path, ImportReport(), ReadOptions())


def test_unknown_id_property_lists_the_properties(tmp_path):
    with pytest.raises(LoadError, match="no property 'ward_code'.*WD20CD"):
        boundaries.read(wards(tmp_path), ImportReport(), ReadOptions(boundary_id="ward_code"))


def test_join_keeps_matches_and_reports_both_kinds_of_miss(tmp_path):
    frame, _ = boundaries.read_frame(wards(tmp_path), ImportReport(), ReadOptions())
    report = ImportReport()
    joined = boundaries.join_boundaries(frame, pd.Series(["E001", "E009", "", None]), report, "w.geojson")
    assert joined["code"].tolist() == ["E001"]
    issues = report.frame()
    assert (issues["severity"] == WARNING).all()
    assert issues["value"].tolist() == ["E009", "E002"]
    assert issues["reason"].iloc[0].startswith("1 place codes in the data have no boundary")
    assert issues["reason"].iloc[1].startswith("1 of 2 boundaries have no data")


@pytest.mark.realdata
def test_bristol_wards():
    if not BRISTOL_WARDS.exists():
        pytest.skip(f"real data not found at {BRISTOL_WARDS}")
    report = ImportReport()
    bundle = boundaries.read(BRISTOL_WARDS, report, ReadOptions(place="Bristol", country="GB"))
    places = bundle.places.set_index("code")
    assert len(places) == 34
    assert bundle.sources[0]["id_column"] == "WD20CD"
    assert places.loc["E05010885", "name"] == "Ashley"
    assert places.loc["E05010885", "place_id"] == "gbr-bristol-e05010885"
    # ONS publishes each ward's centroid as LONG/LAT: ours must agree.
    assert places.loc["E05010885", "lon"] == pytest.approx(-2.58081, abs=0.005)
    assert places.loc["E05010885", "lat"] == pytest.approx(51.46883, abs=0.005)
    assert bundle.boundaries.geometry.is_valid.all()
    count = report.count(BRISTOL_WARDS)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (34, 34, 0)


def test_outlines_coded_like_a_store_s_places_are_those_places(tmp_path, capsys):
    """An atlas keeps each municipality's official code; a boundary file keyed by it made a new,
    empty place of every outline beside the atlas's own. Outlines now go to the store's place of
    their code, which takes the outline's centre where it had no coordinates (so the map draws it);
    an outline of no store place stays a place of its own."""
    from dashboard.cli import main
    from loaders.store import Store

    folder = tmp_path / "atlas"
    (folder / "values").mkdir(parents=True)
    (folder / "names").mkdir()
    columns = ["asdf_id", *(f"sdg{goal}_1_x" for goal in range(1, 11))]
    rows = [[key, *(10 * key + goal for goal in range(1, 11))] for key in range(2)]
    (folder / "values" / "values.csv").write_text(
        "\n".join(",".join(map(str, row)) for row in [columns, *rows]) + "\n", encoding="utf-8")
    (folder / "names" / "names.csv").write_text(
        "asdf_id,mun,mun_id,dep\n0,Villa Inventada,10101,Chuquisaca\n1,Pueblo Nuevo Imaginario,20202,Oruro\n",
        encoding="utf-8")
    store = tmp_path / "store"
    assert main(["import", str(folder / "values" / "values.csv"), "--store", str(store), "--country", "BOL",
                 "--quiet"]) in (0, 1)
    before = Store(store).read().places.set_index("place_id")
    assert before["lat"].isna().all() and set(before["code"]) == {"10101", "20202"}
    outlines = write_geojson(tmp_path / "municipios.geojson", [
        feature({"CODIGO": "10101", "NOMBRE": "Villa Inventada"}, box(-65.3, -19.1, -65.1, -18.9)),
        feature({"CODIGO": "20202", "NOMBRE": "Pueblo Nuevo"}, box(-67.2, -18.0, -67.0, -17.8)),
        feature({"CODIGO": "99999", "NOMBRE": "Otro"}, box(-66.2, -17.5, -66.0, -17.3)),
    ])
    assert main(["import", str(outlines), "--boundary-kind", "city", "--country", "BOL",
                 "--store", str(store), "--report", str(tmp_path / "r.csv")]) == 0
    data = Store(store).read()
    after = data.places.set_index("place_id")
    assert set(before.index) < set(after.index) and len(after) == len(before) + 1
    assert after.loc[before.index, "name"].tolist() == before["name"].tolist()  # kept their rows
    assert after.loc[before.index, "lat"].round(1).tolist() == [-19.0, -17.9]
    assert set(data.boundaries["place_id"]) == {*before.index, "bol-99999"}
    said = pd.read_csv(tmp_path / "r.csv")
    assert said["reason"].str.contains("2 of 3 outlines are of places the store has", regex=False).any()


def test_join_reads_codes_with_leading_zeros_as_the_data_s(tmp_path):
    """A district file coded '01'..'19' beside data coded 1..19: 9 of 19 districts had no outline."""
    frame, _ = boundaries.read_frame(wards(tmp_path), ImportReport(), ReadOptions())
    frame = frame.assign(code=["01", "002"][: len(frame)])
    report = ImportReport()
    joined = boundaries.join_boundaries(frame, pd.Series(["1", "2"]), report, "w.geojson")
    assert sorted(joined["code"]) == ["1", "2"] and report.frame().empty
    # a number two boundary codes share ('1' and '01') is left as it is: neither is taken
    frame = frame.assign(code=["1", "01"][: len(frame)])
    joined = boundaries.join_boundaries(frame, pd.Series(["1"]), ImportReport(), "w.geojson")
    assert joined["code"].tolist() == ["1"]


def test_outlines_coded_with_leading_zeros_are_the_store_s_places():
    """València's districts stored as 1..19 and a district file coded '01'..'19': 10 of 19 outlines
    were the store's places, 9 new empty districts beside them."""
    from loaders.bundle import Bundle

    stored = pd.DataFrame({"place_id": ["esp-valencia-d1", "esp-valencia-d10"],
                           "name": ["Ciutat Vella", "Quatre"], "code": ["1", "10"],
                           "country_iso3": ["ESP", "ESP"], "lat": [None, None], "lon": [None, None],
                           "kind": ["district", "district"]})
    new = pd.DataFrame({"place_id": ["esp-01", "esp-10"], "name": ["CIUTAT VELLA", "QUATRE"],
                        "code": ["01", "10"], "country_iso3": ["ESP", "ESP"], "lat": [39.47, 39.45],
                        "lon": [-0.37, -0.36], "kind": ["district", "district"]})
    bundle = Bundle(places=new)
    bundle.boundaries = pd.DataFrame({"place_id": ["esp-01", "esp-10"]})
    out = boundaries.onto_store_places(bundle, stored, ImportReport(), "districts.geojson")
    assert sorted(out.places["place_id"]) == ["esp-valencia-d1", "esp-valencia-d10"]
    assert sorted(out.boundaries["place_id"]) == ["esp-valencia-d1", "esp-valencia-d10"]
