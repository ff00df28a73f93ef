"""About: methodology, the sources of the data on screen, and the accessibility statement."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import data, docs_text
from dashboard.chrome import page_messages
from dashboard.docs_text import document
from layouts import design, facts, i18n
from layouts.i18n import _
from layouts.sources import sources_table
from layouts.tables import data_table
from layouts.texts import language_name
from loaders.store import StoreData

dash.register_page(__name__, path="/about", title=lambda: _("About City SDG Dashboard"), name="About")


def doc_section(name: str, section_id: str) -> html.Section:
    """A document as a page section, tagged with its own language; when it is shown in English
    to a reader of another language, a note in the reader's language says so at its top."""
    found = document(name)
    if found is None:
        return html.Section(html.P(_("The document {name} is missing.").format(name=name)),
                            id=section_id, className="mt-4 markdown-doc")
    content, code = found
    note = []
    if code != i18n.language():
        note = [html.P(
            _("This section is not yet available in {language}; it is shown in English.").format(
                language=language_name(i18n.language())),
            className="alert alert-info small doc-fallback", lang=i18n.language(), dir=i18n.direction(),
        )]
    return html.Section([*note, dcc.Markdown(docs_text.page_links(content))], id=section_id, lang=code,
                        dir=i18n.direction(code), className="mt-4 markdown-doc")


def rating_guide(store: StoreData) -> html.Div:
    """How to read a rating, a trend and a score, with the one legend every map and tile uses; the
    index's rule as the store's scoring settings have it (it said "most indicators" of a rule that
    asks for 80 %)."""
    settings = facts.settings_of(store)
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
        html.P(_("A place is drawn only when the data give its position. A place without coordinates is "
                 "still counted under the map, listed in the table beside it, and has its own page.")),
        html.P(_("To put it on the map, the team that imports the data gives its coordinates (the mapping "
                 "file's lat and lon columns) or its GeoNames id (geonameid), or names its country and "
                 "region so that the place is found among places of the same name, and imports the file "
                 "again.")),
    ])


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


def layout(**query: str) -> html.Div:
    store = data.current()
    return html.Div(
        [
            page_messages(store, []),
            html.H1(_("About this dashboard"), className="h3"),
            html.Nav(html.Ul([
                html.Li(html.A(_("What this dashboard shows"), href="#what")),
                html.Li(html.A(_("How to read a rating"), href="#ratings")),
                html.Li(html.A(_("Places that are not on the map"), href="#not-drawn")),
                html.Li(html.A(_("Where the data come from"), href="#sources")),
                html.Li(html.A(_("Full methodology"), href="#methodology")),
                html.Li(html.A(_("Accessibility"), href="#accessibility")),
            ]), **{"aria-label": _("On this page")}),
            what_it_shows(),
            rating_guide(store),
            not_drawn(),
            html.H2(_("Where the data come from"), id="sources", className="h4 mt-4"),
            html.P(version_line(store)),
            data_table(sources_table(store.meta), _("Sources of the data on screen")),
            html.Details([html.Summary(_("Full methodology (for specialists)"), className="h5"),
                          doc_section("methodology.md", "methodology")], className="mt-4"),
            html.Details([html.Summary(_("Accessibility statement"), className="h5"),
                          doc_section("accessibility.md", "accessibility")], className="mt-3"),
        ]
    )
