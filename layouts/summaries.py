"""Plain-language sentences that say what a chart shows (its text alternative)."""

from __future__ import annotations

import math

from layouts import i18n, texts
from layouts.as_published import Agreement, PublishedFirst, rounded_equal
from layouts.facts import CountryFacts, Extreme, MapFacts
from layouts.i18n import _, ngettext
from layouts.place_facts import CityFacts, IndexFacts
from layouts.reference import RATING_WORDS, goal_phrase, rating
from layouts.year_spans import Years


def subject(goal: int | None) -> str:
    """The index or a goal as it reads inside a sentence."""
    return _("the SDG Index") if goal is None else goal_phrase(goal)


def rating_counts(counts: dict[str, int]) -> str:
    """'Ratings on the map: 3 major challenges, 2 SDG achieved.' in the dashboard's fixed order."""
    parts = [_("{count} {rating}").format(count=i18n.integer(counts[c]), rating=rating(c))
             for c in RATING_WORDS if counts.get(c)]
    return _("Ratings on the map: {list}.").format(list=i18n.join(parts)) if parts else ""


def map_summary(facts: MapFacts) -> str:
    """What the map of one goal or the index draws, what it cannot and why (from `layouts.facts`)."""
    values = {"subject": subject(facts.goal), "year": facts.year, "total": i18n.integer(facts.total)}
    if facts.scored == 0 and facts.withheld:  # scores there, withheld by the coverage rule
        return ngettext(
            "No place is ranked on {subject} in {year}: {count} place has data for too few "
            "indicators to get an index or a rank. A goal's map shows its goal scores.",
            "No place is ranked on {subject} in {year}: {count} places have data for too few "
            "indicators to get an index or a rank. A goal's map shows their goal scores.",
            facts.withheld).format(count=i18n.integer(facts.withheld), **values)
    if facts.scored == 0:
        return _("No place has a score for {subject} in {year}.").format(**values)
    sentences = [ngettext(
        "{count} of {total} places is on the map with a score for {subject} in {year}.",
        "{count} of {total} places are on the map with a score for {subject} in {year}.", facts.drawn,
    ).format(count=i18n.integer(facts.drawn), **values)]
    no_value = facts.grey - facts.too_little_data
    if no_value:
        sentences.append(ngettext("{count} place on the map has no score for {year} and is grey.",
                                  "{count} places on the map have no score for {year} and are grey.",
                                  no_value).format(count=i18n.integer(no_value), year=facts.year))
    if facts.not_applicable:
        sentences.append(ngettext(
            "Goal 14 does not apply to {count} of them: a landlocked country has no sea.",
            "Goal 14 does not apply to {count} of them: landlocked countries have no sea.",
            facts.not_applicable).format(count=i18n.integer(facts.not_applicable)))
    if facts.too_little_data:
        sentences.append(ngettext(
            "{count} place has data for too few indicators to get an index or a rank, and is grey.",
            "{count} places have data for too few indicators to get an index or a rank, and are grey.",
            facts.too_little_data).format(count=i18n.integer(facts.too_little_data)))
    sentences.append(undrawn_sentence(facts))
    sentences.append(extremes(facts))
    sentences.append(score_years(facts.year, facts.values))
    if facts.rated:  # none rated: the map draws scores, and the next sentence says why
        sentences.append(rating_counts(facts.ratings))
    if facts.scored_unrated and facts.no_thresholds:  # the source rates nothing: not the places' data
        sentences.append(ngettext(
            "{count} place has a score but no rating: the source states no thresholds to rate this "
            "goal's indicators by.",
            "{count} places have a score but no rating: the source states no thresholds to rate this "
            "goal's indicators by.",
            facts.scored_unrated).format(count=i18n.integer(facts.scored_unrated)))
    elif facts.scored_unrated:  # a score without a rating reads as a mistake unless it is said why
        sentences.append(ngettext(
            "{count} place has a score but no rating: too few of the goal's indicators are rated there.",
            "{count} places have a score but no rating: too few of the goal's indicators are rated there.",
            facts.scored_unrated).format(count=i18n.integer(facts.scored_unrated)))
    return " ".join(s for s in sentences if s)



