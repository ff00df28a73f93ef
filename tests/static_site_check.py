"""Helpers for the static-site tests: the links of an exported folder, and text read out of HTML."""

from __future__ import annotations

import fcntl
import gzip
import itertools
import json
import os
import pickle
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE = "https://example.org/sdg"
PLACES = ("ken-nairobi", "uga-kampala", "swe-stockholm", "chn-aihui", "bra-sao-paulo", "usa-new-york")


def export_demo_once(tmp_path_factory) -> tuple[Path, object]:
    """The demo exported once per test run, whichever test worker asks first: the workers of one
    xdist run share their base folder's parent, and a file lock makes the others wait for the
    first export and read its report. A part of the demo keeps the tests short on a shared
    machine: English and French (every language is exported by default), the map's latest two
    years, the pages of six places; no pictures (tested on their own).
    benchmarks/static_export.py exports the whole demo."""
    from dashboard.static_site.export import Part, export
    from loaders.paths import DEMO_STORE

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, saved = shared / "static-demo" / "site", shared / "static-demo" / "report.pickle"
    with open(shared / "static-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.exists():
            report = export(DEMO_STORE, folder, BASE, languages=["en", "fr"], pictures=False, jobs=2,
                            part=Part(PLACES, 2))
            saved.write_bytes(pickle.dumps(report))
        return folder, pickle.loads(saved.read_bytes())


class Links(HTMLParser):
    """Every href and src of a page, the state forms' folders and their options."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._select: list | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src", "data-source"):
            if attrs.get(key) is not None:
                self.links.append(attrs[key])
        if tag == "form" and "state-controls" in (attrs.get("class") or ""):
            self.forms.append({"states": attrs["data-states"], "fields": []})
            self._in_form = True
        if tag == "select" and self._in_form:
            self._select = []
            self.forms[-1]["fields"].append(self._select)
        if tag == "option" and self._select is not None:
            self._select.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self._in_form = False


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "all"


def broken_links(root: Path, base_url: str = "") -> tuple[list[str], int]:
    """(links that resolve to no file, links checked) over every HTML page under `root`; a link to
    the published address (--base-url) is checked as the file it names."""
    broken, checked = [], 0
    for page in root.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        targets = list(parser.links)
        for form in parser.forms:
            for values in itertools.product(*form["fields"]):
                targets.append(form["states"] + "_".join(slug(v) for v in values) + ".json.gz")
        for link in targets:
            if base_url and link.startswith(base_url + "/"):
                checked += 1
                if not (root / urlsplit(link[len(base_url) + 1 :]).path).is_file():
                    broken.append(f"{page.relative_to(root)}: {link}")
                continue
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "data") or link.startswith("#") or not parts.path:
                continue
            checked += 1
            if parts.scheme or parts.netloc:
                broken.append(f"{page.relative_to(root)}: {link} (another origin)")
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{page.relative_to(root)}: {link}")
    return broken, checked


def state(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


def texts(html_text: str) -> list[str]:
    """The text of every table cell, in order; a cell ends at its end tag or, where the export
    leaves that out, where the parser would close it (the next cell, row or the table's end)."""
    ends = r"</t[hd]>|<t[hdr][\s>]|</tr>|</tbody>|</table>"
    cells = re.findall(r"<t[hd](?:\s[^>]*)?>(.*?)(?=" + ends + ")", html_text, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells]


def embed_parts(html_text: str) -> dict:
    """Title, subtitle, summary and table cells of a live embed page."""

    def first(pattern: str) -> str:
        found = re.search(pattern, html_text, re.S)
        return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""

    table = html_text[html_text.find('id="embed-data"') :]
    return {
        "title": first(r"<h1>(.*?)</h1>"),
        "subtitle": first(r'class="embed-subtitle[^"]*">(.*?)</p>'),
        "summary": first(r'id="embed-summary"[^>]*>(.*?)</figcaption>'),
        "table": texts(table),
    }
