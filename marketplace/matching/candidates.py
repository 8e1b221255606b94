"""Candidate partners of listings, narrowed by the database: indexes and the full-text engine, never a scan.

For each source listing, one UNION query collects the ids of at most about 200 candidates:
complementary listings of the same and of related sectors, newest first (index
ix_listings_match), and the listings the full-text engine ranks best for an OR query of
the source's keywords and title words. The same query returns the facts the scoring reads,
cooperation types, keywords and target countries included. Only active listings
(listings.queries.active_condition) of other companies ever become candidates.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Float, Integer, cast, func, literal, literal_column, null, select, union_all

from ..companies.models import Company
from ..extensions import db
from ..listings.models import (LISTING_INDEX, Listing, ListingCooperationType, ListingKeyword,
                               ListingTargetCountry)
from ..listings.queries import active_condition
from ..search.text import Query, Term, words
from .engine import Profile
from .related import STOPWORDS, partnership_types, related_sectors

OTHER_KIND = {"offer": "request", "request": "offer"}

# How many candidates each branch contributes. Together they bound the work per listing
# (about 200 candidates scored) whatever the size of the table.
SECTOR_CANDIDATES = 60       # newest complementary listings of the same sector
RELATED_CANDIDATES = 12      # ... of each related sector
PARTNERSHIP_CANDIDATES = 30  # newest same-kind listings seeking the same R&D/joint-venture partnership
FULL_TEXT_WINDOW = 200       # newest complementary listings sharing a word, which the engine ranks
FULL_TEXT_CANDIDATES = 60    # ... of which the best ranked are kept
QUERY_TERMS = 10


@dataclass
class Found:
    """What the candidate query found for one source listing."""

    ranks: dict[int, float] = field(default_factory=dict)  # candidate id → full-text rank (0: by sector only)
    own_rank: float = 0.0  # the source's rank for its own query: the yardstick of text similarity


# The query ------------------------------------------------------------------------------------

def _term(word: str, keyword: bool) -> Term:
    """A keyword's long words become a crude stem searched as a prefix ("pellets" finds "pellet",
    "biomass" finds "Biomasse"). Title words stay exact: a prefix makes the engine merge the
    postings of every word it starts, which costs time in proportion to how common they are."""
    if not keyword or len(word) <= 5:
        return Term([word], prefix=False)
    return Term([word[:max(5, len(word) - 2)]], prefix=True)


def _covers(term: Term, other: Term) -> bool:
    """Whether everything `other` finds, `term` finds too."""
    return other.words[0].startswith(term.words[0]) if term.prefix else other == term


def match_query(listing: Listing) -> Query:
    """One OR group of the listing's keywords, then the significant words of its title.

    The summary stays out: its words are the common ones, and every extra term makes the
    full-text engine read and rank more listings.
    """
    terms: list[Term] = []
    texts = [(keyword, True) for keyword in listing.keywords] + [(listing.title or "", False)]
    for text, is_keyword in texts:
        for word in words(text):
            if len(word) < 3 or word.isdigit() or word in STOPWORDS:
                continue
            term = _term(word, is_keyword)
            if any(_covers(t, term) for t in terms):
                continue
            terms = [t for t in terms if not _covers(term, t)] + [term]
            if len(terms) == QUERY_TERMS:
                return Query(groups=[terms])
    return Query(groups=[terms] if terms else [])


# The UNION ------------------------------------------------------------------------------------

def _tagged(source: Listing, statement, rank, order_by, limit: int):
    """`statement` (selecting an id) as a UNION member tagged with the source id, ranked and limited."""
    # A bound parameter, not a literal, so the compiled statement is cached across listings.
    sub = (statement.add_columns(literal(source.id, Integer).label("source"), cast(rank, Float).label("rank"))
           .order_by(*order_by).limit(limit).subquery())
    return select(sub.c.id, sub.c.source, sub.c.rank)


def _others(source: Listing, now: datetime):
    """Active listings of other companies, built once per source; each branch adds its condition."""
    return (select(Listing.id).select_from(Listing).join(Company, Company.id == Listing.company_id)
            .where(active_condition(now), Listing.company_id != source.company_id))


def _full_text(source: Listing, others, other_kind, query: Query):
    """The best ranked of the newest FULL_TEXT_WINDOW listings of `others` that share a word.

    Ranking costs time per matching listing, and at 100,000 listings a common word matches tens
    of thousands; both engines find matches newest first and stop early, so only a window of
    them is ranked. Specific words (keywords first) keep that window relevant.
    """
    dialect = db.engine.dialect.name
    # PostgreSQL tests the text after the cheap conditions (state, expiry, company, kind), which most rows
    # it walks fail: their vectors are never read.
    statement, rank = LISTING_INDEX.apply(others.where(other_kind), dialect, query, Listing.id,
                                          tested_after=other_kind)
    if dialect == "sqlite":
        # FTS5 delivers matches in rowid order: ordering by its own rowid lets it stop at the
        # limit, and bm25 runs for the rows it delivers only.
        newest = literal_column(f"{LISTING_INDEX.fts_table}.rowid").desc()
        window = statement.add_columns(rank.label("rank")).order_by(newest).limit(FULL_TEXT_WINDOW).subquery()
        return _tagged(source, select(window.c.id), window.c.rank, (window.c.rank.desc(), window.c.id),
                       FULL_TEXT_CANDIDATES)
    # PostgreSQL walks the primary key backwards and stops at the limit; ts_rank_cd then runs on the window.
    window = statement.order_by(Listing.id.desc()).limit(FULL_TEXT_WINDOW).scalar_subquery()
    ranked, rank = LISTING_INDEX.apply(select(Listing.id).where(Listing.id.in_(window)), dialect, query, Listing.id)
    return _tagged(source, ranked, rank, (rank.desc(), Listing.id), FULL_TEXT_CANDIDATES)


def _branches(source: Listing, now: datetime) -> list:
    newest = (Listing.published_at.desc(), Listing.id.desc())
    other_kind = Listing.kind == OTHER_KIND.get(source.kind, "")
    shared = partnership_types(source.cooperation_types)
    same_partnership = Listing.type_rows.any(ListingCooperationType.cooperation_type.in_(shared))
    others = _others(source, now)
    branches = [_tagged(source, others.where((Listing.sector == source.sector) & other_kind),
                        null(), newest, SECTOR_CANDIDATES)]
    branches += [_tagged(source, others.where((Listing.sector == sector) & other_kind),
                         null(), newest, RELATED_CANDIDATES)
                 for sector in sorted(related_sectors(source.sector))]
    if shared:
        condition = (Listing.sector == source.sector) & (Listing.kind == source.kind) & same_partnership
        branches.append(_tagged(source, others.where(condition), null(), newest, PARTNERSHIP_CANDIDATES))
    query = match_query(source)
    if query:
        # Complementary kinds only: an OR with the same-partnership test would make both engines
        # test every listing's cooperation types; such partners come from the branch above.
        branches.append(_full_text(source, others, other_kind, query))
        own, own_rank = LISTING_INDEX.apply(select(Listing.id).where(Listing.id == source.id),
                                            db.engine.dialect.name, query, Listing.id)
        branches.append(_tagged(source, own, own_rank, (), 1))
    return branches


# Facts for the scoring ------------------------------------------------------------------------

def _listed(column, listing_id):
    """A JSON array of `column` over a candidate's rows: a correlated subquery the index answers."""
    aggregate = func.json_group_array if db.engine.dialect.name == "sqlite" else func.json_agg
    return select(aggregate(column)).where(listing_id == Listing.id).scalar_subquery()