def undrawn_sentence(facts: MapFacts, listed: bool = True) -> str:
    """The map's places without coordinates, counted: said under the map, where the table lists them,
    and on its picture (`listed` False), which has no table: a PNG said "the table lists them"."""
    if not facts.no_coordinates:
        return ""
    if not listed:
        return ngettext("{count} place cannot be drawn: it has no coordinates ({scored} with a score).",
                        "{count} places cannot be drawn: they have no coordinates ({scored} with a score).",
                        facts.no_coordinates).format(
            count=i18n.integer(facts.no_coordinates), scored=i18n.integer(facts.no_coordinates_scored))
    return ngettext(
        "{count} place cannot be drawn: it has no coordinates ({scored} with a score); "
        "the table lists it.",
        "{count} places cannot be drawn: they have no coordinates ({scored} with a score); "
        "the table lists them.", facts.no_coordinates).format(
        count=i18n.integer(facts.no_coordinates), scored=i18n.integer(facts.no_coordinates_scored))


def wholes_sentence(wholes: list[tuple[str, float | str]], ranked: bool = True) -> str:
    """The cities left off the map because their districts are on it, with their own scores (or
    values already written with their unit); of a chart that draws without ranking (a scatter, a
    time series' lines: not `ranked`), that they are not drawn."""
    if not wholes:
        return ""
    def shown(score: float | str) -> str:
        return score if isinstance(score, str) else i18n.number(score) if score == score else ""

    def one(name: str, score: float | str) -> str:
        return _("{place} ({score})").format(place=name, score=shown(score)) if shown(score) else name

    if len(wholes) == 1:
        name, score = wholes[0]
        message = (_("{place} as a whole ({score}) is not drawn or ranked among its own districts.") if ranked
                   else _("{place} as a whole ({score}) is not drawn among its own districts."))
        return message.format(place=name, score=shown(score) or _("no score"))
    message = (_("{places}, each as a whole, are not drawn or ranked among their own districts.") if ranked
               else _("{places}, each as a whole, are not drawn among their own districts."))
    return message.format(places=i18n.join([one(name, score) for name, score in wholes]))


def alone_sentence(place: str, on_its_page: bool = False) -> str:
    """Why a store of one place has no score: a score places a value between the best and the worst
    of the places compared (Los Angeles' and Cape Town's Open SDG sites opened on a grey dot); on
    the place's own page (`on_its_page`), that its values are below."""
    if on_its_page:
        return _("A score places a value between the best and worst values of the places compared, and "
                 "these data hold one place, {place}: its measured values are below.").format(place=place)
    return _("A score places a value between the best and worst values of the places compared, and "
             "these data hold one place, {place}: its measured values are on its page.").format(place=place)


def goalless_sentence(names: list[str]) -> str:
    """Why a store whose indicators belong to no goal maps no score (UNdata's city populations):
    goals and the index are scored from a goal's indicators."""
    return ngettext(
        "The data's indicator, {names}, belongs to no SDG goal, and goal scores and the SDG Index are made "
        "from a goal's indicators: Explore ranks the places by it.",
        "None of the data's {count} indicators ({names}) belongs to an SDG goal, and goal scores and the SDG "
        "Index are made from a goal's indicators: Explore ranks the places by each of them.",
        len(names)).format(names=i18n.join(names[:3] + ([_("{count} more").format(
            count=i18n.integer(len(names) - 3))] if len(names) > 3 else [])), count=i18n.integer(len(names)))


def extremes(facts: MapFacts) -> str:
    """Highest and lowest among the places drawn: a place named here is one the reader can see, and
    places tied with it are named or counted too."""
    if facts.top is None:
        return ""
    if facts.drawn == 1:
        return _("The only place drawn with a score is {place} ({score}).").format(
            place=facts.top.name, score=i18n.number(facts.top.score))
    if facts.top.score == facts.bottom.score:
        return ngettext("On the map, the {count} place drawn with a score has {score}.",
                        "On the map, all {count} places drawn with a score have {score}.",
                        facts.drawn).format(count=i18n.integer(facts.drawn),
                                            score=i18n.number(facts.top.score))
    top, bottom = facts.top, facts.bottom
    return _("On the map, highest: {top} ({top_score}); lowest: {bottom} ({bottom_score}); "
             "median of all scored places {median}.").format(
        top=with_tied(top), top_score=tied_score(top, top.shown),
        bottom=with_tied(bottom), bottom_score=tied_score(bottom, bottom.shown),
        median=i18n.number(facts.median))


