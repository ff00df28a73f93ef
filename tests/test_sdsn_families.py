"""Every SDSN file in ../shared/realdata read with no mapping and no options (format detected by content),
each read and scored once per module: a known value per file, rows read = kept + rejected, and what of
SDSN's published results reproduces (the figures of docs/methodology.md). Run with -s to print them."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders import formats
from loaders.options import ReadOptions
from loaders.report import ImportReport
from loaders.scoring import compare, score_store
from loaders.sdsn import reader as sdsn
from loaders.sdsn.pillars import pillar_scores
from tests.conftest import REALDATA

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

FILES = {
    "sdr2020": "sdsn-sdr-2020-global/SDR2020Database.xlsx",
    "sdr2021": "sdsn-sdr-2021-global/SDR 2021 - Database.xlsx",
    "benin_sub": "sdsn-benin-subnational-2023/Database-Benin-Infranationale-2023.xlsx",
    "benin_reg": "sdsn-benin-subnational-2023/Database-Benin-Regional-2023.xlsx",
    "us_states": "sdsn-us-states-2018/SDGUSA.xlsx",
    "africa": "sdsn-africa-index-2019/countries.csv",
    "bolivia": "sdsn-bolivia-municipal-atlas-2020/sdgVariables/sdgVariables.csv",
}


@pytest.fixture(scope="module")
def family():
    """imported(name): each file detected, read, scored and compared once per module."""
    cache: dict = {}
    return lambda name: cache[name] if name in cache else cache.setdefault(name, imported(name))


def imported(name: str) -> dict:
    """Detect, read, score and compare one file."""
    path = REALDATA / FILES[name]
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (it is always present in CI)")
    assert formats.detect(path).NAME == "sdsn"
    report = ImportReport()
    bundle, published = sdsn.load(path, report, ReadOptions())
    scores = score_store(bundle.places, bundle.indicators, bundle.observations, bundle.options)
    years = set(scores["indicator_scores"]["year"])
    edition = bundle.options["edition_year"]
    # Published results belong to the edition; where every value is dated earlier (Benin 2023:
    # latest data 2022) the scorer's latest year holds the same latest values.
    year = edition if edition in years else max(years)
    published = {k: v.assign(year=year) if "year" in v else v for k, v in published.items()}
    compared = compare.cells(scores, published, year)
    compared = {m: c for m, c in compared.items() if len(c)}
    table = pd.DataFrame(
        {
            "compared": [len(c) for c in compared.values()],
            "agree": [int(c["agree"].sum()) for c in compared.values()],
        },
        index=pd.Index(list(compared), name="measure"),
    )
    print(f"\n{name}: {report.summary()}\n{table.to_string()}")
    return {
        "path": path,
        "bundle": bundle,
        "published": published,
        "report": report,
        "scores": scores,
        "compared": compared,
        "table": table,
    }


FIGURES = {
    "sdr2020": {
        "indicator score": (13_071, 13_071),
        "indicator colour": (22_195, 22_035),
        "goal score": (2_751, 2_562),
        "index score": (166, 13),
        "index rank": (166, 58),
    },
    "sdr2021": {
        "indicator score": (14_070, 13_913),
        "indicator colour": (23_160, 23_001),
        "goal score": (2_738, 2_551),
        "index score": (165, 18),
        "index rank": (165, 44),
    },
    "benin_sub": {"indicator colour": (585, 585), "indicator arrow": (364, 318)},
    "benin_reg": {
        "indicator score": (1_208, 1_208),
        "indicator colour": (1_425, 1_425),
        "goal score": (218, 218),
        "goal colour": (255, 255),
        "index score": (13, 13),
    },
    "us_states": {"indicator colour": (5_150, 16), "goal score": (750, 0), "index score": (50, 0)},
    "africa": {"indicator colour": (5_238, 419), "goal score": (884, 4), "index score": (52, 0)},
    "bolivia": {"goal score": (5_085, 222), "index score": (339, 0)},
}
"""Cells compared and cells that agree, per file and measure: the table in docs/methodology.md."""


@pytest.mark.parametrize("name", list(FIGURES))
def test_reproduction_figures_of_the_methodology_table(family, name):
    result = family(name)
    assert {m: agree(result, m) for m in FIGURES[name]} == FIGURES[name]


def obs_value(bundle, place: str, indicator: str, year: int) -> float:
    return bundle.observations.set_index(["place_id", "indicator_id", "year"]).loc[
        (place, indicator, year), "value"
    ]


def counts_add_up(report: ImportReport) -> dict[str, tuple[int, int, int]]:
    out = {}
    for key, count in report.counts.items():
        assert count.rows_kept + count.rows_rejected == count.rows_read
        out[key.split("[")[-1].rstrip("]") if "[" in key else "file"] = (
            count.rows_read,
            count.rows_kept,
            count.rows_rejected,
        )
    return out


def agree(result: dict, measure: str) -> tuple[int, int]:
    table = result["table"]
    return int(table.loc[measure, "compared"]), int(table.loc[measure, "agree"])


@pytest.mark.parametrize("year", ["sdr2020", "sdr2021"])
def test_sdr_workbooks_read_by_content(family, year):
    result = family(year)
    rows = counts_add_up(result["report"])
    bundle = result["bundle"]
    assert len(bundle.places) == 193 and set(bundle.places["kind"]) == {"country"}
    if year == "sdr2020":
        assert rows["Codebook"] == (115, 115, 0) and rows["SDR2020 Data"] == (204, 193, 11)
        assert rows["Raw Trend Data"] == (4053, 4053, 0)
        assert obs_value(bundle, "afg", "sdg2_undernsh", 2000) == pytest.approx(46.1)
    else:
        assert rows["Codebook"] == (120, 120, 0) and rows["SDR2021 Data"] == (205, 193, 12)
        assert obs_value(bundle, "ago", "sdg1_wpc", 2021) == pytest.approx(53.85)  # dated by 'Year: sdg1_wpc'
    rejected = result["report"].frame().query("severity == 'rejected'")
    assert set(rejected["reason"]) == {"aggregate of several countries (SDSN group row), not a place"}
    assert len(bundle.options["index_indicators"]) == (85 if year == "sdr2020" else 92)  # codebook 'Global'
    assert bundle.options["trend_series"]["sdg2_stunting"] == "sdg2_stuntihme"


def test_sdr_2020_and_2021_reproduce_normalised_scores_but_not_sdg16(family):
    r2020, r2021 = family("sdr2020"), family("sdr2021")
    assert agree(r2020, "indicator score") == (13_071, 13_071)
    compared, computed = agree(r2021, "indicator score")
    bad = r2021["compared"]["indicator score"].query("not agree")
    assert (compared, computed) == (14_070, 13_913) and set(bad["indicator_id"]) == {"sdg16_safe"}
    # sdg16_safe is in the index set, but its raw value cells are empty in both data sheets:
    for result in (r2020, r2021):
        assert "sdg16_safe" not in set(result["bundle"].observations["indicator_id"])
        goals = result["compared"]["goal score"].query("not agree")
        assert set(goals["goal"]) == {4, 16} and (goals["goal"] == 16).sum() == 157
    assert agree(r2020, "index score")[1] < 20 and agree(r2021, "index score")[1] < 20


def test_benin_subnational_units_and_pillar_scores_reproduce(family):
    result = family("benin_sub")
    rows = counts_add_up(result["report"])
    assert rows["Base Complète"] == (13, 13, 0) and rows["Données brutes"] == (130, 130, 0)
    places = result["bundle"].places.set_index("place_id")
    assert places.loc["ben", "kind"] == "country" and (places["kind"] == "region").sum() == 12
    assert set(places["country_iso3"]) == {"BEN"}  # from the title 'Rapport ... pour le Bénin 2023'
    assert obs_value(result["bundle"], "region-alibori", "lnb1_accouch", 2021) == pytest.approx(71.232)
    indicators = result["bundle"].indicators.set_index("indicator_id")
    assert indicators.loc["lnb1_lits", ["best", "worst", "direction"]].tolist() == [200, 5769, "lower"]
    year = int(result["scores"]["indicator_scores"]["year"].max())
    computed = pillar_scores(result["scores"]["indicator_scores"], result["bundle"].options["pillars"], year)
    both = computed.merge(
        result["published"]["pillar_scores"], on=["place_id", "pillar"], suffixes=("", "_pub")
    )
    assert (
        len(both) == 52 and (both["score"] - both["score_pub"]).abs().max() < 0.001
    )  # published to 3 decimals


def test_benin_regional_reproduces_scores_and_colours(family):
    result = family("benin_reg")
    rows = counts_add_up(result["report"])
    # 'Pays CEDEAO' names the ECOWAS countries as a group: its row and its 24 time-series rows are
    # rejected as an aggregate, not ranked as a 16th country
    assert rows["Base complète"] == (16, 15, 1) and rows["Données brutes"] == (384, 360, 24)
    report = result["report"].frame()
    rejected = report[report["reason"].str.startswith("aggregate of several countries (named as a group")]
    assert len(rejected) == 25 and set(rejected["value"]) == {"Pays CEDEAO"}
    bundle = result["bundle"]
    assert obs_value(bundle, "ben", "sdg1_wpc", 2023) == pytest.approx(13.44)
    assert obs_value(bundle, "bfa", "sdg3_matmort", 2000) == pytest.approx(505.6)
    assert agree(result, "indicator score") == (1208, 1208)
    assert agree(result, "indicator colour") == (1425, 1425)
    assert agree(result, "goal score") == (218, 218) and agree(result, "goal colour") == (255, 255)
    # Burkina Faso, Mali and Niger are landlocked: SDSN publishes no SDG 14 score for them, though
    # the file holds an SDG 14 value of each (1 of 5 indicators), and fills the goal in their index
    # with the region's mean its goal14_reg column states. Their goal took that one value (99.8)
    # and their index was 2.5 points off; now none is scored and all 13 indices agree.
    assert agree(result, "index score") == (13, 13)
    published_goals = result["published"]["goal_scores"].set_index(["place_id", "goal"])["score"]
    assert all(pd.isna(published_goals.loc[(place, 14)]) for place in ("bfa", "mli", "ner"))
    goals = result["scores"]["goal_scores"].set_index(["place_id", "goal", "year"])["score"]
    assert all(pd.isna(goals.loc[(place, 14, 2023)]) for place in ("bfa", "mli", "ner"))
    stated = result["bundle"].options["missing_goal_values"]
    assert list(stated) == [result["path"].name]
    assert stated[result["path"].name]["14"] == pytest.approx(57.644091)
    # stated for the edition: earlier years fill the goal with the mean over the coastal countries
    assert result["bundle"].options["missing_goal_years"] == {result["path"].name: 2023}
    index = result["scores"]["index"].set_index(["place_id", "year"])
    coastal = goals.xs(14, level="goal").xs(2020, level="year").dropna()
    ranked_2020 = index.xs(2020, level="year").query("ranked").index
    mean_2020 = coastal[coastal.index.isin(ranked_2020)].mean()
    mali = goals.xs("mli", level="place_id").xs(2020, level="year").dropna()
    assert index.loc[("mli", 2020), "score"] == pytest.approx((mali.sum() + mean_2020) / (len(mali) + 1))
    # the codebook names each indicator in French ('Indicateur') and English ('Indicator_EN') and
    # describes it in French: the French names were dropped, and the French descriptions kept as
    # English text
    texts = bundle.indicator_texts.set_index("indicator_id")
    assert len(texts) == len(bundle.indicators.query("indicator_id in @texts.index")) == 96
    assert texts.loc["sdg1_wpc", "language"] == "fr"
    assert texts.loc["sdg1_wpc", "name"].startswith("Ratio de la population pauvre disposant de moins")
    assert texts.loc["sdg1_wpc", "description"].startswith("Pourcentage estimé de la population")
    english = bundle.indicators.set_index("indicator_id")
    assert english.loc["sdg1_wpc", "name"] == "Poverty headcount ratio at $2.15/day (2017 PPP, %)"
    assert english["description"].isna().all()
    # the codebook lists sdg5_fplmodel, the trend series of sdg5_familypl: a series, not a second indicator
    assert result["bundle"].options["trend_series"] == {"sdg5_familypl": "sdg5_fplmodel"}
    assert "sdg5_fplmodel" not in result["bundle"].options["index_indicators"]


def test_us_states_colours_are_decoded_by_the_legend(family):
    result = family("us_states")
    assert counts_add_up(result["report"])["Data"] == (50, 50, 0)  # of a sheet dimensioned 65,536 rows
    bundle, published = result["bundle"], result["published"]
    assert len(bundle.places) == 50 and set(bundle.places["country_iso3"]) == {"USA"}
    assert obs_value(bundle, "region-alabama", "sdg1v1_affordablehousing", 2015) == 61  # 'Date of Data'
    colours = published["indicator_scores"].set_index(["place_id", "indicator_id"])["colour"]
    assert colours[("region-alabama", "sdg1v1_affordablehousing")] == "yellow"  # 2 in the legend
    assert set(colours) == {"red", "orange", "yellow", "green", "grey"}
    index = published["index"].set_index("place_id")
    assert index.loc["region-alabama", "rank"] == 47
    assert bundle.indicators["best"].isna().all()  # no bounds in the file: not reproducible


def test_us_states_directions_come_from_the_published_colours(family):
    """The US workbook's codebook states no direction or bounds: each indicator's direction is read
    from how its values rise or fall with the colours SDSN published, so the working poor and
    incomplete plumbing are scored lower-is-better (they were scored as if more were better). The
    bounds still come from the data, so the scores are not SDSN's, but the ranking nearly is."""
    result = family("us_states")
    directions = result["bundle"].indicators.set_index("indicator_id")["direction"]
    assert directions["sdg1v7_workingpoor"] == "lower" and directions["sdg6v2_IncompletePlumbing"] == "lower"
    assert directions["sdg3v5_lifeexp"] == "higher" and directions.notna().all()
    said = result["report"].frame()["reason"]
    assert said.str.contains("states no direction or bounds: '(?:lower|higher) is better' inferred from "
                             "published colours").sum() >= 90
    index = result["scores"]["index"]
    ours = index[index["year"] == index["year"].max()].set_index("place_id")["score"]
    theirs = result["published"]["index"].set_index("place_id")
    both = theirs.join(ours.rename("ours"), how="inner")
    assert len(both) == 50
    assert both["ours"].rank().corr(both["score"].rank()) > 0.98
    assert (both["ours"].rank(ascending=False) - both["rank"]).abs().max() <= 5


