"""Believable demo companies and people, composed from the word lists with one seeded random generator."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate

from babel import Locale

from ..i18n import LANGUAGES
from ..reference import PARTNER_COUNTRIES, SECTORS
from ..text import slugify
from .data_countries import BRAND_PREFIXES, BRAND_SUFFIXES, COUNTRIES, JOB_TITLES, CountryData
from .data_names import CITY_NAMES_OK, SECTOR_WORDS, SURNAME_FIRST
from .data_texts import (ACTIVITIES, CAPABILITIES, LOCAL_ACTIVITIES, LOCAL_TEMPLATES, OPENERS, SEEKING,
                         SIZE_WORDS)

SIZE_WEIGHTS = (("micro", 46), ("small", 34), ("medium", 16), ("large", 4))
HISTORY_DAYS = 548  # about 18 months of activity, so "newest" means something
LOCAL_DESCRIPTION_SHARE = 0.18
ENGLISH = Locale("en")
# Share companies ("AG", "S.A.") are rare among micro and small firms: they pick from the other forms.
SHARE_COMPANY_FORMS = {"AG", "S.A.", "S.p.A.", "Zrt.", "d.d.", "a.s."}


@dataclass
class Person:
    first: str
    last: str
    job_title: str
    email: str
    phone: str
    locale: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class PlannedCompany:
    name: str
    slug: str
    country: str
    region: str
    city: str
    size_class: str
    founded_year: int
    website: str
    description: str
    sectors: list[str]
    languages: list[str]
    created_at: datetime
    people: list[Person] = field(default_factory=list)


class Weighted:
    """rng.choices with the cumulative weights computed once: thousands of draws stay cheap."""

    def __init__(self, pairs):
        pairs = list(pairs)
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def interface_locale(language: str) -> str:
    return language if language in LANGUAGES else "en"


class Composer:
    def __init__(self, rng: random.Random, now: datetime, cluster_sectors: dict[str, set[str]]):
        self.rng = rng
        self.now = now
        self.countries = Weighted((code, data.weight) for code, data in COUNTRIES.items())
        self.sizes = Weighted(SIZE_WEIGHTS)
        # Sectors that have a cluster in a country are three times as common there.
        self.sectors = {
            code: Weighted((s, 3 if s in cluster_sectors.get(code, ()) else 1) for s in SECTORS)
            for code in COUNTRIES
        }
        self.regions = {
            code: Weighted(((region, cities), 4 if partner else 1) for region, cities, partner in data.regions)
            for code, data in COUNTRIES.items()
        }
        self.legal_forms = {code: Weighted(data.legal_forms) for code, data in COUNTRIES.items()}
        self.small_legal_forms = {
            code: Weighted([(f, w) for f, w in data.legal_forms if f not in SHARE_COMPANY_FORMS] or data.legal_forms)
            for code, data in COUNTRIES.items()}
        self.names: set[str] = set()
        self.slugs: set[str] = set()

    # People -------------------------------------------------------------------------------------

    def person(self, country: str, domain: str, taken: set[str] | None = None) -> Person:
        data = COUNTRIES[country]
        rng = self.rng
        for _ in range(20):
            female = rng.random() < 0.45
            first = rng.choice(data.female_first if female else data.male_first)
            male_last, female_last = rng.choice(data.surnames)
            last = female_last if female else male_last
            local = f"{slugify(first)}.{slugify(last)}"
            if taken is None or local not in taken:
                break
        if taken is not None:
            taken.add(local)
        phone = f"{data.phone_prefix} {rng.randint(200, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        return Person(first=first, last=last, job_title=rng.choice(JOB_TITLES), email=f"{local}@{domain}",
                      phone=phone, locale=interface_locale(data.language))

    # Companies ----------------------------------------------------------------------------------

    def company(self) -> PlannedCompany:
        rng = self.rng
        country = self.countries.pick(rng)
        data = COUNTRIES[country]
        sectors = [self.sectors[country].pick(rng)]
        for share in (0.28, 0.06):  # a second and, rarely, a third sector
            if rng.random() < share:
                extra = self.sectors[country].pick(rng)
                if extra not in sectors:
                    sectors.append(extra)
        region, cities = self.regions[country].pick(rng)
        city = rng.choice(cities)
        size = self.sizes.pick(rng)
        core, name = self._name(data, country, sectors[0], city, size)
        slug = self._slug(name)
        founded = rng.randint(1950, 1989) if rng.random() < 0.08 else rng.randint(1990, 2024)
        created_at = self.now - timedelta(days=HISTORY_DAYS * rng.random() ** 1.4, minutes=rng.randint(5, 600))
        planned = PlannedCompany(
            name=name, slug=slug, country=country, region=region, city=city, size_class=size,
            founded_year=founded, website=f"https://www.{slugify(core, 60)}.example",
            description=self._description(name, data, country, sectors[0], region, city, size, founded),
            sectors=sectors, languages=self._languages(data), created_at=created_at)
        taken: set[str] = set()
        count = 2 if rng.random() < (0.6 if size in ("medium", "large") else 0.3) else 1
        planned.people = [self.person(country, f"{slug}.example", taken) for _ in range(count)]
        return planned

    def _name(self, data: CountryData, country: str, sector: str, city: str, size: str) -> tuple[str, str]:
        rng = self.rng
        forms = self.small_legal_forms[country] if size in ("micro", "small") else self.legal_forms[country]
        words = SECTOR_WORDS[data.words][sector]
        core = ""
        for attempt in range(12):
            word = rng.choice(words)
            surname = rng.choice(data.surnames)[0]
            roll = rng.random()
            if roll < 0.38:
                surname_first = rng.random() < SURNAME_FIRST.get(data.words, 0.0)
                core = f"{surname} {word}" if surname_first else f"{word} {surname}"
            elif roll < 0.52 and data.words in CITY_NAMES_OK:
                core = f"{word} {city}"
            elif roll < 0.72 and data.brands:
                core = f"{rng.choice(data.brands)} {word}"
            elif roll < 0.87:
                core = f"{self._brand()} {rng.choice(SECTOR_WORDS['en'][sector])}"
            else:
                core = self._brand()
            if attempt >= 8:  # crowded name space (very large loads): add the town
                core = f"{core} {city}" if attempt == 8 else f"{core} {city} {attempt - 7}"
            name = f"{core} {forms.pick(rng)}"
            if name not in self.names:
                self.names.add(name)
                return core, name
        return core, name

    def _brand(self) -> str:
        prefix = self.rng.choice(BRAND_PREFIXES)
        suffix = self.rng.choice(BRAND_SUFFIXES)
        return prefix + suffix

    def _slug(self, name: str) -> str:
        base = slugify(name)
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def _languages(self, data: CountryData) -> list[str]:
        rng = self.rng
        spoken = [data.language]
        if rng.random() < 0.85:
            spoken.append("en")
        if data.language != "de" and rng.random() < 0.45:
            spoken.append("de")
        if data.language == "de" and rng.random() < 0.15:
            spoken.append(rng.choice(("cs", "pl", "hu", "it", "sl")))
        if rng.random() < 0.08:
            spoken.append(rng.choice(("fr", "it", "ru", "hr")))
        return list(dict.fromkeys(spoken))

    def _description(self, name: str, data: CountryData, country: str, sector: str, region: str, city: str,
                     size: str, founded: int) -> str:
        rng = self.rng
        if data.language in LOCAL_TEMPLATES and rng.random() < LOCAL_DESCRIPTION_SHARE:
            openers, wishes = LOCAL_TEMPLATES[data.language]
            activity = LOCAL_ACTIVITIES[data.language][sector]
            return " ".join((rng.choice(openers).format(city=city, year=founded, activity=activity),
                             rng.choice(wishes)))
        sentences = [rng.choice(OPENERS).format(
            name=name, size=rng.choice(SIZE_WORDS[size]), city=city, year=founded, region=region,
            activity=rng.choice(ACTIVITIES[sector]))]
        if rng.random() < 0.75:
            sentences.append(rng.choice(CAPABILITIES[sector]).format(**self._figures()))
        sentences.append(rng.choice(SEEKING).format(target=self._target(country)))
        return " ".join(sentences)

    def _figures(self) -> dict[str, str]:
        rng = self.rng
        return {
            "fleet": str(rng.randint(12, 180)), "area": f"{rng.randint(8, 120) * 100:,}",
            "n_countries": str(rng.randint(3, 25)), "projects": str(rng.randint(4, 90) * 10),
            "machines": str(rng.randint(6, 60)), "volume": f"{rng.randint(5, 120) * 1000:,}",
            "guests": f"{rng.randint(2, 60) * 1000:,}", "shops": f"{rng.randint(5, 120) * 10:,}",
        }

    def _target(self, own: str) -> str:
        others = [c for c in PARTNER_COUNTRIES if c != own]
        picked = self.rng.sample(others, self.rng.choice((1, 2)))
        names = [ENGLISH.territories[c] for c in picked]
        return " and ".join(names)
