"""`city-sdg export-static DIR`: the dashboard for one store version as plain files.

Every page, state, embed and picture is built by the view layer (`views.registry`), as the live app
builds it; the languages are built in parallel processes; a file is rewritten only when its bytes
change, and a picture is drawn only when its figure changed.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dashboard import data, plotly_bundle
from dashboard.delivery.files import BOOTSTRAP_DIR
from dashboard.paths import ASSETS_DIR, STATIC_DIR
from dashboard.static_site import about, city_pages, embeds, explore_pages, opendata, projects_pages
from dashboard.static_site.frame import Site
from dashboard.static_site.output import Output
from layouts import i18n, scores
from loaders.store import Store

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


def shared_assets(out: Output) -> dict[str, str]:
    """Files every page links, each written once under a content hash."""
    sources = {
        "bootstrap.min.css": BOOTSTRAP_DIR / "css" / "bootstrap.min.css",
        "plotly.min.js": plotly_bundle.bundle_path(),
        "embed.css": STATIC_DIR / "embed.css",
        "embed.js": STATIC_DIR / "embed.js",
        "static_site.js": STATIC_DIR / "static_site.js",
        "static_site.css": STATIC_DIR / "static_site.css",
        "site.css": ASSETS_DIR / "site.css",
    }
    assets = {name: out.hashed("assets", name, path.read_bytes()) for name, path in sources.items()}
    topology = (ASSETS_DIR / "topojson" / "world_110m.json").read_bytes()
    assets["topojson"] = out.hashed("assets", "world_110m.json", topology).rsplit("/", 1)[0]
    return assets


def mapped_places(store) -> list[str]:
    return list(scores.mapped_places(store)["place_id"])


def export_language(
    root: str,
    version: str,
    out_dir: str,
    language: str,
    languages: list[str],
    assets: dict[str, str],
    base_url: str,
    pictures: bool,
    listed: list[tuple],
    part: Part,
) -> dict:
    """Every page of one language (run in its own process); returns what it wrote."""
    store = data.load_version(root, version)
    out = Output(Path(out_dir))
    with i18n.use(language):
        site = Site(
            language,
            languages,
            assets,
            base_url,
            set(part.chosen(mapped_places(store))),
            json.loads((ASSETS_DIR / "topojson" / "world_110m.json").read_text(encoding="utf-8")),
            store,
            pictures,
            part.years,
        )
        states = 0
        states += len(explore_pages.map_page(out, site, store))
        states += len(explore_pages.rankings_page(out, site, store))
        states += len(explore_pages.explore_page(out, site, store))
        states += len(projects_pages.projects_page(out, site, store))
        states += len(projects_pages.financing_page(out, site, store))
        pages, oembed = list(SITE_PAGES), {}
        for place in sorted(site.cities):
            views = city_pages.city_page(out, site, store, place)
            if "city-goals" in views:
                pages.append(f"city/{place}.html")
                file = embeds.embed_document(out, site, store, "city-goals", views["city-goals"], place)
                oembed[f"city/{place}.json"] = file
        first = next((p for p in sorted(site.cities) if f"city/{p}.html" in pages), None)
        shown = embeds.gallery(out, site, store, first)
        for name, target in (
            ("map", "map"),
            ("ranking", "ranking"),
            ("projects-map", "projects-map"),
            ("financing-gaps", "financing-gaps"),
        ):
            if name in shown:
                oembed[f"{target}.json"] = embeds.embed_file(name, None)
        embeds.oembed_files(out, site, oembed)
        about.about_page(out, site, store)
        opendata.data_page(out, site, listed)
        drawn, kept = embeds.pictures(out, site, store, shown, pictures) if pictures else (0, 0)
    return {
        "files": sorted(out.files),
        "written": out.written,
        "unchanged": out.unchanged,
        "size": out.size,
        "states": states,
        "pages": pages,
        "drawn": drawn,
        "kept": kept,
        "fingerprints": out.fingerprints,
    }


def export(
    store_root: Path | str,
    out_dir: Path | str,
    base_url: str = "",
    languages: list[str] | None = None,
    pictures: bool = True,
    jobs: int | None = None,
    version: str | None = None,
    part: Part | None = None,
) -> Report:
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
    listed = opendata.write_tables(out, root, version, stored.projects)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(languages)))
    arguments = [
        (root, version, str(out.root), code, languages, assets, base_url, pictures, listed, part or Part())
        for code in languages
    ]
    if jobs == 1:
        results = [export_language(*a) for a in arguments]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(export_language, *zip(*arguments, strict=True)))
    states = 0
    drawn = kept = 0
    for result in results:
        out.files.update(result["files"])
        out.written += result["written"]
        out.unchanged += result["unchanged"]
        out.size += result["size"]
        out.fingerprints.update(result["fingerprints"])
        states += result["states"]
        drawn, kept = drawn + result["drawn"], kept + result["kept"]
    pages = results[0]["pages"] if results else []
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
