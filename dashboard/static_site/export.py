"""`city-sdg export-static DIR`: the dashboard for one store version as plain files.

Every page, state, embed and picture is built by the view layer (`views.registry`), as the live app
builds it; the languages are built in parallel processes; a file is rewritten only when its bytes
change, and a picture is drawn only when its figure changed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from dashboard import data, plotly_bundle
from dashboard.delivery.files import BOOTSTRAP_DIR
from dashboard.paths import ASSETS_DIR, STATIC_DIR
from dashboard.static_site import about, city_pages, embeds, explore_pages, frame, opendata, projects_pages
from dashboard.static_site.frame import Site
from dashboard.static_site.output import Output
from layouts import i18n, scores
from loaders.store import Store
from views import registry
from views.base import NotAvailable

SITE_PAGES = (
    "index.html",
    "rankings.html",
    "explore.html",
    "projects.html",
    "financing.html",
    "data.html",
    "embeds.html",
    "about.html",
)
LANGUAGE_STEPS = 8
"""Steps of one language's pages besides the city pages (map, rankings, explore, projects,
financing, embeds, about, pictures); each city page in each language is one more step."""
TICK_WAIT = 0.5
"""Seconds the export waits for its processes between two looks at the steps they finished."""


def uncounted(steps: int) -> None:
    """Where finished steps go when nobody counts them."""


_step: Callable[[int], None] = uncounted
"""Called by the export's work after each step, in whichever process it runs."""


def counting_into(steps) -> None:
    """A worker process's start: its finished steps are added to a number shared with the exporting
    process (a shared number, not a queue: a queue nobody reads, after an error in the exporting
    process, would keep the workers from ending)."""
    global _step

    def count(more: int) -> None:
        with steps.get_lock():
            steps.value += more

    _step = count


def step(count: int = 1) -> None:
    _step(count)


@dataclass(frozen=True)
class Part:
    """A part of the dashboard, for a quick look before a full export (and for tests): only these
    places get pages (links to others keep their words), only the latest `years` years get map
    states. Empty: everything."""

    places: tuple[str, ...] = ()
    years: int | None = None

    def chosen(self, places: list[str]) -> list[str]:
        return [p for p in places if p in self.places] if self.places else places


@dataclass
class Report:
    version: str
    languages: list[str]
    pages: int
    states: int
    files: int
    written: int
    unchanged: int
    removed: int
    pictures_drawn: int
    pictures_kept: int
    size: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"exported data version {self.version} in {', '.join(self.languages)}",
            f"  {self.pages:,} pages, {self.states:,} pre-built states, {self.files:,} files, "
            f"{self.size / 1e6:.1f} MB",
            f"  written {self.written:,}, unchanged {self.unchanged:,}, removed {self.removed:,}; "
            f"pictures drawn {self.pictures_drawn}, kept {self.pictures_kept}",
            f"  {self.seconds:.1f} s",
        ]


def run_here(work, out, root, version, progress, total) -> tuple[list[dict], list]:
    """The work in this process (`--jobs 1`), telling `progress` of every step."""
    global _step
    done = [0]

    def count(steps: int) -> None:
        done[0] += steps
        progress(done[0], total)

    _step = count
    try:
        listed = opendata.write_tables(out, root, version)
        count(1)
        return [task(*arguments) for task, *arguments in work], listed
    finally:
        _step = uncounted


