"""The code a web team pastes: an iframe that works alone, and an optional resize script."""

from __future__ import annotations

import hashlib
from html import escape

HEIGHTS = {"compact": 420, "standard": 560, "tall": 760}
MESSAGE = "city-sdg-embed:height"
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"
"""What the embed's links need: to open the full view and the CSV outside the frame, and the CSV (a
download: text/csv, or the static site's .csv.gz) to be saved, which a sandbox refuses otherwise."""


MAX_HEIGHT = 4000
"""The tallest a frame grows (a ranking with its whole table open), so a page stays usable."""


def frame_id(src: str) -> str:
    return hashlib.sha1(src.encode("utf-8")).hexdigest()[:10]


def iframe(src: str, title: str, height: int, width: int | None = None) -> str:
    """The frame, sized twice: by its style, and by `width`/`height` attributes for CMSs that keep
    only those (WordPress strips the style of an oEmbed's iframe, which left a 300 x 150 box)."""
    size = (f'width="{int(width)}" ' if width else "") + f'height="{int(height)}" '
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" {size}'
            f'style="width:100%;height:{int(height)}px;border:0" sandbox="{SANDBOX}" '
            f'data-city-sdg-embed="{frame_id(src)}"></iframe>')


def resize_script(origin: str, frame: str) -> str:
    """Fits the frame to the height the embed posts. It looks for its frames by their data attribute
    (a CMS may wrap the iframe) when a message comes, and fits the one that sent it (event.source),
    so the same embed pasted twice fits both (the first copy alone was found before); it trusts
    messages only from those frames, sent from the dashboard's origin or, sandboxed, from an
    opaque ("null") one."""
    return (
        "<script>\n(function () {\n"
        '  window.addEventListener("message", function (event) {\n'
        f'    var frames = document.querySelectorAll(\'iframe[data-city-sdg-embed="{frame}"]\');\n'
        "    var frame = Array.prototype.find.call(frames, function (each) {\n"
        "      return event.source && event.source === each.contentWindow;\n"
        "    });\n"
        "    if (!frame) return;\n"
        f'    if (event.origin !== "{origin}" && event.origin !== "null") return;\n'
        "    var data = event.data || {};\n"
        f'    if (data.type !== "{MESSAGE}" || !(data.height > 0)) return;\n'
        f'    frame.style.height = Math.min(Math.ceil(data.height), {MAX_HEIGHT}) + "px";\n'
        "  });\n})();\n</script>"
    )


def snippet(src: str, title: str, height: int, origin: str, with_script: bool = True) -> str:
    code = iframe(src, title, height)
    return code + ("\n" + resize_script(origin, frame_id(src)) if with_script else "")