def with_tied(extreme: Extreme) -> str:
    """'Bedminster, tied with Westbury-on-Trym and Henleaze', or 'Clifton, tied with 12 other places'
    past the names kept: the first place apart from the others, as a name may hold "and" itself
    (Bristol's "Westbury-on-Trym and Henleaze; and Bedminster" read as three places, or oddly)."""
    if extreme.more:
        return ngettext("{place}, tied with {count} other place", "{place}, tied with {count} other places",
                        len(extreme.tied) + extreme.more).format(
            place=extreme.name, count=i18n.integer(len(extreme.tied) + extreme.more))
    if not extreme.tied:
        return extreme.name
    return _("{place}, tied with {places}").format(place=extreme.name, places=i18n.join(list(extreme.tied)))


def tied_score(extreme: Extreme, score: str) -> str:
    """The score after names of tied places, with how many they are: a name may hold "and" itself
    ("Westbury-on-Trym and Henleaze and Bedminster" is two wards)."""
    if not extreme.tied or extreme.more:
        return score
    count = 1 + len(extreme.tied)
    return ngettext("{count} place at {score}", "{count} places at {score}", count).format(
        count=i18n.integer(count), score=score)


def country_summary(facts: CountryFacts) -> str:
    """The countries map: how many countries and places its means come from."""
    values = {"subject": subject(facts.goal), "year": facts.year}
    if facts.countries == 0:
        return _("No country has a place with a score for {subject} in {year}.").format(**values)
    first = ngettext(
        "{count} country is shaded by the mean score of its places ({places} places) for {subject} in "
        "{year}; countries without a scored place are pale grey.",
        "{count} countries are shaded by the mean score of their places ({places} places) for {subject} "
        "in {year}; countries without a scored place are pale grey.", facts.countries).format(
        count=i18n.integer(facts.countries), places=i18n.integer(facts.places), **values)
    if facts.countries == 1:
        return first
    return " ".join([first, _("Highest mean: {top} ({top_score}); lowest: {bottom} ({bottom_score}).").format(
        top=facts.top.name, top_score=i18n.number(facts.top.score), bottom=facts.bottom.name,
        bottom_score=i18n.number(facts.bottom.score))])


def score_years(year: int, values: Years) -> str:
    """Where scores of `year` rest on older values, from which years (the map's and Explore's
    rankings); '' where every value is the year's own."""
    if not values.known or values.only(year):
        return ""
    return _("The scores use each place's latest values up to {year}, from {years}.").format(
        year=year, years=values.span())


def goals_heading(year: int, values: Years) -> str:
    """The goal tiles' heading: never a year the values are not from. `values`: the years of the
    values the goals' scores rest on. Where the latest of them reach the year chosen, the years
    they are from, as they are written ("scored on values of 2020 and 2020-21": Bristol's read
    "latest values up to 2021 (from 2020 and 2020-21)", a 2021 no value is written as); where they
    stop before it, that they are the latest up to it, and from when."""
    if not values.known or values.only(year):
        return _("The 17 goals in {year}").format(year=year)
    if values.last != year:
        return _("The 17 goals, latest values up to {year} (from {years})").format(
            year=year, years=values.span())
    first, last = values.ends()
    if values.first == values.last:
        return _("The 17 goals, scored on values of {year}").format(year=last)
    if values.paired:
        return _("The 17 goals, scored on values of {first} and {last}").format(first=first, last=last)
    return _("The 17 goals, scored on values from {first} to {last}").format(first=first, last=last)


def goals_title(place: str, year: int, values: Years) -> str:
    return _("{place}: {heading}").format(place=place, heading=goals_heading(year, values))


