"""The explore views' words: each chart's title, what it leaves out, and its summary sentences."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, names, scores, texts
from layouts import explore_figures as figures
from layouts.facts import TIED_NAMED, Extreme, end_ties
from layouts.i18n import _, ngettext
from layouts.reference import DASHBOARD_COLOURS, rating, text
from layouts.summaries import tied_score, with_tied
from layouts.year_spans import Years
from views.explore.contents import assumed_direction, indicator_names
from views.explore.correlation import correlation
from views.explore.model import MAX_LINES, Catalogue, State
from views.explore.options import country_name, sort_label
from views.explore.rows import AXIS_YEARS, Subject, measure, subject


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def amount(value: float, column: str, unit: str, whole: bool = False) -> str:
    """One number for a summary: the locale's signs, and the unit after an indicator's value;
    without a decimal where the values it is one of are all whole (`whole`)."""
    return figures.number(value, unit if column == "value" else "", whole)


def rating_counts(ratings: pd.Series) -> str:
    """'Ratings: major challenges (3) and SDG achieved (2).' in the dashboard's fixed order (a count
    before a rating's name read "1 challenges remain")."""
    counts = ratings.value_counts()
    parts = [_("{rating} ({count})").format(count=i18n.integer(counts[words]), rating=words)
             for words in (rating(c) for c in DASHBOARD_COLOURS) if counts.get(words)]
    return _("Ratings: {list}.").format(list=i18n.join(parts))


def value_years(frame: pd.DataFrame, year: int, told: dict[int, str] | None = None,
                columns: tuple[str, ...] = ("value_year",)) -> str:
    """When a year's values are places' latest ones from earlier years, or from a period the source
    writes otherwise ("2020-21"), say which: the chosen `year` stays the number, the values' years
    (in `columns`: a scatter's two) are written as `told` (`rows.year_texts`) writes them, as the
    map says it ("Each place's latest value up to 2021 is shown, from 2020-21.")."""
    present = [column for column in columns if column in frame]
    if not present:
        return ""
    years = Years.of(pd.concat([frame[column] for column in present])).told(told)
    if not years.known or years.only(year):
        return ""
    message = (_("Each place's latest values up to {year} are shown, from {years}.") if len(present) > 1
               else _("Each place's latest value up to {year} is shown, from {years}."))
    return message.format(year=year, years=years.span())


def year_text(year: object, told: dict[int, str] | None) -> str:
    """One year of observed values as `told` writes it, else the number."""
    return (told or {}).get(int(year), str(int(year)))


def ranking_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int,
                    told: dict[int, str] | None = None) -> str:
    values = column == "value"
    if frame.empty:
        message = (_("No place in the selection has values for {subject} in {year}.") if values
                   else _("No place in the selection has scores for {subject} in {year}."))
        return message.format(subject=subj.phrase, year=year)
    top = frame.iloc[0]
    whole = values and figures.all_whole(frame[column])  # people, counts: "49", not "49.0"
    median = frame[column].median()
    if len(frame) == 1:
        message = (_("Only {place} has values for {subject} in {year}: {amount}.") if values
                   else _("Only {place} has scores for {subject} in {year}: {amount}."))
        # and where its value is older, from when: Los Angeles' one value "in 2020" was from 2018
        return " ".join(s for s in (message.format(place=top["name"], subject=subj.phrase, year=year,
                                                   amount=amount(top[column], column, subj.unit, whole)),
                                    value_years(frame, year, told)) if s)
    count = len(frame)
    unit = subj.unit if values else ""
    ends = {"top": end(frame, column, unit, 0), "bottom": end(frame, column, unit, -1),
            "median": amount(median, column, subj.unit, whole and median == round(median))}
    if subj.assumed:  # no direction to call one end best (a city's population, or its scores)
        lead = (ngettext("{count} place has values for {subject} in {year}.",
                         "{count} places have values for {subject} in {year}.", count) if values else
                ngettext("{count} place has scores for {subject} in {year}.",
                         "{count} places have scores for {subject} in {year}.", count))
        return " ".join(s for s in (
            lead.format(count=i18n.integer(count), subject=subj.phrase, year=year),
            value_years(frame, year, told),
            _("Highest: {top} ({top_amount}); lowest: {bottom} ({bottom_amount}); median {median}.").format(
                top=ends["top"][0], top_amount=ends["top"][1], bottom=ends["bottom"][0],
                bottom_amount=ends["bottom"][1], median=ends["median"]),
            shown_bars(count)) if s)
    if not values:
        lead = ngettext("{count} place has scores for {subject} in {year} (higher is better).",
                        "{count} places have scores for {subject} in {year} (higher is better).", count)
    elif subj.higher_is_better:
        lead = ngettext("{count} place has values for {subject} in {year} (higher is better).",
                        "{count} places have values for {subject} in {year} (higher is better).", count)
    else:
        lead = ngettext("{count} place has values for {subject} in {year} (lower is better).",
                        "{count} places have values for {subject} in {year} (lower is better).", count)
    sentences = [
        lead.format(count=i18n.integer(count), subject=subj.phrase, year=year),
        value_years(frame, year, told),
        _("Best: {top} ({top_amount}); last: {bottom} ({bottom_amount}); median {median}.").format(
            top=ends["top"][0], top_amount=ends["top"][1], bottom=ends["bottom"][0],
            bottom_amount=ends["bottom"][1], median=ends["median"]),
    ]
    if "rating" in frame:
        sentences.append(rating_counts(frame["rating"]))
    sentences.append(shown_bars(count))
    return " ".join(s for s in sentences if s)


