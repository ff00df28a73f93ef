"""The projects views' words: money and shares in the reader's format, and every summary sentence."""

from __future__ import annotations

import numpy as np
import pandas as pd

from layouts import i18n
from layouts.i18n import N_, _, ngettext
from layouts.projects import Selection, status_words
from layouts.reference import goal_name
from layouts.vocabulary import NOT_STATED, label

KINDS = {"source": "funding_sources", "method": "procurement_method", "theme": "theme", "status": "status"}
"""A tally's label column -> the vocabulary its values come from."""

MIX_SENTENCES = {
    "source": (N_("No matching project names a funding source."),
               N_("The most common funding sources: {list}.")),
    "method": (N_("No matching project names a procurement method."),
               N_("The most common procurement methods: {list}.")),
}
BUDGET_SENTENCES = {
    "source": (N_("No matching project has a budget in USD by funding source."),
               N_("Largest shares of the budget (USD) by funding source: {list}.")),
    "method": (N_("No matching project has a budget in USD by procurement method."),
               N_("Largest shares of the budget (USD) by procurement method: {list}.")),
}
"""Per label column: (nothing to say, the top three)."""


def stated_budgets(p: pd.DataFrame) -> pd.Series:
    """Whether each project states a budget, in any currency."""
    return p["budget"].notna() if "budget" in p else pd.Series(False, index=p.index)


def own_currency_total(p: pd.DataFrame) -> str:
    """What projects without a dollar figure state: their total in their one currency (a register in
    bolivianos and no rate table said only that none reported a budget in USD), or that none states
    any (Berlin's 420 projects read "None of them reports a budget in USD", as if in another)."""
    stated = stated_budgets(p)
    if not stated.any():
        return _("None of them reports a budget.")
    currencies = p.loc[stated, "currency"].astype("string") if "currency" in p else pd.Series(dtype="string")
    if currencies.nunique(dropna=False) != 1 or currencies.isna().any():
        return _("None of them reports a budget in USD.")
    count = int(stated.sum())
    return ngettext("None of them has a USD figure; {count} states a budget in {currency}, {total} in all.",
                    "None of them has a USD figure; {count} state a budget in {currency}, {total} in all.",
                    count).format(count=i18n.integer(count), currency=currencies.iloc[0],
                                  total=i18n.money(p.loc[stated, "budget"].sum(), currencies.iloc[0]))


def usd(value: float | None) -> str:
    """A USD amount in the reader's money format, or words saying there is none."""
    if value is None or pd.isna(value):
        return _("no USD figure")
    return i18n.money(value, "USD")


def usds(values) -> list[str]:
    """`usd` of many values at once."""
    texts = i18n.moneys(values, "USD")
    return [text or _("no USD figure") for text in texts]


def share(value: float, digits: int = 0) -> str:
    """A share held as 0-100 (the tallies' percentages) in the locale's percent format."""
    return i18n.percent(value / 100, digits)


def overview(sel: Selection, total: int, region: str | None = None) -> str:
    """What the filters select; `region` (already in the reader's language) for a region's projects."""
    p = sel.projects
    if total == 0:
        return _("This data holds no projects yet.")
    if p.empty:
        return ngettext("No project of the {total} in the store matches these filters.",
                        "No project of the {total} in the store matches these filters.", total).format(
            total=i18n.integer(total))
    places, known = p["place_id"].nunique(), int(p["budget_usd"].notna().sum())
    values = {"count": i18n.integer(len(p)), "total": i18n.integer(total), "places": i18n.integer(places),
              "region": region}
    if region is None:
        first = ngettext("{count} of {total} projects match, in {places} place.",
                         "{count} of {total} projects match, in {places} places.", places)
    else:
        first = ngettext("{count} of {total} projects are in {region}, in {places} place.",
                         "{count} of {total} projects are in {region}, in {places} places.", places)
    if not known:
        return " ".join([first.format(**values), own_currency_total(p)])
    second = ngettext("Together they have a budget of {budget} ({known} project with a USD figure).",
                      "Together they have a budget of {budget} ({known} projects with a USD figure).", known)
    return " ".join([first.format(**values),
                     second.format(budget=usd(p["budget_usd"].sum()), known=i18n.integer(known))])