def index_sentence(index: IndexFacts | None) -> str:
    """The index and its rank only where the coverage rule is met; otherwise why there is none."""
    if index is None:
        return ""
    if not index.shown:
        if index.indicators == 0:
            return ""
        values = {"goals": i18n.integer(index.goals_with_data), "available": i18n.integer(index.available),
                  "indicators": i18n.integer(index.indicators), "needed": i18n.integer(index.min_goals),
                  "share": i18n.percent(math.floor(100 * index.available / index.indicators) / 100),
                  "required": i18n.percent(index.required)}
        if index.too_few_goals and not index.too_few_indicators:  # the rule that fails, not the one met
            # "of the index's": Nepal has 83 indicators, 32 of them in the index (the others have
            # too few values to be scored); "32 of 32 indicators" read as all it has
            return ngettext(
                "No SDG Index: {goals} of 17 goals has a score; the method needs at least {needed} "
                "(the coverage of its indicators, {available} of the index's {indicators} with a score, "
                "is enough).",
                "No SDG Index: {goals} of 17 goals have a score; the method needs at least {needed} "
                "(the coverage of its indicators, {available} of the index's {indicators} with a score, "
                "is enough).",
                index.goals_with_data).format(**values)
        if not index.too_few_goals and not index.too_few_indicators:  # a rule of other settings
            return _("No SDG Index for this place in this year.")
        if index.too_few_goals:
            return ngettext(
                "No SDG Index: {goals} of 17 goals has a score, and {available} of {indicators} indicators "
                "({share}) have a score; the method needs at least {needed} goals and {required}.",
                "No SDG Index: {goals} of 17 goals have a score, and {available} of {indicators} "
                "indicators ({share}) have a score; the method needs at least {needed} goals and {required}.",
                index.goals_with_data).format(**values)
        return ngettext(
            "No SDG Index: {goals} of 17 goals has a score, with {available} of {indicators} indicators "
            "scored ({share}); the method needs {required}.",
            "No SDG Index: {goals} of 17 goals have a score, with {available} of {indicators} indicators "
            "scored ({share}); the method needs {required}.", index.goals_with_data).format(**values)
    score = i18n.number(index.score, index.digits)  # as its badge and the map's list write it
    if index.rank is None:
        return _("Its SDG Index score is {score}.").format(score=score)
    return _("Its SDG Index score is {score}, ranked {rank} of {count}.").format(
        score=score, rank=i18n.integer(index.rank), count=i18n.integer(index.ranked_places))


def city_summary(facts: CityFacts) -> str:
    """'Nairobi is on track for 4 of 15 goals with trend data; the largest challenge is ...'"""
    if facts.goals_scored == 0 and facts.other_scored:  # its scored indicators are of no goal
        return ngettext(
            "{place} has no goal score in {year}: its {count} indicator with a score belongs to no SDG "
            "goal, and is listed under Indicators of no SDG goal.",
            "{place} has no goal score in {year}: its {count} indicators with a score belong to no SDG "
            "goal, and are listed under Indicators of no SDG goal.", facts.other_scored).format(
            place=facts.place, year=facts.year, count=i18n.integer(facts.other_scored))
    if facts.goals_scored == 0 and facts.opening is not None:  # it has them in other years
        return _("There are no goal scores for {place} in {year}.").format(place=facts.place, year=facts.year)
    if facts.goals_scored == 0:
        return _("There are no goal scores for {place} yet.").format(place=facts.place)
    sentences = []
    if facts.with_trend:
        sentences.append(ngettext(
            "{place} is on track for {count} of {total} goal with trend data.",
            "{place} is on track for {count} of {total} goals with trend data.", facts.with_trend,
        ).format(place=facts.place, count=i18n.integer(facts.on_track), total=i18n.integer(facts.with_trend)))
    else:
        sentences.append(ngettext(
            "{place} has a score for {count} of 17 goals, but no trend is assessed.",
            "{place} has scores for {count} of 17 goals, but no trend is assessed.", facts.goals_scored,
        ).format(place=facts.place, count=i18n.integer(facts.goals_scored)))
    sentences.append(challenge_sentence(facts))
    sentences.append(index_sentence(facts.index))
    if facts.red:
        sentences.append(ngettext("{count} goal faces major challenges.",
                                  "{count} goals face major challenges.", facts.red).format(
            count=i18n.integer(facts.red)))
    return " ".join(s for s in sentences if s)


def challenge_sentence(facts: CityFacts) -> str:
    """Largest challenge and strongest result, or one sentence when they cannot differ."""
    (worst, worst_score), (best, best_score) = facts.worst, facts.best
    if facts.goals_scored == 1:
        return _("The only goal with a score is {goal} (score {score}).").format(
            goal=goal_phrase(worst), score=i18n.number(worst_score, 0))
    if rounded_equal(worst_score, best_score):
        return ngettext("Its {count} goal with a score all score {score}.",
                        "Its {count} goals with a score all score {score}.", facts.goals_scored).format(
            count=i18n.integer(facts.goals_scored), score=i18n.number(worst_score, 0))
    return _("The largest challenge is {worst} (score {worst_score}); the strongest result is {best} "
             "(score {best_score}).").format(
        worst=goal_phrase(worst), worst_score=i18n.number(worst_score, 0),
        best=goal_phrase(best), best_score=i18n.number(best_score, 0))


