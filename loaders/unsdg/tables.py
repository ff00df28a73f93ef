"""UN SDG Global Database tables: the long export (one value per row) and UNSD's wide extracts
(one value_YYYY column per year)."""

from __future__ import annotations

import re

import pandas as pd

from loaders.options import ReadOptions
from loaders.places import country_iso3
from loaders.textio import LINE, RawTable
from loaders.unsdg.collect import Collector
from loaders.unsdg.common import (
    DATABASE,
    EMPTY_CITY,
    area_place,
    breakdown,
    city_place,
    city_series,
    dimension_cell,
    key,
    names_city,
    nature_note,
    note,
    parse_year,
    series_indicator,
    split_city,
    text,
)

# fmt: off
LONG_ATTRIBUTES = {
    "goal", "target", "indicator", "seriescode", "seriesdescription", "geoareacode",
    "geoareaname", "timeperiod", "value", "units", "unitmultiplier", "timedetail",
    "timecoverage", "upperbound", "lowerbound", "baseperiod", "source", "geoinfourl",
    "footnote", "nature", "reportingtype", "observationstatus", "release", "cities",
}
"""Long-format columns that are not disaggregations (names compared with `key`)."""
# fmt: on

# fmt: off
WIDE_ATTRIBUTES = {
    "goal", "target", "indicator", "seriescode", "seriesdesc", "release", "geoareacode",
    "geoareaname", "parentcode", "parentname", "type", "iso3", "unmember", "x", "y",
    "countryprofile", "level", "areaname", "baseperiod", "unitscode", "unitsdesc",
    "unitmultipliercode", "unitmultiplierdesc", "reportingtypecode", "reportingtypedesc",
    "valuedetails", "footnotes", "sources", "timedetails", "nature", "naturecode", "naturedesc",
    "upperbound", "lowerbound", "latestyear", "valuelatestyear", "citiescode", "citiesdesc",
}
# fmt: on
WIDE_VALUE = re.compile(r"^value_(\d{4})$", re.IGNORECASE)
UNNAMED = re.compile(r"^column_\d+$")
PLAIN_MULTIPLIERS = {"", "0", "units"}


def table_kind(columns: list[str]) -> str | None:
    """'long', 'wide' or 'habitat' from a header row, or None."""
    keys = {key(c) for c in columns}
    if {"citycode", "cityname"} & keys and {"countryorterritoryname", "countryorterritorycode"} & keys:
        return "habitat"
    has_area = bool({"geoareacode", "geoareaname"} & keys)
    if "seriescode" in keys and has_area and any(WIDE_VALUE.match(str(c)) for c in columns):
        return "wide"
    if {"seriescode", "indicator"} & keys and has_area and {"timeperiod", "value"} <= keys:
        return "long"
    return None


def with_unit_multiplier(unit: str, multiplier: str) -> str:
    return f"{unit} ({multiplier})" if multiplier.lower() not in PLAIN_MULTIPLIERS else unit


def register_indicator(collector: Collector, options: ReadOptions, row: dict) -> str:
    """Indicator id of a row holding series, indicator, goal, target, name, unit, source."""
    info = series_indicator(row["series"], row["indicator"], row["goal"], row["target"], options.rename)
    if not info["indicator_id"]:
        return ""
    name = row["name"] or row["series"] or info["un_code"]
    record = {**info, "name": name, "unit": row["unit"] or None}
    return collector.indicator(record, row["source"])


class Columns:
    """Find a table's columns by reduced name: cols.get(record, 'seriescode')."""

    def __init__(self, frame: pd.DataFrame):
        self.names = {}
        for column in frame.columns:
            self.names.setdefault(key(column), column)

    def get(self, record: dict, wanted: str) -> str:
        column = self.names.get(wanted)
        return text(record.get(column, "")) if column else ""

    def name(self, wanted: str, default: str) -> str:
        """The column's name as the file spells it, for issues."""
        return self.names.get(wanted, default)


