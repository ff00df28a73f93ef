"""Values a place has only broken down (by mode of travel, by sex), with no total: a table per
indicator, the categories down and the latest years across, so that they are read on the page."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, texts
from layouts import years as written_years
from layouts.i18n import _
from layouts.sparklines import value_texts

MAX_YEARS = 4
"""Year columns a table shows (the latest): a phone's 375 px hold a category and four values."""
MAX_ROWS = 40
MAX_TABLES = 12


def categories(breakdown: pd.Series) -> pd.DataFrame:
    """'Method of Travel=Bus|Sex=Female' as one column per dimension (its name the header)."""
    parts = [dict(piece.split("=", 1) if "=" in piece else ("", piece) for piece in text.split("|"))
             for text in breakdown.astype(str)]
    frame = pd.DataFrame(parts, index=breakdown.index).fillna("")
    return frame.rename(columns={"": _("Category")})


def grouped(table: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The categories (ordered by the latest value) with a missing one written "All" (the total over
    that dimension: Los Angeles' staff "Gender=Male" of every department had an empty department),
    and, of two dimensions or more, the rows of each value of the one with most values kept
    together, in the order of their best (a department's men and women side by side: sorted by value
    and cut at 40 rows, each department kept only the gender above half); with that dimension.
    The rows keep `table`'s positions as their index."""
    table = table.reset_index(drop=True)
    for column in table.columns:
        if (table[column] != "").any():
            table[column] = table[column].where(table[column] != "", _("All"))
    if len(table.columns) < 2:
        return table, None
    key = max(table.columns, key=lambda c: table[c].nunique())
    first = pd.Series(range(len(table))).groupby(table[key], sort=False).transform("min")
    order = table.assign(_first=first.to_numpy(), _at=range(len(table)))
    return order.sort_values(["_first", "_at"], kind="stable").drop(columns=["_first", "_at"]), key


def kept_rows(table: pd.DataFrame, key: str | None) -> int:
    """Rows shown of `table`, at most MAX_ROWS: a group of `key` that the cut would split ends the
    table before it (while that keeps half the rows)."""
    if len(table) <= MAX_ROWS or key is None:
        return MAX_ROWS
    values = table[key]
    cut = MAX_ROWS
    while cut > MAX_ROWS // 2 and values.iat[cut] == values.iat[cut - 1]:
        cut -= 1
    return cut if values.iat[cut] != values.iat[cut - 1] else MAX_ROWS


def breakdown_tables(observations: pd.DataFrame, indicators: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table) per indicator of `observations` (indicator_id, year, breakdown, value and,
    where known, year_label), in the order of `indicators` (indicator_id, name, unit, name_language):
    the categories, ordered by the latest year's value, and one column per year of the latest
    MAX_YEARS, headed by the year as the source wrote it ("2017-18")."""
    found = []
    named = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    order = [i for i in named.index if i in set(observations["indicator_id"])]
    for indicator in order[:MAX_TABLES]:
        part = observations[observations["indicator_id"] == indicator]
        part = part[part["value"].notna()]  # a year of blanks only is no column (pivot_table drops it)
        years = sorted(part["year"].dropna().astype(int).unique())
        if not years:
            continue
        shown = years[-MAX_YEARS:]
        labels = part["year_label"] if "year_label" in part else pd.Series(None, index=part.index)
        told = written_years.by_year(part["year"].tolist(), labels.tolist())
        wide = (part[part["year"].isin(shown)]
                .pivot_table(index="breakdown", columns="year", values="value", aggfunc="first", sort=False)
                .reindex(columns=shown))
        wide = wide.sort_values(shown[-1], ascending=False, na_position="last", kind="stable")
        table, key = grouped(categories(wide.index.to_series()))
        wide = wide.iloc[table.index]
        table = table.reset_index(drop=True)
        for year in shown:
            table[told.get(year, str(year))] = value_texts(wide[year].tolist())
        rows = kept_rows(table, key)
        more = len(table) - rows
        table = table.head(rows)
        row = named.loc[indicator]
        caption = texts.marked(row["name"], row.get("name_language"))
        unit = row.get("unit") if isinstance(row.get("unit"), str) else ""
        if unit.strip() and f"({unit})" not in str(row["name"]):  # a series named by its unit says it
            unit = texts.marked(unit, row.get("unit_language"))
            # a unit with brackets of its own (or its language's) is not put in brackets: "Deprivation
            # (Percentage (%))"
            caption = (_("{indicator}, in {unit}") if "(" in unit else _("{indicator} ({unit})")).format(
                indicator=caption, unit=unit)
        if len(years) > len(shown):
            earlier = years[:-len(shown)]
            caption += ". " + (_("Earlier years ({first} to {last}) are in the download.").format(
                first=told.get(earlier[0], earlier[0]), last=told.get(earlier[-1], earlier[-1]))
                if len(earlier) > 1 else _("The year {year} is in the download.").format(
                    year=told.get(earlier[0], earlier[0])))
        if more > 0:
            more_text = _("{count} more categories are in the download.")
            caption += (" " if caption.endswith(".") else ". ") + more_text.format(count=i18n.integer(more))
        found.append((caption, table))
    return found