def series_sentence(name: str, unit: str, points: list[tuple[int, str]]) -> str:
    """An indicator's first and last values; one clause when they are the same point. Without a
    unit the sentence names none (a source may write it in the name: "... rate in cities (%)",
    where "(no unit)" after the value read as a contradiction). A percent unit written with its
    sign is written by its sign: "(Percentage (%))" after Bristol's values. A unit the name already
    ends with is not said again."""
    unit = texts.short_unit(unit)
    if unit and name.rstrip().casefold().endswith(f"({unit})".casefold()):
        unit = ""  # said once: Bolivia's "... (% of houses): 23.8 in 2016 (% of houses)."
    if not points:
        return _("No values of {indicator} for this place.").format(indicator=name)
    (first_year, first), (last_year, last) = points[0], points[-1]
    if not unit and first_year == last_year:
        return _("{indicator}: {value} in {year}.").format(indicator=name, value=last, year=last_year)
    if not unit:
        return _("{indicator}: {first} in {first_year}, {last} in {last_year}.").format(
            indicator=name, first=first, first_year=first_year, last=last, last_year=last_year)
    if first_year == last_year:
        return _("{indicator}: {value} in {year} ({unit}).").format(
            indicator=name, value=last, year=last_year, unit=unit)
    return _("{indicator}: {first} in {first_year}, {last} in {last_year} ({unit}).").format(
        indicator=name, first=first, first_year=first_year, last=last, last_year=last_year, unit=unit)


def assumed_sentence(assumed: int, total: int, goal: int | None) -> str:
    """That some of the scores behind a map rest on a guessed direction (`facts.assumed_directions`)."""
    if not assumed:
        return ""
    if assumed == total == 1:
        return _("For the only indicator behind {subject}, the source states no direction and neither its "
                 "bounds nor its name tell: it is scored as higher is better, which may rank places the "
                 "wrong way round.").format(subject=subject(goal))
    if assumed == total == 2:
        return _("For both indicators behind {subject}, the source states no direction and neither their "
                 "bounds nor their names tell: they are scored as higher is better, which may rank places "
                 "the wrong way round.").format(subject=subject(goal))
    if assumed == total:
        return _("For all {total} indicators behind {subject}, the source states no direction and neither "
                 "their bounds nor their names tell: they are scored as higher is better, which may rank "
                 "places the wrong way round.").format(total=i18n.integer(total), subject=subject(goal))
    return ngettext(
        "For {count} of the {total} indicators behind {subject}, the source states no direction and "
        "neither its bounds nor its name tell: it is scored as higher is better, which may rank places "
        "the wrong way round.",
        "For {count} of the {total} indicators behind {subject}, the source states no direction and "
        "neither their bounds nor their names tell: they are scored as higher is better, which may rank "
        "places the wrong way round.", assumed).format(
        count=i18n.integer(assumed), total=i18n.integer(total), subject=subject(goal))


def unrated_sentence() -> str:
    """Why no goal of a place has a rating, where the whole source rates nothing."""
    return _("No goal is rated here: the source states no thresholds (the values for green and red) for its "
             "indicators, so each score is shown without a rating.")


def unbounded_sentence(count: int) -> str:
    """Why a goal has no score anywhere: none of its `count` indicators has bounds to score it by."""
    if not count:
        return ""
    return ngettext(
        "Its only indicator has no score in this data: scoring needs a best and a worst value, which "
        "neither the source states nor the spread of places' values gives.",
        "None of its {count} indicators has a score in this data: scoring needs a best and a worst value, "
        "which neither the source states nor the spread of places' values gives.", count).format(
        count=i18n.integer(count))


