"""API URLs for the pages' download buttons, so that a download is exactly what the API returns."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from dashboard.api.spec import FORMATS, PREFIX


def download_url(resource: str, query: dict[str, str], fmt: str) -> str:
    """`/api/v1/<resource>.<fmt>?<query>`, leaving out empty values (None, "", empty lists).

    >>> download_url("explore", {"view": "ranking", "goal": "3"}, "csv")
    '/api/v1/explore.csv?view=ranking&goal=3'
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    pairs = {key: ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
             for key, value in query.items() if value not in (None, "", [], ())}
    path = f"{PREFIX}/{quote(resource.strip('/'), safe='/')}.{fmt}"
    return path + ("?" + urlencode(pairs) if pairs else "")
