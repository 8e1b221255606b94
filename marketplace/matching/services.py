"""Matches of a listing and suggested partners of a company: candidates.py narrows, engine.py scores.

At most five queries for the matches of a listing, whatever the number of listings: one
for the candidates and everything the scoring reads, one for the listings shown with their
company, and three small ones for those listings' types, keywords and target countries. The
Matches tab shows cards only (templates/matching/_match.html): it reads the listings shown,
and of them only the columns a card needs, in one query.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, defaultload, joinedload, lazyload, load_only, selectinload

from ..cache import cached
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..listings.models import PUBLISHED, Listing
from .candidates import Found, candidates
from .engine import BAND_LABELS, Assessment, Profile, Reason, assess

# A candidate ranking this share of the source's rank for its own query has fully similar text.
# Engines rank on different scales, but against that yardstick they agree well: a good
# partner's text reaches 20–35% of it on SQLite and PostgreSQL alike.
TEXT_YARDSTICK = 0.4
MAX_SOURCE_LISTINGS = 8   # suggested partners look at a company's newest active listings only
PAIRS_PER_SUGGESTION = 5


# What a match card shows of a listing and its company, and what cached_matches checks when it reads
# matches back; the long texts and the folded search documents stay in the database.
CARD_COLUMNS = (Listing.kind, Listing.sector, Listing.title, Listing.language, Listing.status, Listing.expires_at,
                Listing.company_id)
CARD_COMPANY_COLUMNS = (Company.slug, Company.name, Company.country, Company.size_class, Company.is_published,
                        Company.suspended_at)


@dataclass
class Match:
    listing: Listing          # the other listing, its company and its rows (for a card: CARD_COLUMNS only)
    score: int                # 0–100
    band: str                 # excellent | good | possible
    reasons: list[Reason]     # each with .code and .text (in the reader's language)
    cross_border: bool

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


@dataclass
class MatchPair:
    mine: Listing
    match: Match


@dataclass
class CompanySuggestion:
    company: Company
    pairs: list[MatchPair] = field(default_factory=list)  # best first, at most PAIRS_PER_SUGGESTION

    @property
    def best(self) -> Match:
        return self.pairs[0].match

    @property
    def score(self) -> int:
        return self.best.score

    @property
    def band(self) -> str:
        return self.best.band

    @property
    def band_label(self) -> str:
        return self.best.band_label

    @property
    def cross_border(self) -> bool:
        return self.best.cross_border

    @property
    def reasons(self) -> list[Reason]:
        """The strongest reasons of the best pair, and the same-country label if it applies."""
        top = [r for r in self.best.reasons if r.points > 0][:3]
        return top + [r for r in self.best.reasons if r.code == "same-country"]


def _ranked(source: Listing, found: Found, profiles: dict[int, Profile], now: datetime) -> list[tuple[int, Assessment]]:
    """Candidates that fit, best first (then newest)."""
    mine = Profile.of(source)
    yardstick = TEXT_YARDSTICK * (found.own_rank or max(found.ranks.values(), default=0.0))
    scored = []
    for listing_id, rank in found.ranks.items():
        theirs = profiles.get(listing_id)
        if theirs is None:
            continue
        assessment = assess(mine, theirs, rank / yardstick if yardstick > 0 else 0.0, now)
        if assessment is not None:
            published = theirs.published_at.timestamp() if theirs.published_at else 0.0
            scored.append((-assessment.score, -published, listing_id, assessment))
    scored.sort(key=lambda item: item[:3])
    return [(listing_id, assessment) for _, _, listing_id, assessment in scored]


def _load(ids: set[int], cards: bool = False) -> dict[int, Listing]:
    """The listings to show, with their company; their rows follow in three small queries (selectin).

    For `cards`, only what a match card shows, in one query: no rows, no long texts.
    """
    if not ids:
        return {}
    company = contains_eager(Listing.company)
    options = [company.lazyload(Company.sector_rows), defaultload(Listing.company).lazyload(Company.language_rows)]
    if cards:
        options += [load_only(*CARD_COLUMNS), company.load_only(*CARD_COMPANY_COLUMNS), lazyload(Listing.type_rows),
                    lazyload(Listing.keyword_rows), lazyload(Listing.country_rows)]
    statement = select(Listing).join(Listing.company).where(Listing.id.in_(ids)).options(*options)
    return {listing.id: listing for listing in db.session.scalars(statement).unique()}


def _match(listing: Listing, assessment: Assessment, shared: dict[tuple, Reason] | None = None) -> Match:
    reasons = assessment.reasons if shared is None else _shared(assessment.reasons, shared)
    return Match(listing, assessment.score, assessment.band, reasons, assessment.cross_border)


@dataclass(frozen=True)
class _ShownReason(Reason):
    """A reason as one page shows it: worded once, in the page's language, for all cards that give it."""

    @cached_property
    def text(self) -> str:
        return super().text