def assumed_goals_sentence(found: list[tuple[int, int, int]]) -> str:
    """`assumed_sentence` for the goals a city's summary names ((goal, assumed, total) each), said once
    for both where both rest on guessed directions: a València district's summary said the same
    40 words for its largest challenge and again for its strongest result."""
    found = [(goal, assumed, total) for goal, assumed, total in found if assumed]
    if len(found) != 2:
        return " ".join(assumed_sentence(assumed, total, goal) for goal, assumed, total in found)
    (first, one, of_one), (second, other, of_other) = found
    count, total = one + other, of_one + of_other
    values = {"first": subject(first), "second": subject(second), "count": i18n.integer(count),
              "total": i18n.integer(total)}
    if count == total:
        return _("For all {total} indicators behind {first} and {second}, the source states no direction "
                 "and neither their bounds nor their names tell: they are scored as higher is better, which "
                 "may rank places the wrong way round.").format(**values)
    return _("For {count} of the {total} indicators behind {first} and {second}, the source states no "
             "direction and neither their bounds nor their names tell: they are scored as higher is better, "
             "which may rank places the wrong way round.").format(**values)


def published_first_sentence(found: PublishedFirst | None, year: int, ranking: bool = False) -> str:
    """The source's own index beside the map (or Explore's `ranking`) of this dashboard's
    recomputation (`as_published.published_first`)."""
    if found is None:
        return ""
    values = {"year": year, "place": found.name, "score": i18n.number(found.score)}
    if found.same and ranking:
        said = _("The source publishes its own SDG Index for {year}, also with {place} first ({score} "
                 "there); this ranking is this dashboard's recomputation from the source's values, by its "
                 "own methodology.")
    elif found.same:
        said = _("The source publishes its own SDG Index for {year}, also with {place} first ({score} "
                 "there); this map shows this dashboard's recomputation from the source's values, by its "
                 "own methodology.")
    elif ranking:
        said = _("The source publishes its own SDG Index for {year}, with {place} first ({score}); this "
                 "ranking is this dashboard's recomputation from the source's values, by its own "
                 "methodology, which ranks differently: each place's page gives both.")
    else:
        said = _("The source publishes its own SDG Index for {year}, with {place} first ({score}); this map "
                 "shows this dashboard's recomputation from the source's values, by its own methodology, "
                 "which ranks differently: each place's page gives both.")
    return said.format(**values)


def agreement_sentence(found: Agreement | None, what: str) -> str:
    """Whether this dashboard's own ratings agree with those the source published; `what` is 'goals'
    (one place's goals) or 'places' (one goal's map). Where this dashboard rates none of them (a
    source without thresholds), it says so rather than that it agrees on none."""
    if found is None:
        return ""
    count = i18n.integer(found.published)
    if found.rated == 0:
        if what == "goals":
            return ngettext(
                "The source publishes its own rating for {count} goal; this dashboard does not rate it "
                "here, so the two cannot be compared.",
                "The source publishes its own ratings for {count} goals; this dashboard rates none of them "
                "here, so the two cannot be compared.", found.published).format(count=count)
        return ngettext(
            "The source publishes its own rating for {count} place; this dashboard does not rate it "
            "here, so the two cannot be compared.",
            "The source publishes its own ratings for {count} places; this dashboard rates none of them "
            "here, so the two cannot be compared.", found.published).format(count=count)
    if found.rated is not None and found.rated < found.published:
        if what == "goals":
            message = ngettext(
                "The source publishes its own rating for {count} goal; this dashboard rates {rated} of "
                "them too and agrees on {agree}.",
                "The source publishes its own ratings for {count} goals; this dashboard rates {rated} of "
                "them too and agrees on {agree}.", found.published)
        else:
            message = ngettext(
                "The source publishes its own rating for {count} place; this dashboard rates {rated} of "
                "them too and agrees on {agree}.",
                "The source publishes its own ratings for {count} places; this dashboard rates {rated} of "
                "them too and agrees on {agree}.", found.published)
        return message.format(count=count, rated=i18n.integer(found.rated), agree=i18n.integer(found.agree))
    if what == "goals":
        message = ngettext(
            "The source publishes its own rating for {count} goal; this dashboard's recomputation agrees "
            "on {agree}.",
            "The source publishes its own ratings for {count} goals; this dashboard's recomputation agrees "
            "on {agree}.", found.published)
    else:
        message = ngettext(
            "The source publishes its own rating for {count} place; this dashboard's recomputation agrees "
            "on {agree}.",
            "The source publishes its own ratings for {count} places; this dashboard's recomputation agrees "
            "on {agree}.", found.published)
    return message.format(count=count, agree=i18n.integer(found.agree))
