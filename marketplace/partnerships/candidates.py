"""Candidate companies and clusters for an open role, found by the database's indexes, never a scan.

A role is sector × country (or any) × capability in words. Companies come from three small,
indexed queries, best first:
1. active listings of the role's sector (and country) that the full-text index (the listings'
   FTS5 table or tsvector, search/index.py) matches for an OR query of the capability's words,
   ranked by the engine; a company counts with its best listing;
2. the newest active listings of the sector and country (index ix_listings_match);
3. companies registered in the sector and country (company_sectors.sector index).
Clusters come from cluster_sectors.sector and clusters.country, the busiest first. Parties that
are members, invited or asking already are left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..clusters.models import Cluster, ClusterSector
from ..clusters.services import member_counts
from ..companies.models import Company, CompanySector
from ..extensions import db
from ..listings.models import LISTING_INDEX, Listing
from ..listings.queries import active_condition, visible_company
from ..matching.related import STOPWORDS
from ..search.text import Query, Term, words
from .models import CLUSTER, COMPANY, MEMBER, PENDING_STATUSES, Partnership, PartnershipRole

QUERY_TERMS = 10
TEXT_WINDOW = 100      # best-ranked matching listings read
SECTOR_WINDOW = 60     # newest listings of the sector read
COMPANY_LIMIT = 10
CLUSTER_WINDOW = 50
CLUSTER_LIMIT = 5


@dataclass
class CompanyCandidate:
    company: Company
    listing: Listing | None = None  # the listing that made it a candidate, if any
    text_match: bool = False        # the listing matches the capability's words


@dataclass
class ClusterCandidate:
    cluster: Cluster
    member_count: int = 0


@dataclass
class RoleCandidates:
    role: PartnershipRole
    companies: list[CompanyCandidate] = field(default_factory=list)
    clusters: list[ClusterCandidate] = field(default_factory=list)


def capability_query(text: str) -> Query:
    """One OR group of the capability's significant words; long words as a crude stem searched as a prefix
    ("pellets" finds "pellet"), as the matching engine does for keywords."""
    terms: list[Term] = []
    seen: set[str] = set()
    for word in words(text or ""):
        if len(word) < 3 or word.isdigit() or word in STOPWORDS:
            continue
        term = Term([word[:max(5, len(word) - 2)]], prefix=True) if len(word) > 5 else Term([word], prefix=False)
        if term.words[0] in seen:
            continue
        seen.add(term.words[0])
        terms.append(term)
        if len(terms) == QUERY_TERMS:
            break
    return Query(groups=[terms] if terms else [])


def _taken(partnership: Partnership, kind: str) -> set[int]:
    column = "company_id" if kind == COMPANY else "cluster_id"
    return {getattr(m, column) for m in partnership.members
            if getattr(m, column) is not None and (m.status == MEMBER or m.status in PENDING_STATUSES)}


def _listings_of_role(role: PartnershipRole, excluded: set[int]):
    statement = (select(Listing.id, Listing.company_id).join(Company, Company.id == Listing.company_id)
                 .where(active_condition(), Listing.sector == role.sector))
    if role.country:
        statement = statement.where(Company.country == role.country)
    if excluded:
        statement = statement.where(Listing.company_id.not_in(excluded))
    return statement


def _by_text(role: PartnershipRole, excluded: set[int]) -> list[tuple[int, int]]:
    """(company id, listing id) of the best-ranked matching listing of each company, best first."""
    query = capability_query(role.capability)
    if not query:
        return []
    statement, rank = LISTING_INDEX.apply(_listings_of_role(role, excluded), db.engine.dialect.name, query,
                                          Listing.id)
    rows = db.session.execute(statement.add_columns(rank.label("rank"))
                              .order_by(rank.desc(), Listing.id.desc()).limit(TEXT_WINDOW))
    best: dict[int, int] = {}
    for row in rows:
        best.setdefault(row.company_id, row.id)
    return list(best.items())


def _by_sector(role: PartnershipRole, excluded: set[int]) -> list[tuple[int, int]]:
    rows = db.session.execute(_listings_of_role(role, excluded)
                              .order_by(Listing.published_at.desc(), Listing.id.desc()).limit(SECTOR_WINDOW))
    newest: dict[int, int] = {}
    for row in rows:
        newest.setdefault(row.company_id, row.id)
    return list(newest.items())


def _by_registration(role: PartnershipRole, excluded: set[int], limit: int) -> list[int]:
    statement = (select(Company.id).join(CompanySector, CompanySector.company_id == Company.id)
                 .where(CompanySector.sector == role.sector, visible_company()))
    if role.country:
        statement = statement.where(Company.country == role.country)
    if excluded:
        statement = statement.where(Company.id.not_in(excluded))
    return list(db.session.scalars(statement.order_by(Company.created_at.desc(), Company.id.desc()).limit(limit)))


def company_candidates(partnership: Partnership, role: PartnershipRole,
                       limit: int = COMPANY_LIMIT) -> list[CompanyCandidate]:
    excluded = _taken(partnership, COMPANY)
    chosen: dict[int, tuple[int | None, bool]] = {}  # company id → (listing id, matched by text)
    for company_id, listing_id in _by_text(role, excluded):
        chosen.setdefault(company_id, (listing_id, True))
    if len(chosen) < limit:
        for company_id, listing_id in _by_sector(role, excluded):
            chosen.setdefault(company_id, (listing_id, False))
    if len(chosen) < limit:
        for company_id in _by_registration(role, excluded | set(chosen), limit - len(chosen)):
            chosen.setdefault(company_id, (None, False))
    order = list(chosen)[:limit]
    if not order:
        return []
    companies = {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(order)))}
    listing_ids = [chosen[i][0] for i in order if chosen[i][0] is not None]
    listings = {row.id: row for row in db.session.scalars(select(Listing).where(Listing.id.in_(listing_ids)))} \
        if listing_ids else {}
    return [CompanyCandidate(companies[i], listings.get(chosen[i][0]), chosen[i][1]) for i in order if i in companies]


def cluster_candidates(partnership: Partnership, role: PartnershipRole,
                       limit: int = CLUSTER_LIMIT) -> list[ClusterCandidate]:
    statement = (select(Cluster).join(ClusterSector, ClusterSector.cluster_id == Cluster.id)
                 .where(ClusterSector.sector == role.sector))
    if role.country:
        statement = statement.where(Cluster.country == role.country)
    excluded = _taken(partnership, CLUSTER)
    if excluded:
        statement = statement.where(Cluster.id.not_in(excluded))
    clusters = list(db.session.scalars(statement.order_by(Cluster.created_at, Cluster.id).limit(CLUSTER_WINDOW)))
    counts = member_counts([c.id for c in clusters])
    clusters.sort(key=lambda c: (-counts.get(c.id, 0), c.name.lower(), c.id))
    return [ClusterCandidate(c, counts.get(c.id, 0)) for c in clusters[:limit]]


def candidates_for_role(partnership: Partnership, role: PartnershipRole) -> RoleCandidates:
    return RoleCandidates(role, company_candidates(partnership, role), cluster_candidates(partnership, role))

