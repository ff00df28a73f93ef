"""The About page's plain-language parts, shared by the live page and the static site's: what the
dashboard shows, how to read a rating (with the index rule of the store's settings), why a place
can be missing from a map, and the data version."""

from __future__ import annotations

from dash import html

from layouts import design, i18n, place_facts
from layouts.i18n import _
from loaders.store import StoreData


def what_it_shows() -> html.Div:
    return html.Div([
        html.H2(_("What this dashboard shows"), id="what", className="h4 mt-3"),
        html.P(_("How cities are doing on the 17 UN Sustainable Development Goals, from the data on "
                 "screen: a map of places coloured by score or rating with a ranked list beside it, a "
                 "page for each city with its 17 goals, its indicators and their history, and the "
                 "local innovation projects cities run, with their funding.")),
        html.P(_("Find your city with the search box on the map page, or choose it in the ranking or on "
                 "the map. Every chart has a sentence that says what it shows and its data as a table.")),
    ])


def rating_guide(store: StoreData) -> html.Div:
    """How to read a rating, a trend and a score, with the one legend every map and tile uses; the
    index's rule as the store's scoring settings have it (it said "most indicators" of a rule that
    asks for 80 %)."""
    settings = place_facts.settings_of(store)
    meanings = {"green": _("the goal is achieved"), "yellow": _("close to the goal, but challenges remain"),
                "orange": _("significant challenges remain"), "red": _("major challenges remain"),
                "grey": _("too few indicators have data to rate the goal")}
    return html.Div([
        html.H2(_("How to read a rating"), id="ratings", className="h4 mt-4"),
        html.P(_("Each goal gets a score from 0 (worst) to 100 (best) and one of four ratings. The "
                 "rating is written in words everywhere, beside its colour:")),
        html.Ul([html.Li([html.Span(className="rating-dot", style={"backgroundColor": colour}),
                          html.Strong(words), " – ", meanings[key]])
                 for key, colour, words in design.rating_legend()], className="list-unstyled"),
        html.P(_("A goal's rating follows its two weakest indicators, not its average score, so a goal "
                 "with a high score can still be rated 'major challenges'. Each goal on a city page says "
                 "which indicators set its rating.")),
        html.P(_("Trend arrows say whether an indicator's score is improving fast enough to reach the "
                 "goal by 2030. The score can fall while the value rises (more air pollution is a "
                 "rising value and a falling score), so city pages show the value's own direction "
                 "beside the score's trend.")),
        html.P(_("The SDG Index is the average of a place's goal scores. A place gets an index and a rank "
                 "only when it has data for at least {share} of the index's indicators and scores for at "
                 "least {goals} of the 17 goals; ranks are always given with the number of places "
                 "ranked.").format(share=i18n.percent(settings.place_coverage),
                                   goals=i18n.integer(settings.index_min_goals))),
    ])


def not_drawn() -> html.Div:
    """Why a place can be missing from a map, and how the people who publish the data add it."""
    return html.Div([
        html.H2(_("Places that are not on the map"), id="not-drawn", className="h4 mt-4"),
        html.P(_("A place is drawn where the data give its position. A country, or a state of the United "
                 "States, whose position they do not give is drawn as its own shape (a map of the states "
                 "only is the map of the United States); a country too small for the map's shapes, such "
                 "as Malta, as a marker on its largest island. Any other place without coordinates is "
                 "still counted under the map, listed in the table beside it, and has its own page.")),
        html.P(_("To put it on the map, the team that imports the data gives its coordinates (the mapping "
                 "file's lat and lon columns) or its GeoNames id (geonameid), or names its country and "
                 "region so that the place is found among places of the same name, and imports the file "
                 "again.")),
    ])


def version_line(store: StoreData) -> str:
    created = i18n.day(store.meta.get("created"))
    if store.is_demo and created:
        line = _("Data version {version} (demonstration data), created on {date}.")
    elif store.is_demo:
        line = _("Data version {version} (demonstration data), created at an unknown time.")
    elif created:
        line = _("Data version {version} (imported data), created on {date}.")
    else:
        line = _("Data version {version} (imported data), created at an unknown time.")
    return line.format(version=store.version, date=created)
