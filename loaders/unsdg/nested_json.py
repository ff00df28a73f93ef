"""The UN SDG Global Database nested JSON: a series with refAreas[], each with data[]."""

from __future__ import annotations

import json
import re
from pathlib import Path

from loaders.options import ReadOptions
from loaders.report import LoadError
from loaders.unsdg.collect import Collector
from loaders.unsdg.common import (
    DATABASE,
    EMPTY_CITY,
    area_place,
    breakdown,
    city_place,
    city_series,
    dimension_cell,
    names_city,
    nature_note,
    note,
    parse_year,
    text,
)
from loaders.unsdg.tables import WIDE_ATTRIBUTES, options_iso3, register_indicator

SNIFF_BYTES = 65_536
DATA_FIELDS = {
    "timeperiod",
    "timedetail",
    "upperbound",
    "lowerbound",
    "baseperiod",
    "source",
    "footnotes",
    "naturecode",
    "naturedesc",
    "unitscode",
    "unitsdesc",
    "reportingtypecode",
    "reportingtypedesc",
    "valuenumericpart",
    "valueiscensored",
    "valuedetail",
}


def looks_like(path: Path) -> bool:
    """A JSON object or list that names a seriesCode and refAreas near its start."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES).decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head[:1] in "{[" and '"refAreas"' in head and '"seriesCode"' in head


def load(path: Path) -> list[dict]:
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LoadError(f"{path.name} is not valid JSON: {error}.") from error
    except RecursionError as error:  # a document nested thousands deep: one sentence, not a traceback
        raise LoadError(f"{path.name} is nested too deeply to be read as JSON.") from error
    series = document if isinstance(document, list) else [document]
    if not all(isinstance(s, dict) and isinstance(s.get("refAreas"), list) for s in series):
        raise LoadError(f"{path.name} has no 'refAreas' list of a UN SDG series.")
    return series


def dimensions(item: dict) -> list[tuple[str, str]]:
    """Disaggregations of a data item: 'sexCode'/'sexDesc' pairs or a 'dimensions' object."""
    pairs = [(k, text(v)) for k, v in (item.get("dimensions") or {}).items()]
    for name, value in item.items():
        reduced = re.sub(r"[^a-z0-9]", "", name.lower())
        if name.endswith("Code") and reduced not in DATA_FIELDS | WIDE_ATTRIBUTES:
            pairs.append((name, dimension_cell(text(value), text(item.get(name[:-4] + "Desc")))))
    return pairs


def read_json(path: Path, collector: Collector, options: ReadOptions) -> str:
    """Collect every data item of every series; returns the release named in the file."""
    series_list = load(path)
    fallback_iso3 = options_iso3(options)
    for s, series in enumerate(series_list):
        start = f"[{s}]." if len(series_list) > 1 else ""
        code = text(series.get("seriesCode"))
        with_cities = city_series(
            (code, text(area.get("geoAreaCode")), names_city(*city_cells(area)))
            for area in series["refAreas"]
            for _ in area.get("data") or []
        )
        for a, area_record in enumerate(series["refAreas"]):
            at = f"{start}refAreas[{a}]"
            place, reason, column = area_of(collector, area_record, at, code, with_cities, fallback_iso3)
            for d, item in enumerate(area_record.get("data") or []):
                where = f"{at}.data[{d}]"
                row_id = collector.row(where, None, where, empty_reason="no value in this item")
                read_item(collector, options, series, item, row_id, where, place, reason,
                          column or f"{where}.geoAreaCode")
    return next((text(s.get("release")) for s in series_list if s.get("release")), "")


def city_cells(area: dict) -> tuple[str, str]:
    return text(area.get("citiesCode")), text(area.get("citiesDesc"))


def area_of(
    collector: Collector, area: dict, at: str, series: str, with_cities: set, fallback_iso3: str | None
) -> tuple[dict | None, str, str | None]:
    """The place of a refArea, or None with the reason and the column to name ('empty city' names
    the refArea's citiesCode; None leaves it to the item's geoAreaCode)."""
    get = area.get
    found, reason = area_place(
        text(get("geoAreaCode")),
        text(get("geoAreaName")),
        iso3=text(get("ISO3")),
        area_type=text(get("type")),
        lon=get("X"),
        lat=get("Y"),
    )
    code, name = city_cells(area)
    code = collector.place_name(code, f"{at}.citiesCode")
    name = collector.place_name(name, f"{at}.citiesDesc")
    if not (code or name) and (series, text(get("geoAreaCode"))) in with_cities:
        return None, EMPTY_CITY.format(series=f"series '{series}'"), f"{at}.citiesCode"
    return *city_place(found, reason, code, name, fallback_iso3), None


def read_item(
    collector: Collector,
    options: ReadOptions,
    series: dict,
    item: dict,
    row_id: str,
    where: str,
    place: dict | None,
    reason: str,
    place_column: str,
) -> None:
    source = text(item.get("source"))
    indicator_id = register_indicator(
        collector,
        options,
        {
            "series": text(series.get("seriesCode")),
            "indicator": text(series.get("indicator")),
            "goal": text(series.get("goal")),
            "target": text(series.get("target")),
            "name": text(series.get("seriesDesc")),
            "unit": text(item.get("unitsDesc")),
            "source": source,
        },
    )
    year = parse_year(item.get("timePeriod"))
    if not indicator_id:
        collector.problem(
            row_id,
            f"{where}.seriesCode",
            series.get("seriesCode"),
            "no series code and no SDG indicator code",
        )
    if place is None:
        collector.problem(row_id, place_column, "", reason)
    if year is None:
        collector.problem(
            row_id,
            f"{where}.timePeriod",
            item.get("timePeriod"),
            "time period is not a year or a range of years",
        )
    if not indicator_id or place is None or year is None:
        return
    detail = text(item.get("value_detail"))
    number = item.get("value_numeric_part")
    time_detail = text(item.get("timeDetail"))
    collector.add(
        row_id,
        f"{where}.value_detail" if detail else f"{where}.value_numeric_part",
        place_id=collector.place(place),
        indicator_id=indicator_id,
        year=year[0],
        year_label=year[1] or None,
        value=detail or text(number),
        censored=bool(item.get("value_is_censored")),
        breakdown=breakdown(dimensions(item)),
        source=source or DATABASE,
        note=note(
            {
                "Nature": nature_note(text(item.get("natureDesc")) or text(item.get("natureCode"))),
                "Time detail": "" if time_detail == text(item.get("timePeriod")) else time_detail,
                "Reporting": "national" if text(item.get("reportingTypeCode")) == "N" else "",
                "Footnote": text(item.get("footnotes")),
            }
        ),
    )
