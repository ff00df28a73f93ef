"""Options a user can give an import, shared by every format reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
"""'en', 'es', 'zh-Hans', 'pt_BR': a language as Open SDG folders and the dashboard name it."""


@dataclass
class ReadOptions:
    """What the command line (or a test) tells a reader beyond the file itself."""

    kind: str = "indicators"
    """What the files hold: 'indicators' (any indicator format) or 'projects' (project lists
    read with a mapping file)."""
    format: str | None = None
    """Force a reader by name instead of detecting it."""
    place: str | None = None
    """The place a single-place source is about (Open SDG sites), e.g. 'Los Angeles'."""
    country: str | None = None
    """Country name or code for the place(s) when the source does not say."""
    rename: dict[str, str] = field(default_factory=dict)
    """Source names to canonical names (SDSN codebook/data columns, indicator ids...)."""
    mapping: Path | None = None
    """A YAML mapping file (generic tidy/wide files, project lists)."""
    boundaries: Path | None = None
    """A boundary file to join with place codes (GeoCode)."""
    boundary_id: str | None = None
    boundary_name: str | None = None
    boundary_kind: str | None = None
    """Kind of place a boundary file holds (default 'district')."""
    simplify_tolerance: float = 0.0005
    """Degrees; recorded with the boundaries."""
    sheet: str | None = None
    language: str = "en"
    """The language the source writes indicator names, units and descriptions in."""
    language_stated: bool = False
    """Whether `language` was given (`--language`); if not, a file whose indicator names are clearly
    in another language is read as in that one (`loaders.languages.guess`)."""
    goal_colour_rule: str | None = None
    """'two_worst' (SDSN global/European) or 'mean_colour' (SDSN US cities)."""
    indicator_meta: Path | None = None
    """A CSV or Excel file of indicator metadata (direction, bounds, thresholds, targets, goal) set on
    the import's own indicators (`loaders.indicator_meta`)."""
    append: bool = False
    """Keep the rows an earlier import of the same file brought (default: replace them)."""
