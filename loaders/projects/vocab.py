"""The canonical words of the projects table, and the common spellings that mean them."""

from __future__ import annotations

import re
import unicodedata

from loaders.schema import PROJECT_STATUSES, PROJECT_THEMES

OTHER = "other"
"""What an unmapped theme, funding source, procurement method or partner sector becomes."""

# fmt: off
FUNDING_SOURCES = (
    "municipal budget", "national transfer", "international/ODA", "private", "philanthropic",
    "blended", "climate fund", "development bank loan", "green bond", "crowdfunding",
)
PROCUREMENT_METHODS = (
    "open tender", "innovation partnership", "pre-commercial procurement", "challenge prize",
    "direct award", "framework agreement", "competitive dialogue", "public-private partnership",
    "grant agreement", "in-house",
)
PARTNER_SECTORS = (
    "government", "private sector", "academia", "civil society", "community groups",
    "international organisation", "philanthropy", "start-ups",
)
# fmt: on

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "theme": PROJECT_THEMES,
    "status": PROJECT_STATUSES,
    "funding_sources": (*FUNDING_SOURCES, OTHER),
    "procurement_method": (*PROCUREMENT_METHODS, OTHER),
    "partner_sectors": (*PARTNER_SECTORS, OTHER),
}
"""Field -> the values it may hold. `status` has no 'other': an unknown status stays blank."""

FALLBACK: dict[str, str | None] = {
    "theme": OTHER,
    "status": None,
    "funding_sources": OTHER,
    "procurement_method": OTHER,
    "partner_sectors": OTHER,
}
"""What a value that no vocabulary entry names becomes (with a warning in the report)."""

SYNONYMS: dict[str, dict[str, str]] = {
    "theme": {
        "livelihood": "livelihoods", "jobs": "livelihoods", "income": "livelihoods",
        "finance": "financing", "funding": "financing",
        "data": "data and visualisation", "data and visualization": "data and visualisation",
        "data & visualisation": "data and visualisation", "open data": "data and visualisation",
        "public procurement": "procurement",
    },
    "status": {
        "concept": "idea", "proposal": "idea", "proposed": "idea",
        "planning": "planned", "pipeline": "planned", "not started": "planned",
        "ongoing": "active", "in progress": "active", "running": "active", "pilot": "active",
        "implementation": "active", "under way": "active", "underway": "active",
        "complete": "completed", "finished": "completed", "closed": "completed", "done": "completed",
        "scaling": "scaled", "scaled up": "scaled", "mainstreamed": "scaled",
        "cancelled": "stopped", "canceled": "stopped", "discontinued": "stopped",
        "terminated": "stopped", "on hold": "stopped", "suspended": "stopped",
        # Spanish and French, the other languages the dashboard ships
        "propuesta": "idea", "en planificación": "planned", "planificado": "planned", "previsto": "planned",
        "en ejecución": "active", "en curso": "active", "activo": "active", "en marcha": "active",
        "piloto": "active", "concluido": "completed", "finalizado": "completed", "terminado": "completed",
        "completado": "completed", "escalado": "scaled", "ampliado": "scaled", "cancelado": "stopped",
        "suspendido": "stopped", "detenido": "stopped",
        "proposé": "idea", "planifié": "planned", "prévu": "planned", "en cours": "active", "actif": "active",
        "pilote": "active", "terminé": "completed", "achevé": "completed", "clos": "completed",
        "étendu": "scaled", "généralisé": "scaled", "annulé": "stopped", "suspendu": "stopped",
        "abandonné": "stopped",
    },
    "funding_sources": {
        "city budget": "municipal budget", "municipal": "municipal budget", "own funds": "municipal budget",
        "national government": "national transfer", "central government": "national transfer",
        "oda": "international/ODA", "international": "international/ODA",
        "development aid": "international/ODA", "donor": "international/ODA",
        "private sector": "private", "private investment": "private",
        "philanthropy": "philanthropic", "foundation": "philanthropic",
        "blended finance": "blended", "climate finance": "climate fund",
        "loan": "development bank loan", "green bonds": "green bond", "crowd funding": "crowdfunding",
    },
    "procurement_method": {
        "tender": "open tender", "public tender": "open tender", "open call": "open tender",
        "pcp": "pre-commercial procurement", "ppi": "innovation partnership",
        "prize": "challenge prize", "challenge": "challenge prize", "competition": "challenge prize",
        "direct": "direct award", "single source": "direct award",
        "framework": "framework agreement", "ppp": "public-private partnership",
        "grant": "grant agreement", "grants": "grant agreement", "in house": "in-house",
    },
    "partner_sectors": {
        "public sector": "government", "local government": "government", "city": "government",
        "business": "private sector", "private": "private sector", "companies": "private sector",
        "university": "academia", "universities": "academia", "research": "academia",
        "ngo": "civil society", "ngos": "civil society", "non-profit": "civil society",
        "community": "community groups", "residents": "community groups",
        "un": "international organisation", "international organization": "international organisation",
        "foundation": "philanthropy", "foundations": "philanthropy",
        "startup": "start-ups", "startups": "start-ups", "start-up": "start-ups",
    },
}  # fmt: skip
"""Built-in spellings (English) for each field; a mapping file's `vocabularies` add to them
and win where they disagree."""


def vocabulary_key(text: object) -> str:
    """How source values are compared: case, accents, repeated spaces and outer spaces ignored
    ('En ejecucion' is 'en ejecución')."""
    bare = unicodedata.normalize("NFKD", str(text))
    bare = "".join(char for char in bare if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", bare).strip().casefold()


def lookup_table(field: str, extra: dict[str, str | None] | None = None) -> dict[str, str | None]:
    """Folded source spelling -> canonical value (None = deliberately blank) for one field."""
    table = {vocabulary_key(word): word for word in VOCABULARIES[field]}
    table.update({vocabulary_key(k): v for k, v in SYNONYMS.get(field, {}).items()})
    table.update({vocabulary_key(k): v for k, v in (extra or {}).items()})
    return table
