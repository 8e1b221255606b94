"""Cluster organisations, their managers and their member companies."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..companies.models import Company

MEMBERSHIP_PENDING = "pending"
MEMBERSHIP_ACCEPTED = "accepted"
MEMBERSHIP_DECLINED = "declined"


class Cluster(db.Model):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    sector_rows: Mapped[list["ClusterSector"]] = relationship(
        cascade="all, delete-orphan", order_by="ClusterSector.sector", lazy="selectin")
    manager_rows: Mapped[list["ClusterManager"]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan")
    memberships: Mapped[list["ClusterMembership"]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan")

    @property
    def sectors(self) -> list[str]:
        return [row.sector for row in self.sector_rows]

    @sectors.setter
    def sectors(self, codes: list[str]) -> None:
        self.sector_rows = [ClusterSector(sector=code) for code in dict.fromkeys(codes)]

    def __repr__(self) -> str:
        return f"<Cluster {self.slug}>"


class ClusterSector(db.Model):
    __tablename__ = "cluster_sectors"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class ClusterManager(db.Model):
    __tablename__ = "cluster_managers"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    appointed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    cluster: Mapped[Cluster] = relationship(back_populates="manager_rows")
    user: Mapped["User"] = relationship(foreign_keys=[user_id])


class ClusterMembership(db.Model):
    """A company's request to join a cluster and the manager's decision on it."""

    __tablename__ = "cluster_memberships"
    __table_args__ = (
        UniqueConstraint("cluster_id", "company_id"),
        Index("ix_cluster_memberships_cluster_status", "cluster_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=MEMBERSHIP_PENDING)
    message: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    cluster: Mapped[Cluster] = relationship(back_populates="memberships")
    company: Mapped["Company"] = relationship(back_populates="cluster_memberships")
    requested_by: Mapped[Optional["User"]] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[Optional["User"]] = relationship(foreign_keys=[decided_by_id])
