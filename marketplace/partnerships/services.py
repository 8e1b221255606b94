"""Partnerships: create, edit, publish and close them, their open roles, the directory; without HTTP."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from .. import reference
from ..clusters.models import Cluster
from ..companies.filters import DirectoryFilters
from ..companies.models import Company
from ..companies.services import unique_slug
from ..database import utcnow
from ..extensions import db
from ..outcomes.subjects import register_subject
from . import permissions
from .models import (ACTIVE, CAPABILITY_MAX, CLOSED, CLUSTER, COMPANY, DRAFT, GOAL_MAX, MEMBER, NAME_MAX,
                     PENDING_STATUSES, ROLES_MAX, Partnership, PartnershipMember, PartnershipRole)

# Path segments under /partnerships/ that a partnership's slug must not take.
RESERVED_SLUGS = frozenset({"new"})
SUBJECT = "partnership"  # the outcomes registry's name for partnerships


class PartnershipError(Exception):
    """A rule of the domain was broken; `field` names the form field it belongs to, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Party:
    """A company or a cluster, as a lead, a member or a candidate."""

    kind: str
    id: int
    name: str
    country: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass
class PartnershipData:
    name: str
    goal: str
    sector: str


@dataclass
class RoleData:
    sector: str
    country: str | None  # None: any country
    capability: str


def parse_key(raw: str | None) -> tuple[str, int] | None:
    """"company:12" or "cluster:3" → (kind, id); anything else → None."""
    kind, _, number = (raw or "").partition(":")
    if kind not in (COMPANY, CLUSTER) or not number.isdigit() or len(number) > 12:
        return None
    return kind, int(number)


def parties_of(user) -> list[Party]:
    """The company this person speaks for (unless suspended) and the clusters they manage."""
    if not user.is_authenticated:
        return []
    parties = []
    company = user.company
    if company is not None and company.suspended_at is None:
        parties.append(Party(COMPANY, company.id, company.name, company.country))
    if user.managed_cluster_ids:
        clusters = db.session.execute(select(Cluster.id, Cluster.name, Cluster.country)
                                      .where(Cluster.id.in_(user.managed_cluster_ids)).order_by(Cluster.name))
        parties += [Party(CLUSTER, row.id, row.name, row.country) for row in clusters]
    return parties


def load_party(kind: str, party_id: int) -> Company | Cluster | None:
    return db.session.get(Company if kind == COMPANY else Cluster, party_id)


# --- Create, edit, publish, close --------------------------------------------------------------------

def _check(data: PartnershipData) -> None:
    # The form checks these too; a service called from elsewhere (API, demo) must not store junk.
    if not data.name or len(data.name) > NAME_MAX:
        raise PartnershipError(_l("Enter a name of at most %(max)d characters.", max=NAME_MAX), "name")
    if not data.goal or len(data.goal) > GOAL_MAX:
        raise PartnershipError(_l("Describe the goal in at most %(max)d characters.", max=GOAL_MAX), "goal")
    if data.sector not in reference.SECTORS:
        raise PartnershipError(_l("Choose a sector from the list."), "sector")


def create_partnership(actor, data: PartnershipData, lead_key: tuple[str, int]) -> Partnership:
    """A draft led by the actor's company or by a cluster they manage; the lead is its first member."""
    _check(data)
    lead = next((p for p in parties_of(actor) if (p.kind, p.id) == lead_key), None)
    if lead is None:
        raise PartnershipError(_l("You can lead a partnership for your company or a cluster you manage."), "lead")
    partnership = Partnership(slug=unique_slug(Partnership, data.name, RESERVED_SLUGS), name=data.name,
                              goal=data.goal, sector=data.sector, status=DRAFT, created_by_id=actor.id)
    setattr(partnership, f"lead_{lead.kind}_id", lead.id)
    partnership.members.append(PartnershipMember(
        status=MEMBER, is_lead=True, answered_at=utcnow(), answered_by_id=actor.id,
        **{f"{lead.kind}_id": lead.id}))
    db.session.add(partnership)
    db.session.flush()
    return partnership


def update_partnership(partnership: Partnership, data: PartnershipData) -> Partnership:
    _check(data)
    partnership.name, partnership.goal, partnership.sector = data.name, data.goal, data.sector
    db.session.flush()  # the slug stays: addresses are shared and bookmarked
    return partnership


def publish(partnership: Partnership) -> None:
    if partnership.status != DRAFT:
        raise PartnershipError(_l("Only a draft can be published."))
    partnership.status = ACTIVE
    partnership.published_at = utcnow()
    db.session.flush()


def close(partnership: Partnership) -> None:
    if partnership.status == CLOSED:
        raise PartnershipError(_l("This partnership is already closed."))
    partnership.status = CLOSED
    partnership.closed_at = utcnow()
    db.session.flush()


# --- Roles ------------------------------------------------------------------------------------------

