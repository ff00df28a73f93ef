"""An address's query as the state it asks for, for the answers' cache key: `?goal=03`, `?year=02021`,
`?year=2020-21` (Bristol's 2021) and `?budget_min= 3 ` are the answers of `?goal=3`, `?year=2021`
and `?budget_min=3`, computed and kept once instead of once per spelling (a picture drawn again for
each)."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from dashboard import data
from dashboard.api import params as api_params
from dashboard.api.spec import FORMATS, PREFIX, RESOURCES
from dashboard.cache import state_pairs
from dashboard.embed import asked
from layouts.years import known_periods
from views import registry

Pairs = list[tuple[str, str]]
EMBED = "/embed/"


def pairs(path: str, args: MultiDict, version: str) -> Pairs:
    """The query of `path` (an embed, a picture or an API resource) as its normalised state; as
    given where the route would refuse it or cannot read it (a 400 or 404, which is never kept)."""
    given = list(args.items(multi=True))
    try:
        store = data.load_version(str(data.serving_store().root), version)
        if path.startswith(EMBED):
            return embed_pairs(path[len(EMBED):], args, store) or given
        resource = RESOURCES.get(resource_name(path[len(PREFIX) + 1:]))
        if resource is not None and resource.kind != "version":
            return api_params.normalised(args, resource, known_periods(store))
    except Exception:  # noqa: BLE001 - the route itself answers a query it cannot read (400, 404)
        return given
    return given


def resource_name(name: str) -> str:
    """'scores/index.csv' -> 'scores/index', as the API's routes read a format's ending."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix in FORMATS else name


def embed_pairs(name: str, args: MultiDict, store) -> Pairs | None:
    """An embed's or picture's state and the problems its page says, with its reserved parameters
    (`lang`, `version`) as given; None for a picture the route refuses (`asked.refusal`)."""
    stem, _dot, fmt = name.partition(".")
    if stem not in registry.EMBEDS:
        return None
    query = {k: values[-1] for k, values in args.lists() if k not in asked.RESERVED}
    if fmt and asked.refusal(stem, fmt, query, store, args.get("lang")):
        return None
    state, problems = registry.EMBEDS[stem].parse(query, store)
    reserved = [(k, v) for k, v in args.items(multi=True) if k in asked.RESERVED]
    return [*reserved, *state_pairs(state), *(("problem", text) for text in problems)]