def _shared(reasons: list[Reason], shared: dict[tuple, Reason]) -> list[Reason]:
    """One reason object for each reason given on several cards of a page, so that it is worded
    once: "Offer ↔ request" or "Same sector: …" come back on most of them."""
    found = []
    for reason in reasons:
        key = (reason.code, reason.points, repr(reason.params))
        if key not in shared:
            shared[key] = _ShownReason(reason.code, reason.points, reason.params)
        found.append(shared[key])
    return found


def find_matches(listing: Listing, limit: int = 20, now: datetime | None = None) -> list[Match]:
    """The best partners' listings for `listing`, best first; never its own company's, only active ones.

    `listing` may be in any state (its owner sees matches for a draft too); its company is read.
    """
    return _find(listing, limit, now or utcnow(), cards=False)


def _find(listing: Listing, limit: int, now: datetime, cards: bool) -> list[Match]:
    found, profiles = candidates([listing], now)
    ranked = _ranked(listing, found[listing.id], profiles, now)[:limit]
    listings = _load({listing_id for listing_id, _ in ranked}, cards)
    shared = {} if cards else None
    return [_match(listings[i], assessment, shared) for i, assessment in ranked if i in listings]


def active_listings_of(company: Company, now: datetime | None = None) -> list[Listing]:
    """The company's newest published, unexpired listings (at most MAX_SOURCE_LISTINGS), rows loaded."""
    now = now or utcnow()
    return list(db.session.scalars(
        select(Listing).where(Listing.company_id == company.id, Listing.status == PUBLISHED,
                              Listing.expires_at > now)
        .options(selectinload(Listing.type_rows), selectinload(Listing.keyword_rows),
                 selectinload(Listing.country_rows))
        .order_by(Listing.published_at.desc(), Listing.id.desc()).limit(MAX_SOURCE_LISTINGS)))


def suggested_partners(company: Company, limit: int = 10, now: datetime | None = None) -> list[CompanySuggestion]:
    """Companies whose listings best match this company's active listings, best first, with the pairs."""
    now = now or utcnow()
    sources = active_listings_of(company, now)
    found, profiles = candidates(sources, now)
    by_company: dict[int, list[tuple[Listing, int, Assessment]]] = {}
    for source in sources:
        for listing_id, assessment in _ranked(source, found[source.id], profiles, now):
            by_company.setdefault(profiles[listing_id].company_id, []).append((source, listing_id, assessment))
    for pairs in by_company.values():
        pairs.sort(key=lambda pair: -pair[2].score)
    best = sorted(by_company.values(), key=lambda pairs: (-pairs[0][2].score, -len(pairs), pairs[0][1]))[:limit]
    listings = _load({listing_id for pairs in best for _, listing_id, _ in pairs[:PAIRS_PER_SUGGESTION]})
    suggestions = []
    for pairs in best:
        shown = [MatchPair(source, _match(listings[i], assessment))
                 for source, i, assessment in pairs[:PAIRS_PER_SUGGESTION] if i in listings]
        if shown:  # a listing withdrawn in between is simply left out
            suggestions.append(CompanySuggestion(shown[0].match.listing.company, shown))
    return suggestions


def source_listing(listing_id: int) -> Listing | None:
    """The listing whose Matches tab is asked for, with its company in the same query.

    Its types, keywords and target countries are read only when its matches are computed, not
    when they come from the cache; the company's sectors and languages are not needed at all.
    """
    company = joinedload(Listing.company)
    return db.session.get(Listing, listing_id, options=[
        company.lazyload(Company.sector_rows), company.lazyload(Company.language_rows),
        lazyload(Listing.type_rows), lazyload(Listing.keyword_rows), lazyload(Listing.country_rows)])


def cached_matches(listing: Listing, limit: int = 20) -> list[Match]:
    """find_matches for the Matches tab, remembered for MATCH_CACHE_TTL seconds per version of the listing.

    The listings come with what a match card shows only (CARD_COLUMNS). Matches change when
    other listings come and go, so a few minutes' lag is the price of a Matches tab that does not
    rescore ~200 candidates on every view. Listings that stopped being active since are dropped
    when read back.
    """
    config = current_app.config
    ttl = config["MATCH_CACHE_TTL"] if config["CACHE_TTL"] else 0
    version = int(listing.updated_at.timestamp()) if listing.updated_at else 0
    computed: list[Match] = []

    def compute() -> list:
        computed.extend(_find(listing, limit, utcnow(), cards=True))
        return [[m.listing.id, m.score, m.band, [[r.code, r.points, r.params] for r in m.reasons], m.cross_border]
                for m in computed]

    rows = cached(f"matches:{listing.id}:{version}:{limit}", compute, ttl=ttl)
    if computed or not rows:
        return computed  # just found, from active listings: no second load of the same rows
    listings = _load({row[0] for row in rows}, cards=True)
    now = utcnow()
    shared: dict[tuple, Reason] = {}
    return [Match(listings[i], score, band, _shared([Reason(*reason) for reason in reasons], shared), cross)
            for i, score, band, reasons, cross in rows
            if i in listings and listings[i].status == PUBLISHED and listings[i].expires_at > now
            and listings[i].company.is_published and listings[i].company.suspended_at is None]