def add_role(partnership: Partnership, data: RoleData) -> PartnershipRole:
    if partnership.status == CLOSED:
        raise PartnershipError(_l("A closed partnership takes no new roles."))
    if len(partnership.roles) >= ROLES_MAX:
        raise PartnershipError(_l("A partnership can list at most %(max)d roles.", max=ROLES_MAX))
    if data.sector not in reference.SECTORS:
        raise PartnershipError(_l("Choose a sector from the list."), "sector")
    if data.country is not None and data.country not in reference.COUNTRY_CODES:
        raise PartnershipError(_l("Choose a country from the list."), "country")
    capability = (data.capability or "").strip()
    if not capability or len(capability) > CAPABILITY_MAX:
        raise PartnershipError(_l("Describe the capability in at most %(max)d characters.", max=CAPABILITY_MAX),
                               "capability")
    position = max((role.position for role in partnership.roles), default=-1) + 1
    role = PartnershipRole(sector=data.sector, country=data.country, capability=capability, position=position)
    partnership.roles.append(role)
    db.session.flush()
    return role


def remove_role(partnership: Partnership, role: PartnershipRole) -> None:
    """Members who filled the role stay members, without it."""
    for member in partnership.members:
        if member.role_id == role.id:
            member.role_id = None
    partnership.roles.remove(role)
    db.session.flush()


# --- Loading and lists --------------------------------------------------------------------------------

def _with_members():
    return (selectinload(Partnership.members).joinedload(PartnershipMember.company),
            selectinload(Partnership.members).joinedload(PartnershipMember.cluster),
            selectinload(Partnership.roles))


def partnership_by_slug(slug: str) -> Partnership | None:
    return db.session.scalar(select(Partnership).where(Partnership.slug == slug).options(*_with_members()))


def _in_country(country: str):
    return and_(PartnershipMember.status == MEMBER, or_(
        PartnershipMember.company_id.in_(select(Company.id).where(Company.country == country)),
        PartnershipMember.cluster_id.in_(select(Cluster.id).where(Cluster.country == country))))


def directory_query(filters: DirectoryFilters) -> Select:
    """Published, open partnerships, newest first; members and roles come in a few batched queries."""
    query = (select(Partnership).where(Partnership.status == ACTIVE).options(*_with_members())
             .order_by(Partnership.published_at.desc(), Partnership.id.desc()))
    if filters.sector:
        query = query.where(Partnership.sector == filters.sector)
    if filters.country:
        query = query.where(Partnership.members.any(_in_country(filters.country)))
    if filters.q:
        query = query.where(func.lower(Partnership.name).contains(filters.q.lower(), autoescape=True))
    return query


def partnerships_of(user) -> list[Partnership]:
    """Where this person's company or clusters lead, belong, are invited or asked to join; newest first."""
    if not user.is_authenticated:
        return []
    conditions = []
    if user.company_id is not None:
        conditions.append(PartnershipMember.company_id == user.company_id)
    if user.managed_cluster_ids:
        conditions.append(PartnershipMember.cluster_id.in_(user.managed_cluster_ids))
    if not conditions:
        return []
    ids = select(PartnershipMember.partnership_id).where(
        or_(*conditions), PartnershipMember.status.in_((MEMBER, *PENDING_STATUSES)))
    return list(db.session.scalars(select(Partnership).where(Partnership.id.in_(ids)).options(*_with_members())
                                   .order_by(Partnership.created_at.desc(), Partnership.id.desc())))


def role_in(partnership: Partnership, role_id: int | None) -> PartnershipRole | None:
    """A role of THIS partnership: an id from another one is not found here."""
    return next((role for role in partnership.roles if role.id == role_id), None)


def member_in(partnership: Partnership, member_id: int | None) -> PartnershipMember | None:
    return next((member for member in partnership.members if member.id == member_id), None)


# --- Outcomes on partnerships -------------------------------------------------------------------------

def _load_by_id(partnership_id: int) -> Partnership | None:
    return db.session.scalar(select(Partnership).where(Partnership.id == partnership_id)
                             .options(*_with_members()))


def _can_record(user, partnership_id: int) -> bool:
    partnership = _load_by_id(partnership_id)
    return partnership is not None and permissions.can_record_outcome(user, partnership)


def _url(partnership_id: int) -> str | None:
    slug = db.session.scalar(select(Partnership.slug).where(Partnership.id == partnership_id))
    return url_for("partnerships.page", slug=slug) if slug else None


def _recorder(user, partnership_id: int) -> tuple[int | None, int | None]:
    """The company if it is an active member; otherwise the managed cluster that is."""
    partnership = _load_by_id(partnership_id)
    mine = [m for m in permissions.represented_members(user, partnership) if m.status == MEMBER]
    company = next((m for m in mine if m.company_id is not None), None)
    if company is not None:
        return company.company_id, None
    return None, (mine[0].cluster_id if mine else None)


def _involved(company_ids: list[int]):
    return select(PartnershipMember.partnership_id).where(
        PartnershipMember.company_id.in_(company_ids), PartnershipMember.status == MEMBER)


register_subject(SUBJECT, _can_record, _url, _recorder, _involved)
