"""The observatory's figures in the shapes its page, tables and CSV files read, from cached aggregates."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .. import reference
from ..cache import cached
from ..listings.models import OFFER, REQUEST
from ..search.text import fold
from . import queries

CACHE_KEY = "observatory:v1"

Pair = tuple[str, str]


@dataclass(frozen=True)
class SectorListings:
    sector: str
    offers: int
    requests: int

    @property
    def total(self) -> int:
        return self.offers + self.requests


@dataclass(frozen=True)
class SectorActivity:
    sector: str
    interests: int
    cross_border_interests: int
    partnerships: int

    @property
    def total(self) -> int:
        return self.interests + self.partnerships


@dataclass(frozen=True)
class Observatory:
    # (interested company's country, listing company's country) → accepted expressions of interest
    interests: dict[Pair, int]
    # (country, alphabetically later country) → public partnerships with active members from both
    partnerships: dict[Pair, int]
    listings: list[SectorListings]
    activity: list[SectorActivity]

    @property
    def accepted_interests(self) -> int:
        return sum(self.interests.values())

    @property
    def cross_border_interests(self) -> int:
        return sum(n for (origin, target), n in self.interests.items() if origin != target)

    @property
    def public_partnerships(self) -> int:
        return sum(row.partnerships for row in self.activity)

    @property
    def active_offers(self) -> int:
        return sum(row.offers for row in self.listings)

    @property
    def active_requests(self) -> int:
        return sum(row.requests for row in self.listings)

    @property
    def most_active(self) -> list[SectorActivity]:
        """Sectors with any cooperation, the most first (ties by sector code, so the order is stable)."""
        return sorted((row for row in self.activity if row.total),
                      key=lambda row: (-row.total, -row.cross_border_interests, row.sector))

    @property
    def partnership_matrix(self) -> dict[Pair, int]:
        """Both halves of the symmetric pair counts, for drawing."""
        both = dict(self.partnerships)
        both.update({(second, first): n for (first, second), n in self.partnerships.items()})
        return both


def interest_countries(observatory: Observatory) -> set[str]:
    return {code for pair in observatory.interests for code in pair}


def partnership_countries(observatory: Observatory) -> set[str]:
    return {code for pair in observatory.partnerships for code in pair}


def _alphabetical(name: str) -> tuple[str, str]:
    """Sorts "Česko" with the Cs and "Österreich" with the Os, as readers look for them (not by code point)."""
    return fold(name), name


def sorted_pairs(counts: dict[Pair, int], name: Callable[[str], str]) -> list[tuple[str, str, int]]:
    """(country, country, count), the largest first, then by the countries' names in the reader's language."""
    return sorted(((first, second, n) for (first, second), n in counts.items() if n),
                  key=lambda row: (-row[2], _alphabetical(name(row[0])), _alphabetical(name(row[1]))))


def by_name(codes, name: Callable[[str], str]) -> list[str]:
    return sorted(codes, key=lambda code: (_alphabetical(name(code)), code))


def load() -> Observatory:
    """The figures, computed at most once per CACHE_TTL for everyone (they hold nothing personal)."""
    return build(cached(CACHE_KEY, queries.raw_figures))


def build(raw: dict[str, list[list[Any]]]) -> Observatory:
    interests: dict[Pair, int] = {}
    interest_sectors: dict[str, list[int]] = {}
    for origin, target, sector, n in raw["interests"]:
        interests[(origin, target)] = interests.get((origin, target), 0) + n
        totals = interest_sectors.setdefault(sector, [0, 0])
        totals[0] += n
        totals[1] += n if origin != target else 0
    listing_counts: dict[tuple[str, str], int] = {(sector, kind): n for sector, kind, n in raw["listings"]}
    partnership_sectors = {sector: n for sector, n in raw["partnership_sectors"]}
    # The fixed taxonomy first, then any retired code still found in the data.
    found = {s for s, _kind in listing_counts} | set(interest_sectors) | set(partnership_sectors)
    sectors = list(reference.SECTORS) + sorted(found - set(reference.SECTORS))
    return Observatory(
        interests=interests,
        partnerships={(first, second): n for first, second, n in raw["partnership_pairs"]},
        listings=[SectorListings(s, listing_counts.get((s, OFFER), 0), listing_counts.get((s, REQUEST), 0))
                  for s in sectors],
        activity=[SectorActivity(s, *interest_sectors.get(s, (0, 0)), partnership_sectors.get(s, 0))
                  for s in sectors],
    )