def most_projects(frame: pd.DataFrame, shown: int = 3, at_most: int = 5) -> list[str]:
    """The places with most projects (`frame` sorted most first): the first `shown`, with every place
    tied with the last of them (leaving one out would make the sentence false), or, past `at_most`
    names, the tied ones counted ("4 places with 5 each")."""
    counts = frame["projects"].to_numpy()
    if len(frame) <= shown:
        chosen, tied = np.arange(len(frame)), np.arange(0)
    else:  # positions, not frames: a broad filter's 1,000 places were filtered twice for two numbers
        last = counts[shown - 1]
        chosen, tied = np.flatnonzero(counts > last), np.flatnonzero(counts == last)
        if len(chosen) + len(tied) <= at_most:
            chosen, tied = np.concatenate([chosen, tied]), tied[:0]
    names = frame["name"].to_numpy(dtype=object)
    named = [_("{place} ({count})").format(place=names[i], count=i18n.integer(counts[i])) for i in chosen]
    if len(tied):
        named.append(ngettext("{places} place with {count} each", "{places} places with {count} each",
                              len(tied)).format(places=i18n.integer(len(tied)),
                                                count=i18n.integer(int(counts[tied[0]]))))
    return named


def place_summary(frame: pd.DataFrame) -> str:
    """Places with matching projects, the most first; places the map cannot draw are counted."""
    if frame.empty:
        return _("No place has a matching project.")
    top = most_projects(frame)
    counts = frame["projects"].to_numpy()
    if len(frame) == 1:
        text = _("Only {place} has matching projects.").format(place=top[0])
    elif len(top) == 1 and (counts == counts[0]).all():  # every place tied, too many to name
        text = ngettext("{count} place has matching projects, {each} each.",
                        "{count} places have matching projects, {each} each.", len(frame)).format(
            count=i18n.integer(len(frame)), each=i18n.integer(int(counts[0])))
    else:
        text = ngettext("{count} place has matching projects; the most are in {places}.",
                        "{count} places have matching projects; the most are in {places}.", len(frame))
        text = text.format(count=i18n.integer(len(frame)), places=i18n.join(top))
    hidden = int((frame["lat"].isna().to_numpy() | frame["lon"].isna().to_numpy()).sum())
    if not hidden:
        return text
    return " ".join([text, ngettext(
        "{count} of them is not on the map: it has no coordinates; the table lists it.",
        "{count} of them are not on the map: they have no coordinates; the table lists them.",
        hidden).format(count=i18n.integer(hidden))])


def goal_summary(frame: pd.DataFrame, budgets: int, stated: bool = True) -> str:
    """`budgets`: how many of the matching projects report a budget in USD; `stated`: whether any
    states a budget at all, in any currency."""
    if frame["projects"].sum() == 0:
        return _("No matching project names a goal.")
    most = frame.loc[frame["projects"].idxmax()]
    values = {"goal": int(most.goal), "name": goal_name(int(most.goal)), "count": i18n.integer(most.projects)}
    if not stated:
        text = _("Goal {goal} ({name}) is served by the most projects ({count}); no matching project "
                 "reports a budget.").format(**values)
    elif not budgets or not (frame["budget_usd"] > 0).any():
        text = _("Goal {goal} ({name}) is served by the most projects ({count}); no matching project "
                 "reports a budget in USD.").format(**values)
    else:
        richest = frame.loc[frame["budget_usd"].idxmax()]
        text = _("Goal {goal} ({name}) is served by the most projects ({count}); Goal {rich_goal} "
                 "({rich_name}) gets the largest budget share ({budget}).").format(
            rich_goal=int(richest.goal), rich_name=goal_name(int(richest.goal)),
            budget=usd(richest.budget_usd), **values)
    none = frame.loc[frame["projects"] == 0, "goal"].astype(str).tolist()
    if not none:
        return text
    missing = ngettext("No project serves goal {goals}.", "No project serves goals {goals}.", len(none))
    return " ".join([text, missing.format(goals=i18n.join(none))])


