"""The project vocabularies' words as the pages show them: English labels marked here, translated at use.

The stored values stay the English keys of `loaders.projects.vocab` (they are URL values and download
data); only what a reader sees goes through `label()`.
"""

from __future__ import annotations

import pandas as pd

from layouts.i18n import N_, _

NOT_STATED = "not stated"
"""What the projects pages show for a missing status or procurement method (a key like the others)."""

LABELS: dict[str, dict[str, str]] = {
    "theme": {
        "livelihoods": N_("livelihoods"), "financing": N_("financing"),
        "data and visualisation": N_("data and visualisation"), "procurement": N_("procurement"),
        "other": N_("other"),
    },
    "status": {
        "idea": N_("idea"), "planned": N_("planned"), "active": N_("active"), "completed": N_("completed"),
        "scaled": N_("scaled"), "stopped": N_("stopped"), NOT_STATED: N_("not stated"),
    },
    "funding_sources": {
        "municipal budget": N_("municipal budget"), "national transfer": N_("national transfer"),
        "international/ODA": N_("international/ODA"), "private": N_("private"),
        "philanthropic": N_("philanthropic"), "blended": N_("blended"), "climate fund": N_("climate fund"),
        "development bank loan": N_("development bank loan"), "green bond": N_("green bond"),
        "crowdfunding": N_("crowdfunding"), "other": N_("other"),
    },
    "procurement_method": {
        "open tender": N_("open tender"), "innovation partnership": N_("innovation partnership"),
        "pre-commercial procurement": N_("pre-commercial procurement"),
        "challenge prize": N_("challenge prize"), "direct award": N_("direct award"),
        "framework agreement": N_("framework agreement"), "competitive dialogue": N_("competitive dialogue"),
        "public-private partnership": N_("public-private partnership"),
        "grant agreement": N_("grant agreement"), "in-house": N_("in-house"), "other": N_("other"),
        NOT_STATED: N_("not stated"),
    },
    "partner_sectors": {
        "government": N_("government"), "private sector": N_("private sector"), "academia": N_("academia"),
        "civil society": N_("civil society"), "community groups": N_("community groups"),
        "international organisation": N_("international organisation"), "philanthropy": N_("philanthropy"),
        "start-ups": N_("start-ups"), "other": N_("other"),
    },
}  # fmt: skip
"""Vocabulary (a `loaders.projects.vocab.VOCABULARIES` field) -> stored key -> English label."""


def label(kind: str, key: object) -> str:
    """A stored key in the reader's language; a value no vocabulary names (a source's own word) as it is."""
    if key is None or (not isinstance(key, str) and pd.isna(key)):
        return ""
    known = LABELS.get(kind, {}).get(str(key))
    return _(known) if known else str(key)


def labels(kind: str, keys) -> list[str]:
    return [label(kind, key) for key in keys]
