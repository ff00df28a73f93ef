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


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
  .then(done, error => done({error: String(error)}));
"""


def serious_violations(driver) -> list[str]:
    """axe-core (bundled with axe-selenium-python) on the current page, WCAG A and AA rules
    (axe 3.1 has no wcag21 tags); 'rule: first target (n nodes)' per serious or critical one."""
    from axe_selenium_python import Axe

    Axe(driver).inject()
    driver.set_script_timeout(120)
    results = driver.execute_async_script(AXE_RUN)
    assert "error" not in results, results.get("error")
    found = []
    for violation in results["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            target = violation["nodes"][0]["target"] if violation["nodes"] else ""
            found.append(f"{violation['id']}: {target} ({len(violation['nodes'])} nodes)")
    return found


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(dash_duo, app) -> None:
    """dash_duo.start_server on a free port, so parallel test workers never collide."""
    dash_duo.start_server(app, port=free_port())
