"""PNG and SVG of an embed for places where scripts cannot run (e-mail, PDF reports).

Rendered by Kaleido (plotly's own exporter), which drives a headless Chromium: the same
Debian `chromium` package the browser tests use. One Chromium is started per process on the
first image and reused; map topology comes from this app's files, so nothing is fetched.
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import warnings
from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.paths import ASSETS_DIR

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SIZE = {"width": 960, "height": 600}
_lock = threading.Lock()
_started = False


class RendererMissing(RuntimeError):
    """No Chromium to draw with."""


def chromium() -> str | None:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")


def start() -> None:
    global _started  # one browser per process, started once under the lock
    if _started:
        return
    path = chromium()
    if not path:
        raise RendererMissing("Chromium is not installed")
    os.environ.setdefault("BROWSER_PATH", path)
    import kaleido

    pio.defaults.topojson = (ASSETS_DIR / "topojson").as_uri() + "/"
    pio.defaults.mathjax = None
    kaleido.start_sync_server(silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _started = True


def captioned(figure: go.Figure, title: str, footer: str) -> go.Figure:
    """The figure with the embed's title on top and its source line below, as a picture has no page."""
    shown = go.Figure(figure)
    shown.update_layout(title={"text": title, "x": 0.01}, margin={"t": 60, "b": 70},
                        paper_bgcolor="#ffffff")
    shown.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=-0.12, showarrow=False,
                         xanchor="left", yanchor="top", font={"size": 11, "color": "#495057"})
    return shown


@lru_cache(maxsize=64)
def _image(figure_json: str, fmt: str) -> bytes:
    figure = pio.from_json(figure_json, skip_invalid=True)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return pio.to_image(figure, format=fmt, **SIZE)


def image(figure: go.Figure, fmt: str) -> bytes:
    """PNG or SVG bytes; the same figure in the same format is drawn once per process."""
    with _lock:
        start()
        return _image(figure.to_json(), fmt)