def end(frame: pd.DataFrame, column: str, unit: str, at: int) -> tuple[str, str]:
    """The place at one end of a ranking (`at` 0, or -1) with those of the same value beside it
    ("EXTRAMURS and QUATRE CARRERES", "2 places at 100.0"; "Šabac and 1,203 other places (0.0)"), as
    the map names its ends: a value the bars write like the next place's but that differs gets the
    decimals that tell them apart (Ghana 62.21, Côte d'Ivoire 62.19: `facts.separating_digits`), so
    a sentence never says two places tie that the map beside it ranks; and the value as written."""
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
    names = frame["name"].astype(str).to_numpy()
    if at != 0:
        values, names = values[::-1], names[::-1]
    first = float(values[0])
    whole = first == round(first) and figures.all_whole(values)
    digits, positions = end_ties(values, 0 if whole or abs(first) >= figures.LARGE else 1)
    written = i18n.number(first, digits)
    group = sorted([0, *positions], reverse=at != 0)  # named in the list's order at either end
    named = [str(names[i]) for i in group]
    extreme = Extreme(named[0], first, tuple(named[1:TIED_NAMED + 1]), max(0, len(named) - 1 - TIED_NAMED),
                      digits)
    shown = _("{number} {unit}").format(number=written, unit=unit) if unit else written
    return with_tied(extreme), tied_score(extreme, shown)


def picture_bars(count: int) -> str:
    """What a ranking's picture leaves out, said on it (a PNG has no table view beside it)."""
    if count <= figures.MAX_BARS:
        return ""
    return _("The picture shows the first {shown} of {total} places.").format(
        shown=i18n.integer(figures.MAX_BARS), total=i18n.integer(count))


def shown_bars(count: int) -> str:
    if count <= figures.MAX_BARS:
        return ""
    return _("The chart shows the first {shown} of them; the table view lists them all.").format(
        shown=i18n.integer(figures.MAX_BARS))


def axis_units(cat: Catalogue, state: State) -> tuple[str, str]:
    """The scatter's x and y units as the pages write them (`texts.short_unit`)."""
    meta = indicator_names(cat).set_index("indicator_id")
    return tuple(texts.short_unit(text(meta.loc[i, "unit"])) for i in (state.x, state.y))


def scatter_names(cat: Catalogue, state: State) -> tuple[tuple[str, str], tuple[str, str]]:
    """The scatter's x and y names, each as a title writes it (its language marked after it where
    that is not the reader's) and as a sentence does (bare, tagged where a page shows it)."""
    meta = indicator_names(cat).set_index("indicator_id")
    plain = meta["listed_name"] if "listed_name" in meta else meta["name"]
    return tuple((str(meta.loc[i, "name"]), str(plain.loc[i])) for i in (state.x, state.y))