def mix_summary(frame: pd.DataFrame, column: str, total: int) -> str:
    """The three most common values of `column` ('source' or 'method'), with counts and shares."""
    nothing, most = MIX_SENTENCES[column]
    if frame.empty or (frame[column] == NOT_STATED).all():  # Berlin's 420: "not stated (420 of 420)"
        return _(nothing)
    top = [_("{name} ({count} of {total}, {share})").format(
        name=label(KINDS[column], getattr(r, column)), count=i18n.integer(r.projects),
        total=i18n.integer(total), share=share(r.project_share)) for r in frame.head(3).itertuples()]
    return _(most).format(list=i18n.join(top))


def theme_summary(frame: pd.DataFrame, projects: pd.DataFrame | None = None) -> str:
    """Jobs created and people reached (`frame`: `projects.by_theme`; `projects`: the matching
    projects, when given, so that the totals count those without a theme too: 420 Berlin projects,
    none with a theme, were "No matching project")."""
    matching = len(projects) if projects is not None else int(frame["projects"].sum()) if len(frame) else 0
    if matching == 0:
        return _("No matching project.")
    return " ".join([reach_sentence(frame, "jobs_created", projects),
                     reach_sentence(frame, "beneficiaries", projects)])


def reach_sentence(frame: pd.DataFrame, column: str, projects: pd.DataFrame | None = None) -> str:
    """Jobs created or people reached in all and the theme with the most; absent when no project says."""
    values = pd.to_numeric(projects[column] if projects is not None else frame[column], errors="coerce")
    if values.isna().all():
        return (_("No matching project reports jobs created.") if column == "jobs_created"
                else _("No matching project reports how many people it reaches."))
    total = int(round(values.sum()))
    if not len(frame) or frame[column].isna().all():  # none of the projects that report it has a theme
        return (ngettext("{count} job created in all.", "{count} jobs created in all.", total)
                if column == "jobs_created" else
                ngettext("{count} person reached in all.", "{count} people reached in all.", total)
                ).format(count=i18n.integer(total))
    top = frame.loc[frame[column].idxmax()]
    if column == "jobs_created":
        words = ngettext("{count} job created in all; {theme} projects create the most ({most}).",
                         "{count} jobs created in all; {theme} projects create the most ({most}).", total)
    else:
        words = ngettext("{count} person reached in all; {theme} projects reach the most ({most}).",
                         "{count} people reached in all; {theme} projects reach the most ({most}).", total)
    return words.format(count=i18n.integer(total), theme=label("theme", top.theme),
                        most=i18n.integer(top[column]))


def intro(said: frozenset[str]) -> str:
    """What the projects page shows, of what its list states (`projects.stated`): Berlin's page began
    "each project's goals, how it is paid for and how it was contracted" above a list that states
    neither."""
    if {"funding", "procurement"} <= said:
        return _("What cities are trying: each project's goals, how it is paid for and how it was "
                 "contracted.")
    if "funding" in said:
        return _("What cities are trying: each project's goals and how it is paid for.")
    if "procurement" in said:
        return _("What cities are trying: each project's goals and how it was contracted.")
    return _("What cities are trying: each project's goals.")


UNSTATED = {"funding": N_("a funding source"), "procurement": N_("a procurement method"),
            "jobs": N_("jobs created"), "beneficiaries": N_("people reached"), "start": N_("a start date")}
"""What the charts left out of a projects page would have drawn (`views.projects.drawn_charts`)."""


