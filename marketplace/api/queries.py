"""What the API reads: public objects by key, and the few batched look-ups its lists need (no N+1)."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, lazyload, selectinload

from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership
from ..companies.models import Company
from ..extensions import db
from ..listings.models import PUBLISHED, Listing, ListingKeyword, ListingTargetCountry
from ..listings.queries import visible_company
from .params import INT32_MAX, SLUG_MAX


def _plausible_slug(slug: str) -> bool:
    # A NUL would make PostgreSQL fail the query rather than find nothing.
    return 0 < len(slug) <= SLUG_MAX and "\x00" not in slug


def public_listing(listing_id: int) -> Listing | None:
    """A published listing of a visible company; expired ones too (their page stays, marked expired)."""
    if not 0 < listing_id <= INT32_MAX:  # ids beyond the column's range exist nowhere
        return None
    return db.session.scalar(
        select(Listing).join(Listing.company)
        .where(Listing.id == listing_id, Listing.status == PUBLISHED, visible_company())
        .options(contains_eager(Listing.company).lazyload(Company.language_rows),
                 contains_eager(Listing.company).lazyload(Company.sector_rows)))


def listing_rows(listing_ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Keywords and target countries of many listings in two queries, in their stored order."""
    keywords: dict[int, list[str]] = defaultdict(list)
    countries: dict[int, list[str]] = defaultdict(list)
    if listing_ids:
        for listing_id, keyword in db.session.execute(
                select(ListingKeyword.listing_id, ListingKeyword.keyword)
                .where(ListingKeyword.listing_id.in_(listing_ids))
                .order_by(ListingKeyword.listing_id, ListingKeyword.position)):
            keywords[listing_id].append(keyword)
        for listing_id, country in db.session.execute(
                select(ListingTargetCountry.listing_id, ListingTargetCountry.country)
                .where(ListingTargetCountry.listing_id.in_(listing_ids))
                .order_by(ListingTargetCountry.listing_id, ListingTargetCountry.country)):
            countries[listing_id].append(country)
    return keywords, countries


def public_company(slug: str) -> Company | None:
    if not _plausible_slug(slug):
        return None
    return db.session.scalar(select(Company).where(Company.slug == slug, visible_company()))


def clusters_of(company: Company) -> list[Cluster]:
    return list(db.session.scalars(
        select(Cluster).join(ClusterMembership, ClusterMembership.cluster_id == Cluster.id)
        .where(ClusterMembership.company_id == company.id, ClusterMembership.status == MEMBERSHIP_ACCEPTED)
        .options(lazyload(Cluster.sector_rows))
        .order_by(func.lower(Cluster.name), Cluster.id)))


def public_cluster(slug: str) -> Cluster | None:
    if not _plausible_slug(slug):
        return None
    return db.session.scalar(select(Cluster).where(Cluster.slug == slug))


def _members_condition(cluster_ids):
    return (ClusterMembership.cluster_id.in_(cluster_ids), ClusterMembership.status == MEMBERSHIP_ACCEPTED,
            visible_company())


def member_counts(cluster_ids: list[int]) -> dict[int, int]:
    """Members the public can see (published, unsuspended companies), per cluster, in one query."""
    if not cluster_ids:
        return {}
    rows = db.session.execute(
        select(ClusterMembership.cluster_id, func.count())
        .join(Company, Company.id == ClusterMembership.company_id)
        .where(*_members_condition(cluster_ids)).group_by(ClusterMembership.cluster_id))
    return {cluster_id: count for cluster_id, count in rows}


def members_query(cluster: Cluster) -> Select:
    return (select(Company).join(ClusterMembership, ClusterMembership.company_id == Company.id)
            .where(*_members_condition([cluster.id]))
            .options(lazyload(Company.language_rows), selectinload(Company.sector_rows))
            .order_by(func.lower(Company.name), Company.id))