def foreign_names(cat: Catalogue, state: State) -> dict[str, str]:
    """The words of the view's sentences in another language than the reader's (the indicators'
    names as the source publishes them), with it: a page tags them (`View.languages`) where each
    name said '(en anglais)' after it."""
    if state.view == "scatter" and state.x and state.y:
        meta = indicator_names(cat).set_index("indicator_id")
        if "name_language" not in meta:
            return {}
        chosen = meta.loc[[state.x, state.y]]
        units = chosen["unit"].map(lambda unit: texts.short_unit(text(unit)))
        found = {**texts.foreign_words(units, chosen["unit_language"]),
                 **texts.foreign_words(chosen["listed_name"], chosen["name_language"])}
    else:
        found = dict(subject(cat, state).languages)
    # a sentence opening on the name writes it capitalised (`capital`): tagged as it is written
    return {**{capital(words): code for words, code in found.items()}, **found}


def scatter_amounts(frame: pd.DataFrame, cat: Catalogue, state: State) -> list[str]:
    """Each row's two values as a sentence names them: '62.9 % across, 79.8 % up'."""
    x_unit, y_unit = axis_units(cat, state)
    return [_("{x} across, {y} up").format(x=amount(x, state.measure, x_unit),
                                            y=amount(y, state.measure, y_unit))
            for x, y in zip(frame[state.x].tolist(), frame[state.y].tolist(), strict=True)]


def scatter_summary(frame: pd.DataFrame, state: State, x_name: str, y_name: str,
                    told: dict[int, str] | None = None, unshared: list[int] | None = None) -> str:
    """How many places are drawn, the years their values come from (as a ranking says them:
    `value_years`), and how the two go together; where the two share no place in the year at all
    (`unshared`, the years they do share one), that, not "no place in the selection"."""
    values = state.measure == "value"
    if frame.empty and unshared is not None:
        message = (_("{x} and {y} share no place with values in {year}.") if values
                   else _("{x} and {y} share no place with scores in {year}."))
        lead = message.format(x=capital(x_name), y=y_name, year=state.year)
        if not unshared:
            return " ".join((lead, _("They share none in any year either.")))
        return " ".join((lead, _("They share places in {years}.").format(years=shared_years(unshared))))
    if frame.empty:
        message = (_("No place in the selection has values for both {x} and {y} in {year}.") if values
                   else _("No place in the selection has scores for both {x} and {y} in {year}."))
        return message.format(x=x_name, y=y_name, year=state.year)
    count = len(frame)
    if values:
        lead = ngettext("{count} place has values for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have values for both {x} (across) and {y} (up) in {year}.", count)
    else:
        lead = ngettext("{count} place has scores for both {x} (across) and {y} (up) in {year}.",
                        "{count} places have scores for both {x} (across) and {y} (up) in {year}.", count)
    sentences = [lead.format(count=i18n.integer(count), x=x_name, y=y_name, year=state.year),
                 value_years(frame, state.year, told, AXIS_YEARS)]
    sentences.append(correlation(frame[state.x], frame[state.y]))
    return " ".join(s for s in sentences if s)


def carried_sentence(subj: Subject, years: list[int]) -> str:
    """The years a goal's or the index's trend leaves out: their scores only repeat older values."""
    if not years:
        return ""
    if subj.kind == "goal":
        message = ngettext("Not drawn: {years}, a year in which none of the scored indicators of {subject} "
                           "has a value of its own; its score only repeats older values.",
                           "Not drawn: {years}, years in which none of the scored indicators of {subject} "
                           "has a value of its own; their scores only repeat older values.", len(years))
    else:
        message = ngettext("Not drawn: {years}, a year in which none of the scored indicators has a value of "
                           "its own; its score only repeats older values.",
                           "Not drawn: {years}, years in which none of the scored indicators has a value of "
                           "its own; their scores only repeat older values.", len(years))
    return message.format(years=shared_years(years), subject=subj.phrase)


def shared_years(years: list[int]) -> str:
    """'2018 and 2019', or '2005 to 2019 (12 years)' past four."""
    if len(years) <= 4:
        return i18n.join([str(year) for year in years])
    return _("{first} to {last} ({count} years)").format(first=years[0], last=years[-1],
                                                           count=i18n.integer(len(years)))


