"""The partial plotly.js the app serves: which trace types it holds, and where it is built from."""

from __future__ import annotations

import re
from pathlib import Path

import plotly

from dashboard.paths import APP_DIR

BUNDLED = ("scatter", "scattergeo", "choropleth", "bar", "box")
"""The trace types every figure of the pages and embeds uses; scripts/build_plotly.sh bundles these."""


def locales() -> tuple[str, ...]:
    """The languages besides English whose plotly.js dictionary the bundle registers: every language
    the dashboard has a catalogue for (mode bar buttons, their tooltips and aria-labels, and
    plotly's own number and date words then speak the page's language). A catalogue language
    plotly.js has no dictionary for keeps plotly's English (scripts/build_plotly.sh says which)."""
    from layouts import i18n

    return tuple(language for language in i18n.languages() if language != "en")


BUNDLE_DIR = APP_DIR / "vendor" / "plotly"
BUNDLE = BUNDLE_DIR / "plotly.min.js"
DASH_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class BundleMissing(RuntimeError):
    """scripts/build_plotly.sh has not been run."""


def dash_plotly_version() -> str:
    """The plotly.js version Dash would serve (the header of the plotly package's plotly.min.js)."""
    with DASH_PLOTLY.open(encoding="utf-8") as file:
        head = file.read(400)
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", head)
    if not match:
        raise RuntimeError(f"no plotly.js version in the header of {DASH_PLOTLY}")
    return match.group(1)


def bundle_path() -> Path:
    """The built partial bundle; a clear error when it is missing, never a silent full bundle."""
    if not BUNDLE.exists():
        raise BundleMissing(f"{BUNDLE} is missing: run `bash scripts/build_plotly.sh`")
    return BUNDLE
