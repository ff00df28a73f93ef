"""Invented innovation projects for the demonstration data, built from templates and one seed."""

# ruff: noqa: E501
# The IDEAS table reads best as one project template per line.

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from loaders.projects.vocab import FUNDING_SOURCES, PARTNER_SECTORS, PROCUREMENT_METHODS
from loaders.schema import LIST_SEPARATOR, PROJECT_STATUSES

# fmt: off
FUNDING_WORDS = {
    "municipal budget": "the city's own budget", "national transfer": "a national government transfer",
    "international/ODA": "international development aid", "private": "private investors",
    "philanthropic": "a philanthropic foundation", "blended": "blended public and private finance",
    "climate fund": "an international climate fund", "development bank loan": "a development bank loan",
    "green bond": "a municipal green bond", "crowdfunding": "residents through crowdfunding",
}
PROCUREMENT_WORDS = {
    "open tender": "an open tender", "innovation partnership": "an innovation partnership",
    "pre-commercial procurement": "pre-commercial procurement", "challenge prize": "a challenge prize",
    "direct award": "a direct award", "framework agreement": "an existing framework agreement",
    "competitive dialogue": "a competitive dialogue", "public-private partnership": "a public-private partnership",
    "grant agreement": "grant agreements", "in-house": "the city's own teams",
}
PROCUREMENT_WEIGHTS = {
    "innovative": (1, 3, 2, 2, 0.3, 1.5, 1.5, 0.5, 0.5, 0.2),
    "usual": (4, 0.5, 0.3, 0.5, 2, 1.5, 0.4, 0.7, 1.5, 1),
}
"""Weights over PROCUREMENT_METHODS: procurement-themed projects try the newer methods."""
PARTNER_WEIGHTS = (5, 3, 2, 3, 2, 1, 1, 1)
STATUS_SHARES = dict(zip(PROJECT_STATUSES, (0.08, 0.15, 0.35, 0.25, 0.10, 0.07), strict=True))
TITLE_SUFFIX = {"idea": " (proposal)", "scaled": " (city-wide)"}
JOBS_PER_MILLION_USD = {"livelihoods": 40, "other": 10, "procurement": 6, "financing": 8, "data and visualisation": 3}
JOBS_BY_STATUS = {"idea": 0, "planned": 0, "stopped": 0.4, "scaled": 2}
USD_RATES = {
    "EUR": 0.92, "GBP": 0.78, "CHF": 0.86, "SEK": 10.4, "NOK": 10.8, "DKK": 6.9, "PLN": 3.9,
    "CZK": 23, "HUF": 365, "RON": 4.6, "UAH": 41, "TRY": 37, "JPY": 150, "CNY": 7.2, "KRW": 1400,
    "INR": 85, "PKR": 280, "BDT": 120, "IDR": 16000, "PHP": 57, "THB": 34, "VND": 25500,
    "MYR": 4.5, "SGD": 1.34, "AUD": 1.55, "NZD": 1.7, "CAD": 1.38, "MXN": 19, "BRL": 5.6,
    "CLP": 950, "COP": 4100, "PEN": 3.7, "ZAR": 18, "KES": 129, "NGN": 1550, "GHS": 14,
    "EGP": 50, "MAD": 9.8, "TZS": 2600, "UGX": 3700, "RWF": 1350, "XOF": 600, "XAF": 600,
    "AED": 3.67, "SAR": 3.75, "KZT": 500, "UZS": 12800,
}
"""Rough local-currency units per US dollar, for demo budgets only (not an exchange-rate source)."""
STOP_REASONS = (
    "the money ran out", "the supplier could not deliver", "priorities changed after an election",
    "the pilot did not show enough results", "the partners could not agree on data sharing",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# title | theme | goals | targets | what the city does | why | budget range in thousand USD
# | procurement method when the idea fixes it
IDEAS = [
    ("Solar rooftops on public schools", "financing", "7;13;4", "7.2;13.2", "installing solar panels on the roofs of public schools", "cut electricity bills and teach pupils about clean energy", (200, 3000), ""),
    ("Waste picker cooperative platform", "livelihoods", "8;11;12", "8.3;11.6;12.5", "giving waste picker cooperatives a mobile app to log and sell recyclables", "raise their incomes and the recycling rate at the same time", (50, 600), ""),
    ("Open budget dashboard", "data and visualisation", "16;17", "16.6;17.18", "publishing the city budget and spending as interactive charts", "let residents follow where public money goes", (30, 400), ""),
    ("Neighbourhood air quality sensors", "procurement", "11;3", "11.6;3.9", "buying low-cost air quality sensors for every district", "show pollution levels street by street in near real time", (100, 1500), "pre-commercial procurement"),
    ("Flood early warning by SMS", "data and visualisation", "13;11", "13.1;11.5", "linking river gauges and rainfall forecasts to text-message alerts", "give families in flood-prone areas time to reach safety", (150, 2500), ""),
    ("Micro-loans for street vendors", "livelihoods", "1;8;5", "1.4;8.3;5.a", "offering small loans and bookkeeping training to street vendors (most of them women)", "help informal traders grow their business", (80, 1200), ""),
    ("Green bond for the water network", "financing", "6;17", "6.4;17.1", "raising money with a green bond to replace leaking water mains", "cut water losses and pay for new connections", (5000, 80000), ""),
    ("Electric bus corridor", "procurement", "11;7;13", "11.2;7.2;13.2", "buying electric buses and chargers for the busiest routes", "cut diesel fumes and noise along busy roads", (3000, 60000), "innovation partnership"),
    ("Urban farms on vacant lots", "livelihoods", "2;11;15", "2.1;11.7;15.1", "turning vacant city plots into community gardens and small farms", "bring fresh food and green space to dense neighbourhoods", (40, 500), ""),
    ("Participatory budgeting app", "data and visualisation", "16;10", "16.7;10.2", "running participatory budgeting through an app and neighbourhood assemblies", "let residents decide how part of the investment budget is spent", (50, 700), ""),
    ("Cool roofs for informal settlements", "other", "13;11;3", "13.1;11.1;3.9", "coating tin roofs with reflective paint in informal settlements", "keep homes cooler during heatwaves", (60, 900), ""),
    ("Plastic upcycling challenge", "procurement", "12;14", "12.5;14.1", "inviting local start-ups to compete with ideas that turn plastic waste into products", "keep plastic out of drains, rivers and the sea", (50, 800), "challenge prize"),
    ("Coding bootcamps for young people", "livelihoods", "4;8", "4.4;8.6", "running free coding bootcamps for young people out of work or school", "open routes into digital jobs", (60, 900), ""),
    ("Smart water meters", "procurement", "6", "6.4;6.1", "installing smart water meters in homes and businesses", "find leaks sooner and bill households fairly", (500, 8000), "framework agreement"),
    ("Neighbourhood data stories", "data and visualisation", "11;17", "11.3;17.18", "training city staff to turn open data into maps and stories for each neighbourhood", "show residents how their area is changing", (20, 250), ""),
    ("Household flood-proofing fund", "financing", "13;1", "13.1;1.5", "running a revolving fund that helps low-income families flood-proof their homes", "protect poorer households from climate shocks", (1000, 20000), ""),
    ("Safe streets for women", "other", "5;11;16", "5.2;11.7;16.1", "mapping unsafe spots with women's groups and fixing lighting and footpaths", "make walking at night safer for women and girls", (80, 1500), ""),
    ("Digital birth registration", "data and visualisation", "16", "16.9", "letting maternity wards register births digitally at the bedside", "make sure every child gets a legal identity", (100, 1200), ""),
    ("Social procurement for local firms", "procurement", "8;12;10", "8.3;12.7;10.2", "reserving part of city contracts for social enterprises and small local firms", "keep public spending in the local economy", (100, 2000), ""),
    ("Retrofit skills programme", "livelihoods", "7;8;11", "7.3;8.5;11.1", "training unemployed residents to insulate and retrofit social housing", "lower energy bills and create skilled local jobs", (500, 10000), ""),
    ("Street trees guided by heat maps", "data and visualisation", "15;13;11", "15.1;13.1;11.7", "using satellite heat maps to decide where to plant street trees", "cool the hottest streets first", (80, 1500), ""),
    ("Mobile health clinics", "other", "3", "3.8;3.1", "sending mobile clinics to neighbourhoods far from a health centre", "bring basic care and vaccinations closer to families", (200, 3000), ""),
    ("Pay-for-results sanitation", "financing", "6;3", "6.2;6.3", "paying small operators for every household toilet safely emptied and treated", "extend safe sanitation where sewers do not reach", (300, 5000), ""),
    ("School meals from local farms", "procurement", "2;4;12", "2.1;4.1;12.3", "buying school meal ingredients from nearby smallholder farmers", "feed children well and give farmers a steady market", (300, 6000), ""),
    ("Youth employment impact bond", "financing", "8;4", "8.6;4.4", "testing a social impact bond that repays investors when young people keep a job", "bring private money into job training", (1000, 12000), ""),
    ("Open contracting portal", "procurement", "16;12", "16.5;12.7", "publishing every tender and contract in the Open Contracting Data Standard", "make public buying fairer and harder to corrupt", (50, 600), ""),
    ("Informal settlement upgrading", "other", "11;1;6", "11.1;1.4;6.2", "upgrading paths, drains and water points in informal settlements together with residents", "improve living conditions without moving families out", (1000, 30000), ""),
    ("Protected bike lane network", "other", "11;3;13", "11.2;3.6;13.2", "building a connected network of protected bike lanes", "make cycling safe and replace short car trips", (500, 20000), ""),
    ("Market food waste to compost", "other", "12;2", "12.3;12.5", "collecting food waste from markets and turning it into compost for urban farms", "cut landfill methane and improve soils", (80, 1500), ""),
    ("Energy efficiency revolving fund", "financing", "7;13", "7.3;13.2", "lending to public buildings for efficiency upgrades repaid from the savings", "lower energy use without raising taxes", (500, 10000), ""),
    ("City SDG data platform", "data and visualisation", "17;11", "17.18;11.3", "bringing city, national and survey data on the goals into one open platform", "track progress and report it to residents", (50, 800), ""),
    ("Women entrepreneurs accelerator", "livelihoods", "5;8", "5.5;8.3", "running mentoring and seed grants for businesses led by women", "close the gender gap in business ownership", (100, 2000), ""),
    ("Digital skills for older residents", "other", "4;10", "4.4;10.2", "offering free digital skills classes in libraries and community centres", "help older residents use online public services", (30, 300), ""),
    ("Beach litter citizen science", "data and visualisation", "14", "14.1", "training volunteers to log beach and riverbank litter with a mobile app", "trace where the plastic in the sea comes from", (20, 300), ""),
    ("Land value capture for transit", "financing", "11;17", "11.2;17.1", "capturing part of the rise in land value around new transit stations", "pay for public transport without new debt", (2000, 50000), ""),
    ("Solar micro-grid for a market", "procurement", "7;8", "7.1;8.3", "setting up a solar micro-grid for a large market district", "give traders reliable power and retire diesel generators", (300, 5000), "innovation partnership"),
]
# fmt: on


def round_sig(value: float, digits: int = 3) -> float:
    if value <= 0:
        return 0.0
    return float(round(value, digits - 1 - int(np.floor(np.log10(value)))))


def choose(rng: np.random.Generator, options: tuple[str, ...], weights: list[float], k: int) -> list[str]:
    """k distinct options drawn by weight, returned in vocabulary order."""
    p = np.array(weights, float) / sum(weights)
    drawn = set(rng.choice(len(options), size=k, replace=False, p=p))
    return [option for i, option in enumerate(options) if i in drawn]


def dates(rng: np.random.Generator, status: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """Start and end consistent with the status on the as-of date."""
    day = dt.timedelta(days=1)
    span = {
        "idea": ((90, 540), (365, 1100)),
        "planned": ((30, 365), (365, 1400)),
        "active": ((-1800, -60), None),
        "completed": ((-3000, -400), None),
        "scaled": ((-3300, -900), None),
        "stopped": ((-3000, -500), None),
    }[status]
    start = as_of + int(rng.integers(*span[0])) * day
    if status in ("idea", "planned"):
        return start, start + int(rng.integers(*span[1])) * day
    if status in ("active", "scaled"):
        return start, as_of + int(rng.integers(60, 1500)) * day
    end = start + int(rng.integers(120, max((as_of - start).days - 30, 121))) * day
    return start, end


def words(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def sort_codes(codes: str) -> str:
    """'15.1;13.1;11.a' -> '11.a;13.1;15.1' (goal, then target number, letters last)."""

    def key(code: str) -> tuple[int, int, str]:
        goal, target = code.split(".")
        return int(goal), int(target) if target.isdigit() else 100, target

    return LIST_SEPARATOR.join(sorted(codes.split(";"), key=key))


def last_update(rng: np.random.Generator, start: dt.date, as_of: dt.date) -> dt.date:
    """A day in the last 18 months before the as-of date, never before a past start."""
    earliest = max(start, as_of - dt.timedelta(days=540)) if start < as_of else as_of - dt.timedelta(days=300)
    return earliest + dt.timedelta(days=int(rng.integers(0, max((as_of - earliest).days, 1))))


def summary(rng: np.random.Generator, row: dict, idea: tuple, start: dt.date, end: dt.date) -> str:
    city, what, why = row["city"], idea[4], idea[5]
    opening = {
        "idea": f"{city} is considering {what}, to {why}.",
        "planned": f"From {MONTHS[start.month - 1]} {start.year}, {city} plans to start {what} to {why}.",
        "active": f"{city} has been {what} since {start.year} to {why}.",
        "completed": f"Between {start.year} and {end.year}, {city} worked on {what} to {why}.",
        "scaled": f"After a pilot that began in {start.year}, {city} is now {what} across the city to {why}.",
        "stopped": f"{city} started {what} in {start.year} to {why}, but stopped in {end.year} because {rng.choice(STOP_REASONS)}.",
    }[row["status"]]
    money = words(FUNDING_WORDS[f] for f in row["funding"])
    method = PROCUREMENT_WORDS[row["procurement_method"]]
    funding = rng.choice(
        [
            f"The money comes from {money}, and the work is delivered through {method}.",
            f"It is paid for by {money} and delivered through {method}.",
            f"Funding comes from {money}; delivery is arranged through {method}.",
        ]
    )
    partners = "partners from " + words(row["partners"])
    people = f"{int(row['beneficiaries']):,}"
    if row["status"] in ("idea", "planned"):
        outcome = f"It aims to reach about {people} people, working with {partners}."
    else:
        done = row["status"] in ("completed", "stopped")
        count = int(row["jobs_created"])
        jobs = f"{count:,} job{'s' if count > 1 else ''} and " if count else ""
        verb = "It created" if done else "So far it has created"
        if not jobs:
            verb = "It reached" if done else "So far it has reached"
        reach = "reached " if jobs else ""
        outcome = f"{verb} {jobs}{reach}about {people} people, with {partners}."
    return " ".join([opening, str(funding), outcome])


def funding_weights(theme: str, goals: str, top_budget: float, d: float) -> list[float]:
    """Weights over FUNDING_SOURCES: aid where development is low, climate money for goals 7
    and 13, loans and bonds for large budgets."""
    climate = any(goal in goals.split(";") for goal in ("7", "13"))
    financing = theme == "financing"
    return [4, 1.5, 3 * (1 - d) + 0.1, 0.5 + d, 0.8, 0.6 + financing, 0.2 + 1.5 * climate,
            0.3 + (top_budget > 5000), 0.1 + 2 * d * financing, 0.2]  # fmt: skip


def near(city: dict, rng: np.random.Generator) -> tuple[float, float]:
    """A point inside the city, farther out for larger cities."""
    radius = min(2 + 6 * np.sqrt(city["population"] / 1e6), 25) * np.sqrt(rng.random())
    angle = rng.uniform(0, 2 * np.pi)
    lat = city["lat"] + radius / 111.0 * np.sin(angle)
    lon = city["lon"] + radius / (111.0 * np.cos(np.radians(city["lat"]))) * np.cos(angle)
    return round(float(lat), 5), round(float(lon), 5)


def project(city: dict, idea: tuple, rng: np.random.Generator, as_of: dt.date) -> dict:
    """One project of `idea` in `city`, every field filled."""
    title, theme, goals, targets, _, _, (low, high), method = idea
    d = city["development"]
    status = str(rng.choice(list(STATUS_SHARES), p=list(STATUS_SHARES.values())))
    start, end = dates(rng, status, as_of)
    funding = choose(rng, FUNDING_SOURCES, funding_weights(theme, goals, high, d), int(rng.integers(1, 4)))
    if not method:
        weights = PROCUREMENT_WEIGHTS["innovative" if theme == "procurement" else "usual"]
        method = choose(rng, PROCUREMENT_METHODS, weights, 1)[0]
    budget_usd = round_sig(np.exp(rng.uniform(np.log(low), np.log(high))) * 1000 * (0.4 + 0.8 * d))
    local = city["currency"] if city["currency"] in USD_RATES else "USD"
    currency = "USD" if "international/ODA" in funding and rng.random() < 0.6 else local
    jobs = budget_usd / 1e6 * JOBS_PER_MILLION_USD[theme] * (1.5 - d) * rng.uniform(0.5, 1.5)
    reach = budget_usd / np.exp(rng.uniform(np.log(3), np.log(300)))
    partner_weights = [*PARTNER_WEIGHTS[:5], 1 + 2 * (1 - d), *PARTNER_WEIGHTS[6:]]
    lat, lon = near(city, rng)
    row = {
        "place_id": city["place_id"], "city": city["name"], "title": title + TITLE_SUFFIX.get(status, ""),
        "goals": LIST_SEPARATOR.join(sorted(goals.split(";"), key=int)), "targets": sort_codes(targets),
        "theme": theme, "status": status, "funding": funding, "procurement_method": method,
        "start_date": start.isoformat(), "end_date": end.isoformat(),
        "budget": round_sig(budget_usd * USD_RATES.get(currency, 1.0)), "currency": currency,
        "budget_usd": budget_usd, "jobs_created": float(round(jobs * JOBS_BY_STATUS.get(status, 1))),
        "partners": choose(rng, PARTNER_SECTORS, partner_weights, int(rng.integers(2, 5))),
        "beneficiaries": max(20.0, round_sig(min(reach, 0.6 * city["population"]), 2)),
        "lat": lat, "lon": lon, "last_updated": last_update(rng, start, as_of).isoformat(),
    }  # fmt: skip
    row["summary"] = summary(rng, row, idea, start, end)
    return row


def simulate_projects(
    cities: pd.DataFrame, rng: np.random.Generator, as_of: dt.date, count: int = 300
) -> pd.DataFrame:
    """About `count` projects: at least one in every city, the rest spread by city size.

    `cities` needs place_id, name, lat, lon, population, currency and development (0-1).
    """
    weights = cities["population"].to_numpy(float) ** 0.35
    extra = rng.multinomial(max(count - len(cities), 0), weights / weights.sum())
    rows = []
    for city, n in zip(cities.to_dict("records"), 1 + extra, strict=True):
        for idea_index in rng.choice(len(IDEAS), size=min(n, len(IDEAS)), replace=False):
            rows.append(project(city, IDEAS[idea_index], rng, as_of))
    projects = pd.DataFrame(rows)
    projects["funding_sources"] = projects["funding"].map(LIST_SEPARATOR.join)
    projects["partner_sectors"] = projects["partners"].map(LIST_SEPARATOR.join)
    projects["project_id"] = [f"demo-{i + 1:04d}" for i in range(len(projects))]
    projects["url"] = "https://example.org/city-sdg-demo/projects/" + projects["project_id"]
    return projects