def distribution_summary(frame: pd.DataFrame, subj: Subject, column: str, year: int,
                         told: dict[int, str] | None = None) -> str:
    if frame.empty:
        return _("No place in the selection has data for {subject} in {year}.").format(
            subject=subj.phrase, year=year)
    # the years of the values, as the ranking of the same rows says them
    sentences = [_("{subject} in {year} by UN region.").format(subject=capital(subj.phrase), year=year),
                 value_years(frame, year, told)]
    for region, part in figures.by_region(frame):
        sentences.append(ngettext(
            "{region}: median {median} over {count} place (from {low} to {high}).",
            "{region}: median {median} over {count} places (from {low} to {high}).", len(part),
        ).format(region=region, median=amount(part[column].median(), column, subj.unit),
                 count=i18n.integer(len(part)), low=amount(part[column].min(), column, subj.unit),
                 high=amount(part[column].max(), column, subj.unit)))
    return " ".join(s for s in sentences if s)


def place_change(part: pd.DataFrame, column: str, unit: str, told: dict[int, str] | None = None) -> str:
    """'Nairobi: 60.0 in 2020 to 65.0 in 2021 (up 5.0).' for one place's line; its years as `told`
    writes them (a trend of values: "62.87 in 2020-21")."""
    first, last = part.iloc[0], part.iloc[-1]
    change = last[column] - first[column]
    if first["year"] == last["year"]:  # one year: "85.2 in 2019 to 85.2 in 2019 (unchanged)" said nothing
        return _("{place}: {value} in {year}, the only year with a value.").format(
            place=first["name"], value=amount(last[column], column, unit), year=year_text(last["year"], told))
    shown = amount(first[column], column, unit), amount(last[column], column, unit)
    big = max(abs(first[column]), abs(last[column])) >= figures.LARGE  # '3,147 to 2,544 (down 603)'
    digits = 0 if big else 1
    while round(abs(change), digits) == 0 and digits < 3:  # never "(up 0)" beside two values that differ
        digits += 1
    if shown[0] == shown[1]:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (unchanged).")
    elif change > 0:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (up {change}).")
    else:
        message = _("{place}: {first} in {first_year} to {last} in {last_year} (down {change}).")
    return message.format(place=first["name"], first=shown[0], first_year=year_text(first["year"], told),
                          last=shown[1], last_year=year_text(last["year"], told),
                          change=i18n.number(abs(change), digits))


def data_years(frame: pd.DataFrame, state: State) -> tuple[int, int]:
    """The first and last year the lines drawn have values in, within the years asked for: Los
    Angeles' 16-2-1, measured 2010 to 2018, was titled '2010 to 2020', the store's span."""
    if frame.empty:
        return state.start, state.end
    years = pd.to_numeric(frame["year"], errors="coerce").dropna()
    return max(state.start, int(years.min())), min(state.end, int(years.max()))


def trend_summary(frame: pd.DataFrame, subj: Subject, column: str, state: State,
                  told: dict[int, str] | None = None) -> str:
    """The lines' years as `told` writes them (a trend of values; the years asked for, where nothing
    is drawn, stay numbers)."""
    if frame.empty:
        return _("No place in the selection has data for {subject} from {start} to {end}.").format(
            subject=subj.phrase, start=state.start, end=state.end)
    drawn = frame["place_id"].nunique()
    start, end = data_years(frame, state)
    if start == end:  # one year drawn
        lead = _("{subject} in {start}.")
    elif state.places:
        lead = _("{subject} from {start} to {end}.")
    elif drawn < 5:  # fewer places have data: "the five best" was false (Los Angeles alone)
        lead = ngettext("{subject} from {start} to {end}, for the only place with data.",
                        "{subject} from {start} to {end}, for the {count} places with data.", drawn)
    elif subj.assumed and column == "value":  # no end of them is best
        lead = _("{subject} from {start} to {end}, for the five highest places.")
    else:
        lead = _("{subject} from {start} to {end}, for the five best places.")
    sentences = [lead.format(subject=capital(subj.phrase), start=year_text(start, told),
                             end=year_text(end, told), count=i18n.integer(drawn))]
    sentences += [place_change(part, column, subj.unit, told)
                  for _place, part in frame.groupby("place_id", sort=False)]
    left_out = len(state.places) - frame["place_id"].nunique() if state.places else 0
    if left_out:
        sentences.append(ngettext(
            "{count} chosen place is not drawn (no data, or more than {most}).",
            "{count} chosen places are not drawn (no data, or more than {most}).", left_out,
        ).format(count=i18n.integer(left_out), most=i18n.integer(MAX_LINES)))
    return " ".join(sentences)