def records(table: RawTable, collector: Collector) -> list[dict]:
    """The rows as dicts of text; unnamed columns that hold values are reported once."""
    frame = table.frame
    for column in frame.columns:
        if UNNAMED.match(column) and (frame[column].fillna("").str.strip() != "").any():
            collector.warn_once(f"column '{column}' has values but no header; ignored", column=column)
    values = frame.astype(object).where(frame.notna(), "").to_numpy()
    columns = list(frame.columns)
    return [dict(zip(columns, row, strict=True)) for row in values]


def register_row(
    collector: Collector, table: RawTable, multi_sheet: bool, line: object, empty_reason: str
) -> str:
    line = int(line)
    if multi_sheet:
        where, prefix = f"sheet '{table.sheet}' line {line}", f"{table.sheet}!"
    else:
        where, prefix = f"line {line}", ""
    return collector.row(f"{table.sheet}\t{line}", line, where, prefix, empty_reason)


def read_long(table: RawTable, collector: Collector, options: ReadOptions, multi: bool) -> None:
    cols = Columns(table.frame)
    dimensions = [
        c for c in table.frame.columns if c != LINE and key(c) not in LONG_ATTRIBUTES and not UNNAMED.match(c)
    ]
    get, fallback_iso3 = cols.get, options_iso3(options)
    rows = records(table, collector)
    with_cities = city_series(
        (get(r, "seriescode"), get(r, "geoareacode"), names_city(get(r, "cities"))) for r in rows
    )
    for record in rows:
        row_id = register_row(collector, table, multi, record[LINE], "no value in this row")
        source = get(record, "source")
        indicator_id = register_indicator(
            collector,
            options,
            {
                "series": get(record, "seriescode"),
                "indicator": get(record, "indicator"),
                "goal": get(record, "goal"),
                "target": get(record, "target"),
                "name": get(record, "seriesdescription"),
                "unit": with_unit_multiplier(get(record, "units"), get(record, "unitmultiplier")),
                "source": source,
            },
        )
        city = collector.place_name(get(record, "cities"), cols.name("cities", "Cities"), row_id)
        series = get(record, "seriescode")
        blank_city = not city and (series, get(record, "geoareacode")) in with_cities
        area, reason = area_place(get(record, "geoareacode"), get(record, "geoareaname"))
        place, reason = city_place(area, reason, *split_city(city), fallback_iso3)
        year = parse_year(get(record, "timeperiod"))
        if blank_city:
            place = None
            collector.problem(row_id, cols.name("cities", "Cities"), get(record, "cities"),
                              EMPTY_CITY.format(series=f"series '{series}'"))
        if not indicator_id:
            collector.problem(
                row_id,
                cols.name("seriescode", "SeriesCode"),
                get(record, "seriescode"),
                "no series code and no SDG indicator code",
            )
        if place is None and not blank_city:
            collector.problem(
                row_id, cols.name("geoareacode", "GeoAreaCode"), get(record, "geoareacode"), reason
            )
        if year is None:
            collector.problem(
                row_id,
                cols.name("timeperiod", "TimePeriod"),
                get(record, "timeperiod"),
                "time period is not a year or a range of years",
            )
        if not indicator_id or place is None or year is None:
            continue
        time_detail = get(record, "timedetail")
        reporting = get(record, "reportingtype")
        collector.add(
            row_id,
            cols.name("value", "Value"),
            place_id=collector.place(place),
            indicator_id=indicator_id,
            year=year[0],
            year_label=year[1] or None,
            value=get(record, "value"),
            breakdown=breakdown([(c, text(record[c])) for c in dimensions]),
            source=source or DATABASE,
            note=note(
                {
                    "Nature": nature_note(get(record, "nature")),
                    "Time detail": "" if time_detail in (get(record, "timeperiod"), "") else time_detail,
                    "Reporting": "national" if reporting.upper() in {"N", "NATIONAL"} else "",
                    "Footnote": get(record, "footnote"),
                }
            ),
        )


