"""UN-Habitat Urban Indicators Database city tables, as published beside the SDG database:
one row per city (or region), one column per measure, the year in the column name or in
'Data Reference Year'."""

from __future__ import annotations

import re

from loaders.codes import slugify
from loaders.options import ReadOptions
from loaders.textio import LINE, RawTable, parse_numbers
from loaders.unsdg.collect import Collector
from loaders.unsdg.common import (
    EMPTY_CITY,
    area_place,
    city_place,
    city_series,
    key,
    names_city,
    note,
    parse_year,
    series_indicator,
)
from loaders.unsdg.tables import Columns, options_iso3, records, register_row

HABITAT = "UN-Habitat Urban Indicators Database"
# fmt: off
KNOWN = {
    "sdggoal", "sdgtarget", "sdgindicator", "countryorterritorycode", "countryorterritoryname",
    "sdgregion", "sdgsubregion", "citycode", "cityname", "dataunits", "datareferenceyear",
    "datasource", "footnote",
}
# fmt: on
MARKER = re.compile(r"\s*\[[a-z]\]")
UNIT_AT_END = re.compile(r"\s*\((?P<unit>[^()]*)\)\s*$")
YEAR_IN_NAME = re.compile(r"\s*\b(?P<year>19\d{2}|20\d{2})\b")


def measure(header: str) -> dict:
    """'Green area per capita 2010 (m2/person)' -> name 'Green area per capita (m2/person)',
    year 2010, unit 'm2/person', id 'green-area-per-capita'."""
    name = MARKER.sub("", header).strip()
    unit_match = UNIT_AT_END.search(name)
    unit = unit_match["unit"].strip() if unit_match else ""
    base = UNIT_AT_END.sub("", name)
    year_match = YEAR_IN_NAME.search(base)
    base = YEAR_IN_NAME.sub("", base)
    base = re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", base)).strip()
    return {
        "slug": slugify(base),
        "name": f"{base} ({unit})" if unit else base,
        "unit": unit,
        "year": int(year_match["year"]) if year_match else None,
    }


def measure_columns(table: RawTable, collector: Collector) -> list[str]:
    """Columns that are not descriptive and hold at least one number."""
    measures = []
    for column in table.frame.columns:
        if column == LINE or key(column) in KNOWN or column.startswith("column_"):
            continue
        if parse_numbers(table.frame[column]).loc[lambda p: p["value"].notna()].empty:
            collector.warn_once(f"column '{column}' holds no numbers; ignored", column=column)
            continue
        measures.append(column)
    return measures


def area_key(record: dict, cols: Columns) -> str:
    """The country (or region) of a row: its code, else its name (the green area table has no code)."""
    return cols.get(record, "countryorterritorycode") or cols.get(record, "countryorterritoryname")


def read_habitat(table: RawTable, collector: Collector, options: ReadOptions, multi: bool) -> None:
    """One observation per filled measure cell; a table without SDG codes (green areas) gives
    indicators without a goal, which the importer's validation reports."""
    cols = Columns(table.frame)
    get, fallback_iso3 = cols.get, options_iso3(options)
    measures = {column: measure(column) for column in measure_columns(table, collector)}
    rows = records(table, collector)
    with_cities = city_series(
        (get(r, "sdgindicator"), area_key(r, cols), names_city(get(r, "citycode"), get(r, "cityname")))
        for r in rows
    )
    city_key = "cityname" if "cityname" in cols.names else "citycode"
    for record in rows:
        row_id = register_row(collector, table, multi, record[LINE], "no value in any measure column")
        name = get(record, "countryorterritoryname")
        regions = {get(record, "sdgregion"), get(record, "sdgsubregion")} - {""}
        area, reason = area_place(
            get(record, "countryorterritorycode"),
            name,
            area_type="region" if name in regions else "",
        )
        code = collector.place_name(get(record, "citycode"), cols.name("citycode", "City Code"), row_id)
        city = collector.place_name(get(record, "cityname"), cols.name("cityname", "City Name"), row_id)
        place, reason = city_place(area, reason, code, city, fallback_iso3)
        if not (code or city) and (get(record, "sdgindicator"), area_key(record, cols)) in with_cities:
            collector.problem(row_id, cols.name(city_key, "City Name"), get(record, city_key),
                              EMPTY_CITY.format(series="this table"))
            continue
        if place is None:
            collector.problem(row_id, "Country or Territory Name", name, reason)
            continue
        codes = series_indicator(
            "", get(record, "sdgindicator"), get(record, "sdggoal"), get(record, "sdgtarget"), {}
        )
        row_year = parse_year(get(record, "datareferenceyear"))
        source = get(record, "datasource")
        for column, facts in measures.items():
            value = record[column].strip()
            if not value:
                continue
            year = (facts["year"], "") if facts["year"] else row_year
            if year is None:
                collector.problem(
                    row_id,
                    "Data Reference Year",
                    get(record, "datareferenceyear"),
                    f"no year for '{column}': not in its name nor in the row",
                )
                continue
            ident = options.rename.get(column) or options.rename.get(facts["slug"]) or facts["slug"]
            indicator = {
                **codes,
                "indicator_id": ident,
                "name": facts["name"],
                "unit": get(record, "dataunits") or facts["unit"] or None,
            }
            collector.add(
                row_id,
                column,
                place_id=collector.place(place),
                indicator_id=collector.indicator(indicator, source),
                year=year[0],
                year_label=year[1] or None,
                value=value,
                breakdown="",
                source=source or HABITAT,
                note=note({"Footnote": get(record, "footnote")}),
            )