def table_summary(frame: pd.DataFrame, subj: Subject, state: State, order: str) -> str:
    count = len(frame)
    if not count and state.find:  # as the charts say it ("0 places have data" read as a count)
        return _("No place whose name contains '{find}' has data for {subject} in {year}.").format(
            find=state.find, subject=subj.phrase, year=state.year)
    if not count:
        return _("No place in the selection has data for {subject} in {year}.").format(
            subject=subj.phrase, year=state.year)
    if state.find:
        message = ngettext(
            "{count} place whose name contains '{find}' has data for {subject} in {year}. Order: {order}.",
            "{count} places whose name contains '{find}' have data for {subject} in {year}. "
            "Order: {order}.", count)
    else:
        message = ngettext("{count} place has data for {subject} in {year}. Order: {order}.",
                           "{count} places have data for {subject} in {year}. Order: {order}.", count)
    return message.format(count=i18n.integer(count), find=state.find, subject=subj.phrase, year=state.year,
                          order=order)


def scatter_axis(name: str, column: str, unit: str) -> str:
    """'PM2.5, value (µg/m³)': the indicator and what of it the axis shows."""
    if column == "score":
        return _("{indicator}, score (0-100)").format(indicator=name)
    if unit:
        return _("{indicator}, value ({unit})").format(indicator=name, unit=unit)
    return _("{indicator}, value").format(indicator=name)


def chart(frame: pd.DataFrame, cat: Catalogue, state: State, told: dict[int, str] | None = None,
          unshared: list[int] | None = None) -> tuple[str, go.Figure | None, str]:
    """The view's title, figure (None for the table view) and text summary, from the view's frame;
    `told`: the years of its observed values the source writes otherwise (`rows.year_texts`), which
    the values' years take wherever they are written (a trend of values: its title, axis, hover and
    sentences; a ranking's "from ..."). The chosen year stays the number. `unshared`: for a scatter
    whose two indicators share no place in the year at all, the years in which they do."""
    subj = subject(cat, state)
    column, unit, year = measure(subj, state), subj.unit, state.year
    shown = title(frame, cat, state, told)
    if state.view == "ranking":
        # one place is no ranking: one bar alone read as a chart of something (Ashley chosen with
        # Bristol, which is left out beside it); the chart says so and the sentence gives the value
        figure = (design.empty_figure(_("A ranking needs two places or more.")) if len(frame) == 1
                  else figures.ranking_figure(frame, column, unit))
        return shown, figure, ranking_summary(frame, subj, column, year, told)
    if state.view == "distribution":
        return (shown, figures.distribution_figure(frame, column, unit),
                distribution_summary(frame, subj, column, year, told))
    if state.view == "trend":
        points = told if column == "value" else None  # a score's year is the year it is computed for
        return (shown, figures.trend_figure(frame, column, unit, points),
                trend_summary(frame, subj, column, state, points))
    if state.view == "scatter":
        (x_name, x_plain), (y_name, y_plain) = scatter_names(cat, state)
        x_unit, y_unit = axis_units(cat, state)
        # the axes are plotly's and the title a picture's too: the names' language marked after them
        axes = (scatter_axis(x_name, state.measure, x_unit), scatter_axis(y_name, state.measure, y_unit))
        return (shown, figures.scatter_figure(frame, state.x, state.y, axes, state.size),
                scatter_summary(frame, state, x_plain, y_plain, told, unshared))
    return shown, None, table_summary(frame, subj, state, sort_label(state.sort, state.measure, subj.assumed))


