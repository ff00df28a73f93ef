"""The code a web team pastes: an iframe that works alone, and an optional resize script."""

from __future__ import annotations

from html import escape

HEIGHTS = {"compact": 420, "standard": 560, "tall": 760}
MESSAGE = "city-sdg-embed:height"
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


def iframe(src: str, title: str, height: int) -> str:
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" '
            f'style="width:100%;height:{int(height)}px;border:0" sandbox="{SANDBOX}"></iframe>')


def resize_script(origin: str) -> str:
    """Fits the frame to the height the embed posts. It trusts only messages from this frame
    (event.source), sent from the dashboard's origin or, sandboxed, from an opaque ("null") one."""
    return (
        "<script>\n(function (frame) {\n"
        '  window.addEventListener("message", function (event) {\n'
        f'    if (event.source !== frame.contentWindow) return;\n'
        f'    if (event.origin !== "{origin}" && event.origin !== "null") return;\n'
        f'    var data = event.data || {{}};\n'
        f'    if (data.type === "{MESSAGE}" && data.height > 0 && data.height < 5000) '
        'frame.style.height = data.height + "px";\n'
        "  });\n})(document.currentScript.previousElementSibling);\n</script>"
    )


def snippet(src: str, title: str, height: int, origin: str, with_script: bool = True) -> str:
    code = iframe(src, title, height)
    return code + ("\n" + resize_script(origin) if with_script else "")
