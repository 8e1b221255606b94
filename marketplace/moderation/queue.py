"""The review queue: which listings wait for which moderator, oldest first, loaded in a few queries."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from ..accounts.models import User
from ..clusters.models import MEMBERSHIP_ACCEPTED, Cluster, ClusterMembership
from ..companies.models import Company
from ..extensions import db
from ..listings.models import PENDING, PUBLISHED, Listing

NO_CLUSTER = "none"


@dataclass
class QueueFilter:
    """`cluster` is "" (everything the moderator moderates), a cluster id, or NO_CLUSTER (admins only)."""

    cluster: str = ""
    page: int = 1


def members_of(cluster_ids) -> Select:
    """The ids of the companies accepted into any of these clusters."""
    return select(ClusterMembership.company_id).where(
        ClusterMembership.status == MEMBERSHIP_ACCEPTED, ClusterMembership.cluster_id.in_(cluster_ids))


def in_no_cluster(company_id_column):
    return ~exists().where(ClusterMembership.company_id == company_id_column,
                           ClusterMembership.status == MEMBERSHIP_ACCEPTED)


def moderated_companies_condition(user: User, company_id_column):
    """The companies a user moderates, as a WHERE clause on a company id column (mirrors moderates_company)."""
    if user.is_admin:
        return company_id_column.is_not(None)
    managed = company_id_column.in_(members_of(list(user.managed_cluster_ids)))
    return managed if user.company_id is None else and_(managed, company_id_column != user.company_id)


def filter_condition(user: User, chosen: QueueFilter, company_id_column):
    condition = moderated_companies_condition(user, company_id_column)
    if chosen.cluster == NO_CLUSTER and user.is_admin:
        return and_(condition, in_no_cluster(company_id_column))
    if chosen.cluster.isdigit():
        return and_(condition, company_id_column.in_(members_of([int(chosen.cluster)])))
    return condition


def parse_filter(args, user: User) -> QueueFilter:
    """Unknown or foreign cluster ids fall back to the whole queue rather than failing."""
    from ..query_args import parse_page

    cluster = (args.get("cluster") or "").strip()
    allowed = {str(c.id) for c in filter_clusters(user)} | ({NO_CLUSTER} if user.is_admin else set())
    return QueueFilter(cluster=cluster if cluster in allowed else "", page=parse_page(args))


def filter_clusters(user: User) -> list[Cluster]:
    """The clusters a moderator may narrow the queue to: all for admins, their own for managers."""
    query = select(Cluster).order_by(Cluster.name)
    if not user.is_admin:
        query = query.where(Cluster.id.in_(list(user.managed_cluster_ids)))
    return list(db.session.scalars(query))


def awaiting_review_condition():
    return or_(Listing.status == PENDING,
               and_(Listing.status == PUBLISHED, Listing.revision_submitted_at.is_not(None)))


def waiting_since():
    """A new listing waits since it was submitted, a revision since its changes were."""
    return func.coalesce(case((Listing.status == PENDING, Listing.submitted_at),
                              else_=Listing.revision_submitted_at), Listing.created_at)


def queue_query(user: User, chosen: QueueFilter) -> Select:
    return (
        select(Listing).join(Listing.company)
        .options(contains_eager(Listing.company).selectinload(Company.cluster_memberships)
                 .joinedload(ClusterMembership.cluster),
                 joinedload(Listing.author))
        .where(awaiting_review_condition(), filter_condition(user, chosen, Listing.company_id))
        .order_by(waiting_since(), Listing.id)
    )


def queue_size(user: User) -> int:
    return db.session.scalar(select(func.count(Listing.id)).where(
        awaiting_review_condition(), moderated_companies_condition(user, Listing.company_id))) or 0


def accepted_clusters(company: Company) -> list[Cluster]:
    """The clusters of an already loaded company (memberships eager-loaded by the queue query)."""
    return sorted((m.cluster for m in company.cluster_memberships if m.status == MEMBERSHIP_ACCEPTED),
                  key=lambda cluster: cluster.name)


def waiting_since_of(listing: Listing):
    return listing.submitted_at if listing.status == PENDING else listing.revision_submitted_at


def review_version(listing: Listing) -> str:
    """What the moderator saw: the decision applies only if the author did not resubmit meanwhile."""
    moment = waiting_since_of(listing)
    return moment.isoformat() if moment else ""


def is_awaiting_review(listing: Listing) -> bool:
    return listing.status == PENDING or (listing.status == PUBLISHED and listing.has_pending_revision)


def suspended_companies_query(user: User) -> Select:
    return (select(Company).where(Company.suspended_at.is_not(None), moderated_companies_condition(user, Company.id))
            .order_by(Company.suspended_at.desc(), Company.id))


def listing_counts(company_id: int) -> dict[str, int]:
    rows = db.session.execute(select(Listing.status, func.count()).where(Listing.company_id == company_id)
                              .group_by(Listing.status))
    return {status: count for status, count in rows}


def company_with_clusters(company_id: int) -> Company | None:
    return db.session.scalar(select(Company).where(Company.id == company_id).options(
        selectinload(Company.cluster_memberships).joinedload(ClusterMembership.cluster)))
