"""The API's HTML documentation page, written from the spec: resources, parameters, columns, example calls."""

from __future__ import annotations

import re
import shlex
from html import escape
from urllib.parse import urlencode

from dashboard.api.spec import DEFAULT_LIMIT, MAX_LIMIT, PREFIX, RESOURCES, Resource, accepted

STYLESHEET = "/vendor/bootstrap/css/bootstrap.min.css"
TITLE = "City SDG Dashboard: open data API"


def anchor(resource: Resource) -> str:
    return "r-" + re.sub(r"[^a-z0-9]+", "-", resource.name).strip("-")


def table(caption: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<div class="table-responsive"><table class="table table-sm table-striped">'
            f'<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></div>")


def example_path(resource: Resource, version: str, samples: dict[str, str]) -> str:
    path = f"{PREFIX}/{resource.name.replace('{version}', version)}"
    query = {key: samples.get(key, value) for key, value in resource.example.items()}
    return path + ("?" + urlencode(query) if query else "")


def section(resource: Resource, host: str, version: str, samples: dict[str, str]) -> str:
    key = anchor(resource)
    params = [(f"<code>{escape(p.name)}</code>", escape(p.type + (" list" if p.many else "")),
               escape(p.description) + (" One of: " + escape(", ".join(p.enum)) + "." if p.enum else ""),
               f"<code>{escape(p.example)}</code>" if p.example else "")
              for p in accepted(resource).values()]
    columns = [(f"<code>{escape(c.name)}</code>", escape(c.type), escape(c.description))
               for c in resource.columns]
    path = example_path(resource, version, samples)
    links = [f'<a href="{escape(path)}">{escape(path)}</a>']
    if "csv" in resource.formats:
        csv = path.replace(f"{PREFIX}/{resource.name}", f"{PREFIX}/{resource.name}.csv", 1)
        links.append(f'<a href="{escape(csv)}">{escape(csv)}</a>')
    parts = [
        f'<section class="mb-5" aria-labelledby="{key}">',
        f'<h2 id="{key}" class="h3">{escape(resource.title)}</h2>',
        f"<p><code>GET {escape(PREFIX)}/{escape(resource.name)}</code></p>",
        f"<p>{escape(resource.description)}</p>",
        "<h3 class=\"h5\">Parameters</h3>",
        table(f"Query parameters of {resource.name}", ("Name", "Type", "Meaning", "Example"), params),
    ]
    if columns:
        parts += ['<h3 class="h5">Columns</h3>',
                  table(f"Columns of {resource.name}, in order", ("Name", "Type", "Meaning"), columns)]
    parts += ['<h3 class="h5">Example</h3>',
              f"<pre><code>curl {escape(shlex.quote(host.rstrip('/') + path))}</code></pre>",
              "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul></section>"]
    return "\n".join(parts)


def render(host: str, version: str, samples: dict[str, str]) -> str:
    """The page; `host` (this server's root URL) is used only in the curl lines, never loaded;
    `samples` are ids of the version for the examples (indicator, place, country, region, goal)."""
    menu = "".join(f'<li><a href="#{anchor(r)}">{escape(r.title)}</a> <code>{escape(r.name)}</code></li>'
                   for r in RESOURCES.values())
    sections = "\n".join(section(r, host, version, samples) for r in RESOURCES.values())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(TITLE)}</title>
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body>
<a class="visually-hidden-focusable" href="#main">Skip to content</a>
<header class="bg-dark text-white py-2 mb-3"><div class="container">
<a class="text-white fw-bold text-decoration-none" href="/">City SDG Dashboard</a></div></header>
<main id="main" class="container" tabindex="-1">
<h1 class="h2">Open data API</h1>
<p class="lead">Every number behind the dashboard, as JSON or CSV: read-only, no key, no cookies,
open to every origin (CORS).</p>
<ul>
<li>Format: JSON by default; <code>?format=csv</code> or a <code>.csv</code> ending gives CSV
(<code>text/csv; charset=utf-8</code>, with a file name). Missing values are <code>null</code> in JSON,
empty in CSV.</li>
<li>JSON is an envelope: <code>{{"data": [rows], "meta": {{"version", "total", "count", "limit",
"offset", "columns", "next"}}}}</code>.</li>
<li>Paging: <code>limit</code> (default {DEFAULT_LIMIT:,}, at most {MAX_LIMIT:,}) and <code>offset</code>;
<code>meta.next</code> and the <code>Link: &lt;…&gt;; rel="next"</code> header give the next page,
<code>X-Total-Count</code> the number of rows. Explore, projects and versions return every row unless
<code>limit</code> is given.</li>
<li>Versions: every import makes a new data version; <code>version=</code> pins a request to one, so the
numbers of a report stay as published. The current version is <code>{escape(version)}</code>.</li>
<li>Errors: <code>{{"error": {{"status": 400, "parameter": "year", "message": "…"}}}}</code>; an
unknown resource or version is a 404.</li>
<li>Machine-readable description: <a href="{PREFIX}/openapi.json">{PREFIX}/openapi.json</a>
(OpenAPI 3.1).</li>
</ul>
<nav aria-label="Resources"><h2 class="h4">Resources</h2><ul>{menu}</ul></nav>
{sections}
</main>
</body>
</html>
"""