def test_africa_flattened_table(family):
    result = family("africa")
    assert counts_add_up(result["report"])["file"] == (54, 54, 0)
    bundle = result["bundle"]
    assert obs_value(bundle, "ago", "sdg1_01", 2019) == pytest.approx(30.7772289766211)
    assert {"sdg3_01", "sdg3_10"} <= set(bundle.indicators["indicator_id"])  # '3.1' is indicator 10
    arrows = result["published"]["indicator_scores"].set_index(["place_id", "indicator_id"])["arrow"]
    assert arrows[("ago", "sdg1_01")] == "decreasing"
    assert agree(result, "index score")[1] == 0  # no bounds in the file: not reproducible


def test_bolivia_atlas_joined_to_its_names(family):
    result = family("bolivia")
    assert counts_add_up(result["report"])["file"] == (339, 339, 0)
    bundle = result["bundle"]
    places = bundle.places.set_index("place_id")
    assert len(places) == 339 and (places["name"] == "San Javier").sum() == 2  # two departments
    # each municipality's department is kept: lists tell the two San Javiers apart by it
    assert places["area"].notna().all() and places["area"].nunique() == 9
    assert sorted(places.loc[places["name"] == "San Javier", "area"]) == ["Beni", "Santa Cruz"]
    assert obs_value(bundle, "bol-esmeralda-oruro", "sdg1_1_ubn", 2012) == pytest.approx(78.3)
    assert places.loc["bol-esmeralda-oruro", "population"] == 2854 and len(bundle.indicators) == 62
    warned = result["report"].frame().query("severity == 'warning'")
    # reported, not silently left out (besides the directions read from names: the next test)
    others = warned.loc[~warned["reason"].str.contains("inferred from words"), "column"]
    assert others.tolist() == ["urbano_2012"]
    index = result["published"]["index"].set_index("place_id")
    assert index.loc["bol-esmeralda-oruro", "score"] == pytest.approx(53.2)