def shared_assets(out: Output) -> dict[str, str]:
    """Files every page links, each written once under a content hash."""
    sources = {
        "bootstrap.min.css": BOOTSTRAP_DIR / "css" / "bootstrap.min.css",
        "plotly.min.js": plotly_bundle.bundle_path(),
        "embed.css": STATIC_DIR / "embed.css",
        "embed.js": STATIC_DIR / "embed.js",
        "map_fit.js": ASSETS_DIR / "map_fit.js",  # the live pages' map fit and ranking fold, for the
        "ranking_fold.js": ASSETS_DIR / "ranking_fold.js",  # site's maps and rankings too
        "static_site.js": STATIC_DIR / "static_site.js",
        "static_site.css": STATIC_DIR / "static_site.css",
        "site.css": ASSETS_DIR / "site.css",
        "colours.css": ASSETS_DIR / "colours.css",
    }
    contents = {name: path.read_bytes() for name, path in sources.items()}
    # every chart's template and graph settings, once for the whole site (frame.shared_figure)
    shared = "window.citySdgFigure = " + json.dumps(frame.shared_figure(), separators=(",", ":")) + ";\n"
    contents["static_site.js"] = shared.encode("utf-8") + contents["static_site.js"]
    assets = {name: out.hashed("assets", name, data) for name, data in contents.items()}
    assets["topojson"] = out.hashed_together("assets", {
        name: (ASSETS_DIR / "topojson" / name).read_bytes() for name in TOPOLOGIES})
    return assets


TOPOLOGIES = ("world_110m.json", "usa_110m.json")
"""The map topologies the site's live maps load: the world's, and the USA's for a map of US states
drawn as their shapes (`layouts.maps.USA`)."""


def mapped_places(store) -> list[str]:
    """The places the site has a page for: those a reader can find (`scores.findable_places`)."""
    return list(scores.findable_places(store)["place_id"])


def opened(root: str, version: str):
    """The version as the export reads it: tables in memory, each select answered from an index."""
    store = data.load_version(root, version)
    store.index_rows()
    return store


def language_site(store, language: str, common: Common) -> Site:
    return Site(
        language,
        common.languages,
        common.assets,
        common.base_url,
        set(common.part.chosen(mapped_places(store))),
        json.loads((ASSETS_DIR / "topojson" / "world_110m.json").read_text(encoding="utf-8")),
        store,
        common.pictures,
        common.part.years,
        usa=json.loads((ASSETS_DIR / "topojson" / "usa_110m.json").read_text(encoding="utf-8")),
    )


@dataclass(frozen=True)
class Common:
    """What every piece of work of one export shares."""

    root: str
    version: str
    out_dir: str
    languages: list[str]
    assets: dict[str, str]
    base_url: str
    pictures: bool
    part: Part


def first_city(site: Site, store) -> str | None:
    """The first place with a city page (its views are the gallery's city embeds)."""
    for place in sorted(site.cities):
        try:
            registry.build("city-goals", {"place": place}, store)
            return place
        except NotAvailable:
            continue
    return None


def export_pages(common: Common, language: str) -> dict:
    """Every page of one language but the city pages (run in its own process)."""
    store = opened(common.root, common.version)
    out = Output(Path(common.out_dir))
    with i18n.use(language):
        store = data.shown(store)
        site = language_site(store, language, common)
        states = 0
        for page in (explore_pages.map_page, explore_pages.rankings_page, explore_pages.explore_page,
                     projects_pages.projects_page, projects_pages.financing_page):
            states += len(page(out, site, store))
            step()
        shown = embeds.gallery(out, site, store, first_city(site, store))
        step()
        oembed = {
            f"{name}.json": embeds.oembed_target(embeds.embed_file(name, None), shown[name])
            for name in ("map", "ranking", "projects-map", "financing-gaps")
            if name in shown
        }
        embeds.oembed_files(out, site, oembed)
        about.about_page(out, site, store)
        step()
        drawn, kept = embeds.pictures(out, site, store, shown, common.pictures) if common.pictures else (0, 0)
        step()
    return finished(out, states=states, drawn=drawn, kept=kept)


def export_cities(common: Common, places: list[str]) -> dict:
    """The city pages of `places` (with their goal embeds and oEmbed answers) in every language, in
    one process: what a place's views read from the store is the same in every language."""
    store = opened(common.root, common.version)
    out = Output(Path(common.out_dir))
    pages = []
    for language in common.languages:
        with i18n.use(language):
            shown = data.shown(store)
            site = language_site(shown, language, common)
            oembed = {}
            for place in places:
                views = city_pages.city_page(out, site, shown, place)
                if "city-goals" in views:
                    pages.append(f"city/{place}.html")
                    file = embeds.embed_document(out, site, shown, "city-goals", views["city-goals"], place)
                    oembed[f"city/{place}.json"] = embeds.oembed_target(file, views["city-goals"])
                step()
            embeds.oembed_files(out, site, oembed)
    return finished(out, pages=pages)


