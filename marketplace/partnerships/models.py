"""Partnerships: cross-border groups of companies and clusters, the roles they need, members and thread."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..clusters.models import Cluster
    from ..companies.models import Company

DRAFT = "draft"
ACTIVE = "active"   # published: the page is public (without the thread)
CLOSED = "closed"
STATUSES = (DRAFT, ACTIVE, CLOSED)

INVITED = "invited"      # the lead asked; the invitee answers
REQUESTED = "requested"  # the company or cluster asked; the lead answers
MEMBER = "active"
DECLINED = "declined"
LEFT = "left"
MEMBER_STATUSES = (INVITED, REQUESTED, MEMBER, DECLINED, LEFT)
PENDING_STATUSES = (INVITED, REQUESTED)

COMPANY = "company"
CLUSTER = "cluster"

NAME_MAX = 160
GOAL_MAX = 4000
CAPABILITY_MAX = 300
NOTE_MAX = 1000
MESSAGE_MAX = 5000
ROLES_MAX = 20


class Partnership(db.Model):
    __tablename__ = "partnerships"
    __table_args__ = (
        # A partnership is led by exactly one company or one cluster.
        CheckConstraint("(lead_company_id IS NULL) <> (lead_cluster_id IS NULL)", name="one_lead"),
        Index("ix_partnerships_status_published", "status", "published_at"),
        Index("ix_partnerships_status_sector", "status", "sector"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    goal: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    # Companies and clusters are never hard-deleted (accounts are anonymised), so CASCADE only
    # matters for test and admin clean-ups; it keeps the one-lead check satisfiable.
    lead_company_id: Mapped[Optional[int]] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    lead_cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    published_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    closed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    members: Mapped[list["PartnershipMember"]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan", order_by="PartnershipMember.id")
    roles: Mapped[list["PartnershipRole"]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan",
        order_by="(PartnershipRole.position, PartnershipRole.id)")
    created_by: Mapped[Optional["User"]] = relationship()

    # Derived facts, read from loaded members (pages eager-load them) --------------------------

    @property
    def is_public(self) -> bool:
        """Published and still open, or closed after having been published."""
        return self.status == ACTIVE or (self.status == CLOSED and self.published_at is not None)

    @property
    def active_members(self) -> list["PartnershipMember"]:
        return [m for m in self.members if m.status == MEMBER]

    @property
    def lead_member(self) -> Optional["PartnershipMember"]:
        return next((m for m in self.members if m.is_lead), None)

    @property
    def countries(self) -> list[str]:
        """Countries of the active members, the lead included."""
        return sorted({m.country for m in self.active_members})

    @property
    def is_cross_border(self) -> bool:
        return len(self.countries) >= 2

    @property
    def is_meta_cluster(self) -> bool:
        """Clusters of one sector from several countries: at least two active clusters, two countries,
        and every active cluster member working in the partnership's sector."""
        clusters = [m.cluster for m in self.active_members if m.cluster is not None]
        return (len(clusters) >= 2 and len({c.country for c in clusters}) >= 2
                and all(self.sector in c.sectors for c in clusters))

    def filled_by(self, role: "PartnershipRole") -> list["PartnershipMember"]:
        return [m for m in self.active_members if m.role_id == role.id]

    @property
    def open_roles(self) -> list["PartnershipRole"]:
        filled = {m.role_id for m in self.active_members}
        return [role for role in self.roles if role.id not in filled]

    def __repr__(self) -> str:
        return f"<Partnership {self.slug} {self.status}>"


class PartnershipRole(db.Model):
    """A partner the partnership still needs: sector × country (None: any) × capability in words."""

    __tablename__ = "partnership_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str] = mapped_column(String(40))
    country: Mapped[Optional[str]] = mapped_column(String(2))
    capability: Mapped[str] = mapped_column(String(CAPABILITY_MAX))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    partnership: Mapped[Partnership] = relationship(back_populates="roles")


class PartnershipMember(db.Model):
    """A company or a cluster in a partnership, from invitation or request to membership and beyond."""

    __tablename__ = "partnership_members"
    __table_args__ = (
        CheckConstraint("(company_id IS NULL) <> (cluster_id IS NULL)", name="one_party"),
        # Named by hand: the naming convention would give both the same name (it reads the first column).
        UniqueConstraint("partnership_id", "company_id", name="uq_partnership_members_partnership_company"),
        UniqueConstraint("partnership_id", "cluster_id", name="uq_partnership_members_partnership_cluster"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id", ondelete="CASCADE"))
    company_id: Mapped[Optional[int]] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[Optional[int]] = mapped_column(ForeignKey("partnership_roles.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10))
    is_lead: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str] = mapped_column(Text, default="")  # with the invitation or the request
    invited_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    left_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    partnership: Mapped[Partnership] = relationship(back_populates="members")
    company: Mapped[Optional["Company"]] = relationship()
    cluster: Mapped[Optional["Cluster"]] = relationship()
    role: Mapped[Optional[PartnershipRole]] = relationship()
    invited_by: Mapped[Optional["User"]] = relationship(foreign_keys=[invited_by_id])
    requested_by: Mapped[Optional["User"]] = relationship(foreign_keys=[requested_by_id])

    @property
    def kind(self) -> str:
        return COMPANY if self.company_id is not None else CLUSTER

    @property
    def party(self):
        """The company or the cluster."""
        return self.company if self.company_id is not None else self.cluster

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def country(self) -> str:
        return self.party.country

    def __repr__(self) -> str:
        return f"<PartnershipMember {self.kind} {self.company_id or self.cluster_id} {self.status}>"


class PartnershipMessage(db.Model):
    """A post in the members' thread: plain text, shown escaped."""

    __tablename__ = "partnership_messages"
    __table_args__ = (
        # A resubmitted form (same token from the same author) stores the message once.
        UniqueConstraint("partnership_id", "author_id", "client_token"),
        Index("ix_partnership_messages_partnership_created", "partnership_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id", ondelete="CASCADE"))
    # The member the author wrote for (their company, or a cluster they manage).
    member_id: Mapped[Optional[int]] = mapped_column(ForeignKey("partnership_members.id", ondelete="SET NULL"))
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    client_token: Mapped[Optional[str]] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    partnership: Mapped[Partnership] = relationship()
    member: Mapped[Optional[PartnershipMember]] = relationship()
    author: Mapped[Optional["User"]] = relationship()
