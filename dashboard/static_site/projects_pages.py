"""The projects and financing pages: their charts pre-built per goal (projects) and per UN region
(financing) by the view layer, and every project in one JSON file that the page filters itself."""

from __future__ import annotations

import json
from html import escape

import numpy as np

from dashboard.static_site.explore_pages import embed_links, goal_words, oembed_href, write_states
from dashboard.static_site.frame import Site, controls, page, view_section
from dashboard.static_site.output import Output, relative
from layouts import i18n, names, projects_cards, texts
from layouts.i18n import N_, _, ngettext
from layouts.projects import NOT_STATED
from layouts.projects_cards import budget_cells, in_own_currencies, shown_columns, table_records
from layouts.vocabulary import label
from loaders.schema import PROJECT_STATUSES, PROJECT_THEMES
from loaders.store import StoreData
from views import financing, registry
from views import projects as projects_view
from views.explore import options as explore_options

EXTRACTED = (
    N_("Innovation projects"),
    N_("All"),
    N_("Search"),
    N_("Every project"),
    N_("Financing"),
    N_("Only the projects of {place}."),
    N_("Show every place"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


COUNTED = ("jobs_created", "beneficiaries")
"""The list's numbers, written in the page's language ("1.400" in Spanish); a start year is written
as a year ("2027", not "2,027"), a budget as the live table writes it (`budget_cells`)."""


def project_records(store: StoreData) -> list[dict]:
    """The projects list's rows, every cell as the page shows it (the script writes them as they are)."""
    cat = projects_view.context(store)
    records = table_records(cat.projects)
    projects = cat.projects
    languages = projects["language"] if "language" in projects else [None] * len(records)
    for record, place, theme, status, language in zip(
        records, projects["place_id"], projects["theme"], projects["status"], languages, strict=True
    ):
        record.update(place_id=place, theme_key=theme, status_key=status)
        if texts.foreign(language) and record.get("title"):  # the script tags the title with it
            record["lang"] = language
        year = record.get("start_year")
        record["start_year"] = None if year is None else str(int(year))
        for column in COUNTED:
            if record.get(column) is not None:
                record[column] = i18n.integer(record[column])
    signed = in_own_currencies(projects)
    for record, budget in zip(records, budget_cells(projects, missing_text="", signed=signed), strict=True):
        record["budget_usd"] = budget or None
    order = np.argsort(projects_cards.sort_rank(cat, projects_cards.default_sort(cat)), kind="stable")
    return [records[i] for i in order]  # in the app's first order (Berlin's: by title), not the import's


def without_projects(out: Output, site: Site, name: str, heading: str) -> dict:
    """A store without projects: its projects pages say so (an address shared earlier still opens)."""
    main = (f'<h1 class="h3">{escape(heading)}</h1>'
            f'<p class="lead">{escape(_("This data holds no projects yet."))}</p>')
    out.write(site.path(name), page(site, name, heading, main))
    return {}


def projects_page(out: Output, site: Site, store: StoreData) -> dict:
    if store.projects.empty:
        return without_projects(out, site, "projects.html", _("Innovation projects"))
    here = site.path("projects.html")
    folder = site.path("states/projects")
    goals = [str(g) for g in range(1, 18)]
    cat = projects_view.context(store)
    targets = [(f"view-{name}", name) for name in ("projects-map", *projects_view.drawn_charts(cat))]
    states = write_states(out, site, here, folder, targets, [("goal", ["", *goals])])
    listing = site.path("projects.json")
    columns = [{"id": c["id"], "name": c["name"]} for c in shown_columns(cat)]
    out.write(
        listing,
        json.dumps(
            {"columns": columns, "projects": project_records(store)},
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
        ),
    )
    form = controls(
        "projects-charts",
        relative(here, folder) + "/",
        [("goal", _("Goal"), [("", _("All goals")), *((g, goal_words(g)) for g in goals)], "")],
    )
    sections = "".join(
        view_section(site, here, target, registry.build(name, {}, store), embed_links(site, here, name))
        for target, name in targets
    )
    left_out = projects_view.left_out_sentence(cat)
    sections += f'<p class="text-muted">{escape(left_out)}</p>' if left_out else ""
    projects = cat.projects
    main = f'<h1 class="h3">{escape(_("Innovation projects"))}</h1>{form}{sections}' + project_filter(
        here, listing, len(projects), set(projects["status"].astype("string").dropna()),
        set(projects["theme"].astype("string").dropna()))
    out.write(
        here,
        page(site, "projects.html", _("Innovation projects"), main, oembed=oembed_href(site, "projects-map")),
    )
    return states


def project_filter(here: str, listing: str, total: int, statuses: set[str], themes: set[str]) -> str:
    """The list of every project with filters the page's script applies in the browser; the statuses
    and themes offered are those some project has, "not stated" among the statuses (Berlin's 420 have
    no other), and a filter with nothing to choose between is left out (Berlin's offered twelve themes
    none of its projects has)."""

    def select(name: str, words: str, options: list[tuple[str, str]]) -> str:
        choices = "".join(f'<option value="{escape(v)}">{escape(w)}</option>' for v, w in options)
        return (
            f'<div class="col-auto"><label class="form-label small mb-0" for="filter-{name}">'
            f'{escape(words)}</label><select class="form-select form-select-sm" id="filter-{name}" '
            f'name="{name}"><option value="">{escape(_("All"))}</option>{choices}</select></div>'
        )

    offered_themes = [(t, label("theme", t)) for t in PROJECT_THEMES if t in themes]
    offered_statuses = [(s, label("status", s)) for s in (*PROJECT_STATUSES, NOT_STATED) if s in statuses]
    fields = [
        select("goal", _("Goal"), [(str(g), goal_words(str(g))) for g in range(1, 18)]),
        *([select("theme", _("Theme"), offered_themes)] if offered_themes else []),
        *([select("status", _("Status"), offered_statuses)] if len(offered_statuses) > 1 else []),
        f'<div class="col-auto"><label class="form-label small mb-0" for="filter-q">'
        f'{escape(_("Search"))}</label><input class="form-control form-control-sm" id="filter-q" '
        f'name="q" type="search"></div>',
        '<input type="hidden" name="place">',  # a city page's link: its place's projects
    ]
    empty = ngettext("No project of the {total} in the store matches these filters.",
                     "No project of the {total} in the store matches these filters.", total).format(
        total=i18n.integer(total))
    offline = _("The list of projects needs the folder to be served by a web server (even "
                "`python -m http.server`); opened as a file, the charts above show every project.")
    return (
        f'<section class="mt-4" aria-labelledby="project-list-title">'
        f'<h2 class="h4" id="project-list-title">{escape(_("Every project"))}</h2>'
        f'<form class="row g-2 align-items-end mb-2 project-filter" data-empty="{escape(empty)}" '
        f'data-offline="{escape(offline)}" '
        f'data-source="{escape(relative(here, listing))}">{"".join(fields)}</form>'
        f'<p class="project-place" hidden data-words="{escape(_("Only the projects of {place}."))}">'
        f'<span></span> <button type="button" class="btn btn-link btn-sm p-0 align-baseline">'
        f'{escape(_("Show every place"))}</button></p>'
        f'<p class="project-count" aria-live="polite"></p>'
        f'<div class="table-responsive project-list"></div></section>'
    )


def financing_page(out: Output, site: Site, store: StoreData) -> dict:
    if store.projects.empty:
        return without_projects(out, site, "financing.html", _("Financing"))
    here = site.path("financing.html")
    folder = site.path("states/financing")
    regions = [
        o["value"] for o in explore_options.region_options(projects_view.context(store).places) if o["value"]
    ]
    targets = [(f"view-{name}", name) for name in financing.CHARTS]
    states = write_states(out, site, here, folder, targets, [("region", ["", *regions])])
    form = controls(
        "financing-charts",
        relative(here, folder) + "/",
        [("region", _("UN region"), [("", _("All regions")), *((r, names.region(r)) for r in regions)], "")],
    )
    sections = "".join(
        view_section(site, here, target, registry.build(name, {}, store), embed_links(site, here, name))
        for target, name in targets
    )
    main = f'<h1 class="h3">{escape(_("Financing"))}</h1>{form}{sections}'
    out.write(
        here, page(site, "financing.html", _("Financing"), main, oembed=oembed_href(site, "financing-gaps"))
    )
    return states