def title(frame: pd.DataFrame, cat: Catalogue, state: State, told: dict[int, str] | None = None,
          marked: bool = True) -> str:
    """The view's title. `marked`: an indicator's name in another language than the reader's is
    marked after it ("(en anglais)"), as a picture's title and a chart's heading write it; else bare,
    as a table's caption holds it, the page tagging it with its language (`Table.languages`): the
    French scatter's table was captioned "... (en anglais) en fonction de ... (en anglais)"."""
    subj = subject(cat, state)
    if not marked and subj.kind == "indicator":
        subj = replace(subj, label=subj.phrase)
    year, values = state.year, measure(subj, state) == "value"
    if state.view == "ranking":
        shown = (_("Ranking by {subject} (values), {year}") if values
                 else _("Ranking by {subject} (scores), {year}"))
        # the subject as inside a sentence: "Classement selon l'objectif 3 (…)", not "selon Objectif 3 : …"
        return shown.format(subject=subj.titled, year=year)
    if state.view == "distribution":
        shown = (_("{subject} (values) by UN region, {year}") if values
                 else _("{subject} (scores) by UN region, {year}"))
        return shown.format(subject=capital(subj.label), year=year)
    if state.view == "trend":
        start, end = data_years(frame, state)
        if start == end:  # one year drawn: "2015 to 2015" said a span
            shown = _("{subject} (values), {start}") if values else _("{subject} (scores), {start}")
        else:
            shown = (_("{subject} (values), {start} to {end}") if values
                     else _("{subject} (scores), {start} to {end}"))
        points = told if values else None  # a score's year is the year it is computed for
        return shown.format(subject=capital(subj.label), start=year_text(start, points),
                            end=year_text(end, points))
    if state.view == "scatter":
        (x_name, x_plain), (y_name, y_plain) = scatter_names(cat, state)
        x, y = (x_name, y_name) if marked else (x_plain, y_plain)
        return _("{y} against {x}, {year}").format(y=y, x=x, year=year)
    # the subject as a sentence holds it: "Territoires selon l'objectif 1" (was "selon Objectif 1")
    return _("Places by {subject}, {year}").format(subject=subj.titled, year=year)


def where(cat: Catalogue, state: State) -> list[str]:
    """The geographic filters in effect, most specific first: the country, else the subregion, else
    the region; then the population band."""
    parts = []
    if state.country:
        stored = cat.places.loc[cat.places["country_iso3"] == state.country, "country_name"]
        parts.append(country_name(state.country, stored.iloc[0] if len(stored) else ""))
    elif state.subregion or state.region:
        parts.append(names.region(state.subregion or state.region))
    if state.band:
        parts.append(_("population {sizes}").format(sizes=scores.band_range(state.band)))
    return parts


def chosen(cat: Catalogue, state: State, left: frozenset[str] = frozenset()) -> str | None:
    """The chosen places by name (up to three), else how many; not those `left` out of the chart (a
    whole beside its own part: Bristol chosen with its ward Ashley was named over Ashley's bar alone)."""
    places = [p for p in state.places if p not in left]
    if not places:
        return None
    labels = cat.places.set_index("place_id")["label"]
    shown = [str(labels.get(p, p)) for p in places]
    if len(shown) <= 3:
        return i18n.join(shown)
    return ngettext("{count} chosen place", "{count} chosen places", len(shown)).format(
        count=i18n.integer(len(shown)))


def subtitle(cat: Catalogue, state: State, drawn: int | None = None,
             left: frozenset[str] = frozenset()) -> str:
    """What the title leaves out: every filter in effect, and which places a chart picks by itself
    (a trend's five best, or the `drawn` places with data where they are fewer); of the places
    chosen, those drawn (`left`: place_ids left out, which its summary names and says why)."""
    parts = where(cat, state)
    picked = chosen(cat, state, left)
    if picked:
        parts.append(picked)
    elif state.view == "trend" and cat.alone:
        parts.append(str(cat.places["label"].iloc[0]))
    elif state.view == "trend" and drawn and drawn < 5:
        parts.append(ngettext("the only place with data", "the {count} places with data", drawn).format(
            count=i18n.integer(drawn)))
    elif state.view == "trend" and state.measure == "value" and assumed_direction(cat, state.indicator):
        parts.append(_("the five highest places by their latest value shown"))
    elif state.view == "trend" and state.measure == "value" and state.indicator:
        parts.append(_("the five best places by their latest value shown"))
    elif state.view == "trend":
        parts.append(_("the five best places in the last year shown"))
    if state.view == "table" and state.find:
        parts.append(_("names containing '{find}'").format(find=state.find))
    if not parts:
        return _("all places")
    return " · ".join(parts)