def unstated_sentence(fields: frozenset[str] | set[str]) -> str:
    """Why charts are missing: no project of the list states what they draw (`fields`, of UNSTATED)."""
    words = [_(words) for field, words in UNSTATED.items() if field in fields]
    if not words:
        return ""
    return _("No project in this list states {fields}, so no chart of it is drawn.").format(
        fields=i18n.either(words))


def year_summary(table: pd.DataFrame) -> str:
    if table.empty:
        return _("No matching project has a start date.")
    totals = table.sum(axis=1)
    return " ".join([
        _("Start years from {first} to {last}, planned starts included; "
          "the most in {year} ({count}).").format(
            first=table.index.min(), last=table.index.max(), year=totals.idxmax(),
            count=i18n.integer(totals.max())),
        _("By status: {list}.").format(list=status_words(table.sum().to_dict())),
    ])


def period(projects: pd.DataFrame, version_day: str | None) -> str:
    """When the projects run, for a title: the years their start and end dates span ('2018 to
    2031', planned ones included; '2024'); where none states a date, the day of the data version
    ('as of 7 December 2026': Berlin's list states none); '' when neither is known."""
    dates = pd.concat([projects[column].astype("string").str[:4] for column in ("start_date", "end_date")])
    years = pd.to_numeric(dates, errors="coerce").dropna()
    if years.empty:
        day = i18n.day(version_day)
        return _("as of {date}").format(date=day) if day else ""
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else _("{first} to {last}").format(first=first, last=last)


def gap_summary(frame: pd.DataFrame, year: int | None, region: str | None = None) -> str:
    """The widest funding gap and the red goals with few projects; `region` in the reader's language."""
    rated = frame.dropna(subset=["red_share"])
    if rated.empty:
        if region is None:
            return _("No place has goal ratings, so funding cannot be compared with them.")
        return _("No place in {region} has goal ratings, so funding cannot be compared with them.").format(
            region=region)
    widest = rated.sort_values("gap", ascending=False).iloc[0]
    values = {"year": year, "goal": int(widest.goal), "name": goal_name(int(widest.goal)), "region": region,
              "red": share(widest.red_share), "budget": share(widest.budget_share, 1)}
    if region is None:
        text = _("In {year}, Goal {goal} ({name}) has the widest gap across all places: {red} of places "
                 "rated red against {budget} of the budget.").format(**values)
    else:
        text = _("In {year}, Goal {goal} ({name}) has the widest gap in {region}: {red} of places rated red "
                 "against {budget} of the budget.").format(**values)
    flagged = frame[frame["flagged"]]
    if flagged.empty:
        return " ".join([text, _("No goal with a quarter or more of places in red has few projects "
                                 "(under half the mean per goal).")])
    names = [ngettext("Goal {goal} ({red} red, {count} project)", "Goal {goal} ({red} red, {count} projects)",
                      int(r.projects)).format(goal=int(r.goal), red=share(r.red_share),
                                              count=i18n.integer(r.projects))
             for r in flagged.itertuples()]
    return " ".join([text, _("Red goals with few or no projects: {list}.").format(list=i18n.join(names))])


def budget_summary(frame: pd.DataFrame, column: str, stated: bool = True) -> str:
    """The three largest budget shares by `column` ('source' or 'method'); `stated`: whether any
    matching project states a budget at all (else that is what the sentence says)."""
    nothing, largest = BUDGET_SENTENCES[column]
    if not stated:
        return _("No matching project reports a budget.")
    if frame.empty or frame["budget_usd"].sum() == 0:
        return _(nothing)
    top = [_("{name} ({share})").format(name=label(KINDS[column], getattr(r, column)),
                                        share=share(r.budget_share, 1))
           for r in frame.sort_values("budget_share", ascending=False).head(3).itertuples()]
    return _(largest).format(list=i18n.join(top))
