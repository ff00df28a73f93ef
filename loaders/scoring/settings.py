"""The scoring options a data source can set, with the SDSN defaults, in one typed place."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

GOAL_COLOUR_RULES = ("two_worst", "mean_colour")
MISSING_GOAL_RULES = ("skip", "group_mean")

COLOURS = ("grey", "red", "orange", "yellow", "green")
"""Dashboard colours; an int code c in -1..3 is COLOURS[c + 1] (grey = no data or no thresholds)."""

ARROWS = ("no_data", "decreasing", "stagnating", "improving", "on_track", "maintaining")
"""Trend arrows; an int code a in -1..4 is ARROWS[a + 1]. SDSN shows maintaining as on track."""

ARROW_SYMBOLS = {
    "on_track": "↑",
    "maintaining": "↑",
    "improving": "➚",
    "stagnating": "→",
    "decreasing": "↓",
    "no_data": "•",
}

NULLABLE = {"trend_max_lag", "max_data_age"}
"""Options where None means 'no limit'; for every other option None means 'the default'."""

PROGRESS = (
    "unable_to_assess",
    "deterioration",
    "limited",
    "moderate",
    "on_track",
    "target_achieved",
)
"""Open SDG progress statuses; an int code p in -1..4 is PROGRESS[p + 1]."""


LANDLOCKED = frozenset({
    # the UN's landlocked developing countries, but Azerbaijan, Kazakhstan and Turkmenistan: they
    # border the Caspian Sea, and SDSN scores their Goal 14 (SDR 2019)
    "AFG", "ARM", "BDI", "BFA", "BOL", "BTN", "BWA", "CAF", "ETH", "KGZ", "LAO", "LSO",
    "MDA", "MKD", "MLI", "MNG", "MWI", "NER", "NPL", "PRY", "RWA", "SSD", "SWZ", "TCD", "TJK",
    "UGA", "UZB", "ZMB", "ZWE",
    # and the other countries without a sea coast
    "AND", "AUT", "BLR", "CHE", "CZE", "HUN", "LIE", "LUX", "SMR", "SRB", "SVK", "VAT", "XKX",
})
"""Countries without a sea coast (ISO 3166 alpha-3; Kosovo as XKX). Goal 14 (Life below water) does
not apply to them: SDSN's reports give them no Goal 14 score (even where a file holds a Goal 14
value of theirs, as the ECOWAS 2023 workbook does), so scoring gives none (`Settings.no_sea`), and
the pages say it does not apply rather than that it is missing."""
SEA_GOAL = 14


def wholes_of(places) -> tuple[str, ...]:
    """The ids of `places` that are the parent of another place of it, sorted (`Settings.wholes`)."""
    if places is None or not {"place_id", "parent_id"} <= set(places.columns):
        return ()
    parents = set(places["parent_id"].dropna().astype(str)) - {""}
    return tuple(sorted(parents & set(places["place_id"].astype(str))))


RANK_GROUPS = {"district": "city"}
"""Kinds ranked together: a city's districts and cities are drawn and listed on one map, so they
share one ranking; regions and countries each have their own (a country's row among its states)."""


def rank_group(kind: object) -> object:
    """The ranking a place of `kind` is counted in (`RANK_GROUPS`)."""
    return RANK_GROUPS.get(kind, kind) if isinstance(kind, str) else None  # unknown: one group of its own


def parents_of(places, scored=None) -> tuple[tuple[str, str], ...]:
    """(part, whole) for each place of `places` whose parent is a place of it too, sorted
    (`Settings.parents`); only pairs of places with values (`scored`, the panel's places), so that a
    district added without values yet does not change the settings' fingerprint and re-score every
    partition of an incremental import."""
    if places is None or not {"place_id", "parent_id"} <= set(places.columns):
        return ()
    ids = places["place_id"].astype(str)
    parent = places["parent_id"].astype("string").str.strip()
    known = set(ids) if scored is None else set(ids) & {str(p) for p in scored}
    inside = (ids.isin(known) & parent.isin(known)).fillna(False).to_numpy(dtype=bool)
    return tuple(sorted(zip(ids[inside], parent[inside].astype(str), strict=True)))


def landlocked_countries(places) -> tuple[str, ...]:
    """The ids of `places` (a places table) that are landlocked countries, sorted (`Settings.no_sea`)."""
    if places is None or not {"place_id", "kind", "country_iso3"} <= set(places.columns):
        return ()
    code = places["country_iso3"].astype("string").str.upper()
    dry = (places["kind"].astype("string") == "country") & code.isin(sorted(LANDLOCKED))
    return tuple(sorted(places.loc[dry.fillna(False).to_numpy(dtype=bool), "place_id"].astype(str)))


@dataclass(frozen=True)
class Settings:
    """Every rule parameter; `from_options` reads the dict stored with a data source."""

    goal_colour_rule: str = "two_worst"
    index_indicators: tuple[str, ...] | None = None
    """Indicators averaged into goal scores and the index; None = the 80% coverage rule."""
    dashboard_indicators: tuple[str, ...] | None = None
    """Indicators behind goal colours; None = the index indicators."""
    trend_indicators: tuple[str, ...] | None = None
    """Indicators behind goal trends; None = the dashboard indicators."""
    list_scope: tuple[str, ...] | None = None
    """The indicators the explicit lists decide for (a source's own, e.g. an SDSN codebook);
    other indicators in the same store follow the coverage rule. None = every indicator."""
    place_groups: dict = field(default_factory=dict)
    """{group: {"places": [...], "index_indicators"|"dashboard_indicators"|"trend_indicators": [...]}}
    e.g. SDSN's OECD dashboards; a place in no group uses the lists above."""
    import_groups: dict = field(default_factory=dict, repr=False)
    """{place_id: edition}, set by scoring, never an option: in a store of several imports that
    share no indicator (editions: `membership.editions`) and no `place_groups`, the edition holding
    most of each place's values. The coverage rule then judges each edition's indicators among its
    own places (`membership.group_codes`): a 45-city edition beside one UN indicator for 2,000
    cities kept no indicator of its own, every one covering under 80 % of the year's places. Out of
    `repr` (the partitions' fingerprint), which takes it only when set."""
    no_sea: tuple[str, ...] = ()
    """The ids of the store's landlocked countries (LANDLOCKED), set by scoring from the places, never
    an option: their Goal 14 indicators count in no goal score, colour or arrow, and the goal is then
    missing for the index (`missing_goal_rule`)."""
    wholes: tuple[str, ...] = ()
    """The ids of places whose parts are in the store too (a city and its districts), set by scoring
    from the places, never an option: their values do not count in data-driven bounds. Valencia's
    total of 19,291 set the best of its districts' bounds at 5,120, where its districts' own best
    is 1,536, and every district scored a third of what it should."""
    parents: tuple[tuple[str, str], ...] = ()
    """(part, whole) for each place whose whole is in the store too, set by scoring from the places,
    never an option. An indicator whose whole's value is the sum of its parts' (a count: València's
    62,663 unemployed beside its districts' 1,282 to 6,270) gives the whole no score: its parts'
    range does not measure it, and it scored 0 and was called the city's largest challenge
    (`normalise.whole_totals`)."""
    trend_series: dict = field(default_factory=dict)
    """{indicator_id: series_indicator_id}: the arrow of an indicator read from another series."""
    missing_goal_rule: str = "skip"
    """skip: index = mean of available goals; group_mean: a missing goal takes the mean of
    that goal over ranked places of the same index group (SDSN global edition)."""
    index_groups: dict | str | None = None
    """{place_id: group} or the name of a places column, for group_mean."""
    missing_goal_values: dict = field(default_factory=dict)
    """{index group: {goal: score}}: with group_mean, the score a missing goal of a place of that
    group takes, as the source published it (SDSN's ECOWAS 2023 workbook: goal14_reg, 57.6, where
    the mean over its coastal countries is 64.9), in its year; a goal not given takes the group's
    mean. Keys are text, goals in order (`from_options`), as meta.json gives them back."""
    missing_goal_years: dict = field(default_factory=dict, repr=False)
    """{index group: year}: the year a group's `missing_goal_values` are stated for (the workbook's
    edition); other years take the group's mean. A group without a year: every year. Out of `repr`
    (the partitions' fingerprint), which takes it only when set, so that other stores keep theirs."""
    indicator_coverage: float = 0.8
    place_coverage: float = 0.8
    index_min_goals: int = 9
    """A place gets an index and a rank only with scores for at least this many goals: the index is
    the mean of the goals, so a mean of one or two goals is not an SDG Index (more than half of 17;
    set 1 to rank on indicator coverage alone)."""
    goal_min_share: float = 0.5
    trend_coverage: float = 0.75
    trend_target_year: int = 2030
    trend_base_year: int = 2015
    trend_min_span: int = 3
    """Base = trend_base_year when the latest year is at least this many years after it..."""
    trend_span: int = 5
    """...otherwise base = latest year - trend_span (the nearest year within one stands in)."""
    trend_max_lag: int | None = 2
    """No arrow when the latest value is more than this many years behind the indicator's most
    recent year among the places with a trend (SDSN 2019 practice, measured on its workbook);
    None: no limit."""
    max_data_age: int | None = None
    """Carry a value forward at most this many years (None: latest available, as SDSN)."""
    progress_base_year: int = 2015
    progress_target_year: int = 2030
    years: tuple[int, ...] | None = None
    """Years to score; None = every year with an observation."""

    @classmethod
    def from_options(cls, options: dict | None) -> Settings:
        options = dict(options or {})
        known = {f.name for f in fields(cls)} - {"import_groups", "no_sea", "wholes", "parents"}
        values = {k: v for k, v in options.items() if k in known and (v is not None or k in NULLABLE)}
        for name in ("index_indicators", "dashboard_indicators", "trend_indicators", "years",
                     "list_scope"):
            if name in values:
                values[name] = tuple(values[name])
        if "missing_goal_values" in values:  # one order and one key type, stored or fresh: the fingerprint
            values["missing_goal_values"] = {
                str(group): {str(goal): float(means[goal]) for goal in sorted(means, key=int)}
                for group, means in sorted(dict(values["missing_goal_values"]).items())}
        if "missing_goal_years" in values:
            values["missing_goal_years"] = {
                str(group): int(year) for group, year in sorted(dict(values["missing_goal_years"]).items())}
        settings = cls(**values)
        if settings.goal_colour_rule not in GOAL_COLOUR_RULES:
            raise ValueError(
                f"goal_colour_rule must be one of {GOAL_COLOUR_RULES}, not {settings.goal_colour_rule!r}"
            )
        if settings.missing_goal_rule not in MISSING_GOAL_RULES:
            raise ValueError(f"missing_goal_rule must be one of {MISSING_GOAL_RULES}")
        return settings