def _values(value) -> list[str]:
    """psycopg decodes json itself; SQLite returns text; no rows give NULL on PostgreSQL."""
    if value is None:
        return []
    return value if isinstance(value, list) else json.loads(value)


def candidates(sources: list[Listing], now: datetime) -> tuple[dict[int, Found], dict[int, Profile]]:
    """For each source listing what was found, and a profile of every candidate: one query in all."""
    found = {source.id: Found() for source in sources}
    branches = [b for source in sources for b in _branches(source, now)]
    if not branches:
        return found, {}
    union = union_all(*branches).subquery()
    statement = (select(union.c.id, union.c.source, union.c.rank, Listing.company_id, Listing.kind, Listing.sector,
                        Listing.title, Listing.search_title, Listing.published_at, Listing.targets_any_country,
                        Company.country,
                        _listed(ListingCooperationType.cooperation_type, ListingCooperationType.listing_id)
                        .label("types"),
                        _listed(ListingKeyword.keyword, ListingKeyword.listing_id).label("keywords"),
                        _listed(ListingTargetCountry.country, ListingTargetCountry.listing_id).label("targets"))
                 .select_from(union).join(Listing, Listing.id == union.c.id)
                 .join(Company, Company.id == Listing.company_id))
    profiles: dict[int, Profile] = {}
    for row in db.session.execute(statement):
        result = found[row.source]
        if row.id == row.source:
            result.own_rank = float(row.rank or 0.0)
            continue
        result.ranks[row.id] = max(result.ranks.get(row.id, 0.0), float(row.rank or 0.0))
        if row.id not in profiles:
            targets = _values(row.targets)
            profiles[row.id] = Profile(
                kind=row.kind, sector=row.sector, country=row.country, company_id=row.company_id, id=row.id,
                types=tuple(_values(row.types)), keywords=tuple(_values(row.keywords)),
                targets=frozenset(targets), targets_any=row.targets_any_country or not targets, title=row.title,
                published_at=row.published_at, indexed_title=row.search_title or "")
    return found, profiles