def finished(out: Output, **extra) -> dict:
    return {
        "files": sorted(out.files),
        "written": out.written,
        "unchanged": out.unchanged,
        "size": out.size,
        "fingerprints": out.fingerprints,
        **extra,
    }


def city_chunks(places: list[str], count: int) -> list[list[str]]:
    """The places in `count` interleaved groups of about the same size (neighbours in the alphabet
    often share a country and its amount of data)."""
    return [chunk for chunk in (places[i::count] for i in range(count)) if chunk]


def export(
    store_root: Path | str,
    out_dir: Path | str,
    base_url: str = "",
    languages: list[str] | None = None,
    pictures: bool = True,
    jobs: int | None = None,
    version: str | None = None,
    part: Part | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Write the site; `progress(done, total)` is told the steps done as they finish: a city page in
    one language, one of a language's other pages (the map page with its states is one), a
    language's pictures, the open data."""
    started = time.perf_counter()
    store = Store(store_root)
    version = version or store.current_version()
    if version is None:
        raise ValueError(f"{store_root} holds no data version to export")
    root = str(store.root)
    stored = data.load_version(root, version)
    languages = languages or i18n.languages()
    base_url = base_url.rstrip("/")
    out = Output(Path(out_dir))
    assets = shared_assets(out)
    part = part or Part()
    common = Common(root, version, str(out.root), languages, assets, base_url, pictures, part)
    places = sorted(part.chosen(mapped_places(stored)))
    jobs = max(1, jobs or os.cpu_count() or 1)
    # the work in pieces of similar size, longest first, so every process stays busy to the end: each
    # language's other pages, then the city pages in groups of places (each group in every language)
    work = [(export_pages, common, code) for code in languages]
    work += [(export_cities, common, chunk) for chunk in city_chunks(places, 3 * jobs if jobs > 1 else 1)]
    total = len(languages) * (LANGUAGE_STEPS + len(places)) + 1
    progress = progress or (lambda done, total: None)
    progress(0, total)
    if jobs == 1:
        results, listed = run_here(work, out, root, version, progress, total)
    else:
        steps = multiprocessing.get_context().Value("q", 0)
        told = [0]

        def tell() -> None:  # only a change: a line reporter prints every call at the total
            if 1 + steps.value != told[0]:
                told[0] = 1 + steps.value
                progress(told[0], total)

        with ProcessPoolExecutor(jobs, initializer=counting_into, initargs=(steps,)) as pool:
            futures = [pool.submit(task, *arguments) for task, *arguments in work]
            listed = opendata.write_tables(out, root, version)  # meanwhile, here
            waiting = set(futures)
            while waiting:
                tell()
                _, waiting = wait(waiting, timeout=TICK_WAIT, return_when=FIRST_COMPLETED)
            results = [future.result() for future in futures]
        tell()
    for code in languages:
        with i18n.use(code):
            opendata.data_page(out, language_site(stored, code, common), listed)
    states = drawn = kept = 0
    written = set()
    for result in results:
        out.files.update(result["files"])
        out.written += result["written"]
        out.unchanged += result["unchanged"]
        out.size += result["size"]
        out.fingerprints.update(result["fingerprints"])
        states += result.get("states", 0)
        drawn, kept = drawn + result.get("drawn", 0), kept + result.get("kept", 0)
        written.update(result.get("pages", []))
    pages = [*SITE_PAGES, *(f"city/{p}.html" for p in places if f"city/{p}.html" in written)]
    if base_url:  # a sitemap's addresses must be absolute: without the published address, none
        opendata.sitemap(out, base_url, languages, pages)
    about.root_page(out, languages, languages[0])
    out.write(".nojekyll", "")
    out.finish()
    return Report(
        version,
        languages,
        len(pages) * len(languages),
        states,
        len(out.files),
        out.written,
        out.unchanged,
        out.removed,
        drawn,
        kept,
        out.size,
        time.perf_counter() - started,
    )
