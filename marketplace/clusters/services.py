"""Cluster organisations, their managers and member companies: the rules, without HTTP."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload, lazyload

from .. import reference
from ..accounts.models import User
from ..companies.filters import DirectoryFilters
from ..companies.models import Company
from ..companies.services import unique_slug
from ..database import utcnow
from ..extensions import db
from ..mail.services import queue_mail
from .models import (MEMBERSHIP_ACCEPTED, MEMBERSHIP_DECLINED, MEMBERSHIP_PENDING, Cluster, ClusterManager,
                     ClusterMembership, ClusterSector)

# Path segments under /clusters/ that a cluster's slug must not take.
RESERVED_SLUGS = frozenset({"new"})
DECISION_REMOVED = "removed"


class ClusterError(Exception):
    """A rule of the domain was broken; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class ClusterData:
    name: str
    country: str
    sectors: list[str]
    region: str = ""
    website: str = ""
    description: str = ""


def _apply(cluster: Cluster, data: ClusterData) -> None:
    # The form checks these too; a service called from elsewhere (API, import) must not store junk.
    if data.country not in reference.COUNTRY_CODES:
        raise ClusterError(_l("Choose a country from the list."), "country")
    if not data.sectors or any(code not in reference.SECTORS for code in data.sectors):
        raise ClusterError(_l("Choose sectors from the list."), "sectors")
    for name in ("name", "country", "region", "website", "description"):
        setattr(cluster, name, getattr(data, name))
    cluster.sectors = data.sectors


def create_cluster(data: ClusterData) -> Cluster:
    cluster = Cluster(slug=unique_slug(Cluster, data.name, RESERVED_SLUGS))
    _apply(cluster, data)
    db.session.add(cluster)
    db.session.flush()
    return cluster


def update_cluster(cluster: Cluster, data: ClusterData) -> Cluster:
    _apply(cluster, data)  # the slug stays: addresses are shared and bookmarked
    db.session.flush()
    return cluster


def cluster_by_slug(slug: str) -> Cluster | None:
    return db.session.scalar(_by_slug_query(), {"slug": slug})


@cache
def _by_slug_query() -> Select:
    """Built once (it keeps its cache key); the sectors load when a page shows them, not for every access check."""
    return select(Cluster).options(lazyload(Cluster.sector_rows)).where(Cluster.slug == bindparam("slug"))


# --- Lists and figures -----------------------------------------------------------------------------

def directory_query(filters: DirectoryFilters) -> Select:
    query = select(Cluster).order_by(func.lower(Cluster.name), Cluster.id)
    if filters.country:
        query = query.where(Cluster.country == filters.country)
    if filters.sector:
        query = query.where(Cluster.sector_rows.any(ClusterSector.sector == filters.sector))
    if filters.q:
        query = query.where(func.lower(Cluster.name).contains(filters.q.lower(), autoescape=True))
    return query


def _counts_by_cluster(cluster_ids: list[int], status: str) -> dict[int, int]:
    if not cluster_ids:
        return {}
    rows = db.session.execute(
        select(ClusterMembership.cluster_id, func.count())
        .where(ClusterMembership.cluster_id.in_(cluster_ids), ClusterMembership.status == status)
        .group_by(ClusterMembership.cluster_id))
    return {cluster_id: count for cluster_id, count in rows}


def member_counts(cluster_ids: list[int]) -> dict[int, int]:
    """Accepted member companies per cluster, in one grouped query."""
    return _counts_by_cluster(cluster_ids, MEMBERSHIP_ACCEPTED)


def pending_counts(cluster_ids: list[int]) -> dict[int, int]:
    return _counts_by_cluster(cluster_ids, MEMBERSHIP_PENDING)


def managers(cluster: Cluster) -> list[User]:
    return list(db.session.scalars(
        select(User).join(ClusterManager, ClusterManager.user_id == User.id)
        .where(ClusterManager.cluster_id == cluster.id, User.deleted_at.is_(None)).order_by(User.name, User.id)))


def member_companies_query(cluster: Cluster) -> Select:
    return (select(Company).join(ClusterMembership, ClusterMembership.company_id == Company.id)
            .where(ClusterMembership.cluster_id == cluster.id, ClusterMembership.status == MEMBERSHIP_ACCEPTED,
                   Company.is_published.is_(True))
            .options(lazyload(Company.language_rows))
            .order_by(func.lower(Company.name), Company.id))


def memberships(cluster: Cluster, status: str) -> list[ClusterMembership]:
    return list(db.session.scalars(
        select(ClusterMembership)
        .options(joinedload(ClusterMembership.company), joinedload(ClusterMembership.requested_by))
        .where(ClusterMembership.cluster_id == cluster.id, ClusterMembership.status == status)
        .order_by(ClusterMembership.requested_at, ClusterMembership.id)))