def test_bolivia_atlas_directions_come_from_its_published_goal_indices(family):
    """The atlas states no direction: 30 of its 62 variables were scored as if more were better, and
    Carangas, where 97.6 % of people lack basic needs, had the best score of 339 municipalities."""
    result = family("bolivia")
    directions = result["bundle"].indicators.set_index("indicator_id")["direction"]
    lower = ["sdg1_1_ubn", "sdg1_2_mpi", "sdg3_2_imr", "sdg4_1_ssdrf", "sdg3_3_imr", "sdg3_3_ti",
             "sdg3_7_afr", "sdg2_2_cmc", "sdg10_2_gcye"]
    higher = ["sdg1_4_abs", "sdg6_1_dwc", "sdg7_1_ec", "sdg4_6_lr", "sdg3_1_idca"]
    assert directions[lower].tolist() == ["lower"] * len(lower)
    assert directions[higher].tolist() == ["higher"] * len(higher)
    scores = result["scores"]["indicator_scores"]
    ubn = scores[(scores["indicator_id"] == "sdg1_1_ubn") & (scores["year"] == scores["year"].max())]
    best = ubn.sort_values("score", ascending=False)["place_id"].head(3).tolist()
    assert "bol-carangas-oruro" not in best  # 97.6 % with unsatisfied basic needs
    said = result["report"].frame()
    inferred = said[said["reason"].astype(str).str.contains("inferred from the published goal index")]
    assert len(inferred) >= 40 and set(inferred["severity"]) == {"info"}


def test_a_row_that_names_a_group_of_countries_is_an_aggregate():
    from loaders.sdsn.units import group_name

    for name in ("Pays CEDEAO", "ECOWAS average", "Sub-Saharan Africa", "High income countries",
                 "Western Africa", "Moyenne régionale", "World"):
        assert group_name(name), name
    for name in ("Kosovo", "Somaliland", "Union of the Comoros", "Central African Republic", None):
        assert not group_name(name), name