def read_wide(table: RawTable, collector: Collector, options: ReadOptions, multi: bool) -> None:
    cols = Columns(table.frame)
    year_columns = [(c, int(WIDE_VALUE.match(c)[1])) for c in table.frame.columns if WIDE_VALUE.match(c)]
    dimensions = [
        c for c in table.frame.columns if re.search(r"[a-z]Code$", c) and key(c) not in WIDE_ATTRIBUTES
    ]
    get, fallback_iso3 = cols.get, options_iso3(options)
    rows = records(table, collector)
    with_cities = city_series(
        (get(r, "seriescode"), get(r, "geoareacode"), names_city(get(r, "citiescode"), get(r, "citiesdesc")))
        for r in rows
    )
    city_key = "citiescode" if "citiescode" in cols.names else "citiesdesc"
    for record in rows:
        row_id = register_row(collector, table, multi, record[LINE], "no value in any value_YYYY column")
        source = get(record, "sources")
        indicator_id = register_indicator(
            collector,
            options,
            {
                "series": get(record, "seriescode"),
                "indicator": get(record, "indicator"),
                "goal": get(record, "goal"),
                "target": get(record, "target"),
                "name": get(record, "seriesdesc"),
                "unit": with_unit_multiplier(get(record, "unitsdesc"), get(record, "unitmultiplierdesc")),
                "source": source,
            },
        )
        area, reason = area_place(
            get(record, "geoareacode"),
            get(record, "geoareaname"),
            iso3=get(record, "iso3"),
            area_type=get(record, "type"),
            lon=get(record, "x"),
            lat=get(record, "y"),
        )
        code = collector.place_name(get(record, "citiescode"), cols.name("citiescode", "citiesCode"), row_id)
        name = collector.place_name(get(record, "citiesdesc"), cols.name("citiesdesc", "citiesDesc"), row_id)
        place, reason = city_place(area, reason, code, name, fallback_iso3)
        series = get(record, "seriescode")
        blank_city = not (code or name) and (series, get(record, "geoareacode")) in with_cities
        if blank_city:
            place = None
            collector.problem(row_id, cols.name(city_key, "citiesCode"), get(record, city_key),
                              EMPTY_CITY.format(series=f"series '{series}'"))
        if not indicator_id:
            collector.problem(
                row_id,
                cols.name("seriescode", "seriesCode"),
                get(record, "seriescode"),
                "no series code and no SDG indicator code",
            )
        if place is None and not blank_city:
            collector.problem(
                row_id, cols.name("geoareacode", "geoAreaCode"), get(record, "geoareacode"), reason
            )
        if not indicator_id or place is None:
            continue
        shared = {
            "place_id": collector.place(place),
            "indicator_id": indicator_id,
            "breakdown": breakdown(
                [(c, dimension_cell(text(record[c]), text(record.get(c[:-4] + "Desc", ""))))
                 for c in dimensions]
            ),
            "source": source or DATABASE,
            "note": note(
                {
                    "Nature": nature_note(get(record, "nature") or get(record, "naturedesc")),
                    "Time detail": get(record, "timedetails"),
                    "Reporting": "national" if get(record, "reportingtypecode") == "N" else "",
                    "Footnote": get(record, "footnotes"),
                }
            ),
        }
        filled = {year for column, year in year_columns if text(record[column])}
        for column, year in year_columns:
            if text(record[column]):
                collector.add(row_id, column, year=year, value=text(record[column]), **shared)
        latest_value = get(record, "valuelatestyear")
        latest = parse_year(get(record, "latestyear"))
        if latest_value and latest is None:
            collector.problem(row_id, "latest_year", get(record, "latestyear"), "latest_year is not a year")
        elif latest_value and latest[0] not in filled:
            collector.add(row_id, "value_latest_year", year=latest[0], value=latest_value, **shared)


def options_iso3(options: ReadOptions) -> str | None:
    """The country the user named for places the source leaves without one."""
    return country_iso3(options.country) if options.country else None