def membership_of(cluster: Cluster, company_id: int | None) -> ClusterMembership | None:
    if company_id is None:
        return None
    return db.session.scalar(select(ClusterMembership).where(
        ClusterMembership.cluster_id == cluster.id, ClusterMembership.company_id == company_id))


def clusters_managed_by(user: User) -> list[Cluster]:
    """The clusters a person runs; an admin runs them all."""
    query = select(Cluster).order_by(func.lower(Cluster.name), Cluster.id)
    if not user.is_admin:
        query = query.join(ClusterManager, ClusterManager.cluster_id == Cluster.id).where(
            ClusterManager.user_id == user.id)
    return list(db.session.scalars(query))


def all_clusters() -> list[Cluster]:
    return list(db.session.scalars(select(Cluster).order_by(func.lower(Cluster.name), Cluster.id)))


# --- Membership requests and decisions ----------------------------------------------------------------

def _active_users(query) -> list[User]:
    return list(db.session.scalars(query.where(User.deleted_at.is_(None))))


def request_membership(actor: User, cluster: Cluster, company: Company, message: str = "") -> ClusterMembership:
    """Ask to join on the company's behalf; a declined company may ask again."""
    membership = membership_of(cluster, company.id)
    if membership is not None and membership.status == MEMBERSHIP_ACCEPTED:
        raise ClusterError(_l("%(company)s is already a member of this cluster.", company=company.name))
    if membership is not None and membership.status == MEMBERSHIP_PENDING:
        raise ClusterError(_l("%(company)s has already asked to join; the managers will decide soon.",
                             company=company.name))
    if membership is None:
        membership = ClusterMembership(cluster=cluster, company=company)
        db.session.add(membership)
    membership.status = MEMBERSHIP_PENDING
    membership.message = message
    membership.requested_by = actor
    membership.requested_at = utcnow()
    membership.decided_by = None
    membership.decided_at = None
    db.session.flush()
    url = url_for("clusters.requests", slug=cluster.slug, _external=True)
    recipients = _active_users(select(User).join(ClusterManager, ClusterManager.user_id == User.id)
                               .where(ClusterManager.cluster_id == cluster.id))
    for manager in recipients:
        queue_mail(manager.email, "membership_requested", manager.locale, manager=manager, cluster=cluster,
                   company=company, requested_by=actor, message=message, url=url)
    return membership


def withdraw_membership(membership: ClusterMembership) -> None:
    """The company takes back its request, or leaves the cluster."""
    db.session.delete(membership)
    db.session.flush()


def _notify_company(membership: ClusterMembership, decision: str) -> None:
    url = url_for("clusters.page", slug=membership.cluster.slug, _external=True)
    for member in _active_users(select(User).where(User.company_id == membership.company_id)):
        queue_mail(member.email, "membership_decided", member.locale, recipient=member,
                   cluster=membership.cluster, company=membership.company, decision=decision, url=url)


def decide_membership(actor: User, membership: ClusterMembership, accept: bool) -> ClusterMembership:
    if membership.status != MEMBERSHIP_PENDING:
        raise ClusterError(_l("This request has already been decided."))
    membership.status = MEMBERSHIP_ACCEPTED if accept else MEMBERSHIP_DECLINED
    membership.decided_by = actor
    membership.decided_at = utcnow()
    db.session.flush()
    _notify_company(membership, membership.status)
    return membership


def remove_member_company(actor: User, membership: ClusterMembership) -> None:
    if membership.status != MEMBERSHIP_ACCEPTED:
        raise ClusterError(_l("This company is not a member of the cluster."))
    _notify_company(membership, DECISION_REMOVED)
    db.session.delete(membership)
    db.session.flush()


# --- Managers ------------------------------------------------------------------------------------------

def appoint_manager(actor: User, cluster: Cluster, email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower(),
                                                User.deleted_at.is_(None)))
    if user is None:
        raise ClusterError(_l("Nobody has an account with this e-mail address. Ask them to sign up first."), "email")
    exists = db.session.get(ClusterManager, (cluster.id, user.id))
    if exists is not None:
        raise ClusterError(_l("%(name)s already manages this cluster.", name=user.name), "email")
    db.session.add(ClusterManager(cluster=cluster, user=user, appointed_by_id=actor.id))
    db.session.flush()
    queue_mail(user.email, "manager_appointed", user.locale, manager=user, cluster=cluster, appointed_by=actor,
               url=url_for("clusters.requests", slug=cluster.slug, _external=True))
    return user


def remove_manager(cluster: Cluster, user_id: int) -> None:
    row = db.session.get(ClusterManager, (cluster.id, user_id))
    if row is None:
        raise ClusterError(_l("This person does not manage the cluster."))
    db.session.delete(row)
    db.session.flush()
