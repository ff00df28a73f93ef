"""Helpers for real-browser tests: which URLs a page used, and whether any left the origin."""

from __future__ import annotations

from urllib.parse import urlparse

RESOURCES_JS = """
const urls = performance.getEntriesByType('resource').map(e => e.name);
const nav = performance.getEntriesByType('navigation').map(e => e.name);
const tags = [...document.querySelectorAll('[src],[href]')]
  .filter(el => el.tagName !== 'A')
  .map(el => el.src || el.href);
return [...nav, ...urls, ...tags];
"""


def requested_urls(driver) -> list[str]:
    """URLs the page loaded (resource timing) or points its own elements at (src, link href)."""
    return [url for url in driver.execute_script(RESOURCES_JS) if url]


def foreign_requests(driver, origin: str) -> list[str]:
    """Those of them outside the server's origin (data: and blob: URLs stay in the page)."""
    home = urlparse(origin)
    foreign = []
    for url in requested_urls(driver):
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "javascript"):
            continue
        if (parsed.scheme, parsed.hostname, parsed.port) != (home.scheme, home.hostname, home.port):
            foreign.append(url)
    return foreign
