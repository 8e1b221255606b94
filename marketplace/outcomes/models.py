"""Outcomes: what came of a conversation or a partnership (meeting, agreement, contract, joint project)."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..clusters.models import Cluster
    from ..companies.models import Company

MEETING = "meeting"
AGREEMENT = "agreement"
CONTRACT = "contract"
JOINT_PROJECT = "joint-project"
KINDS = (MEETING, AGREEMENT, CONTRACT, JOINT_PROJECT)

NOTE_MAX = 1000


class Outcome(db.Model):
    """One result recorded on a subject. The subject is named by type and id, without a foreign key,
    so that each domain (conversations, partnerships) can own its table; see subjects.py."""

    __tablename__ = "outcomes"
    __table_args__ = (Index("ix_outcomes_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    # Who the recorder spoke for: their company, or (a cluster manager in a partnership) a cluster.
    company_id: Mapped[Optional[int]] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"), index=True)
    cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"), index=True)
    recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    company: Mapped[Optional["Company"]] = relationship()
    cluster: Mapped[Optional["Cluster"]] = relationship()
    recorded_by: Mapped[Optional["User"]] = relationship()

    @property
    def recorder_name(self) -> str:
        party = self.company or self.cluster
        return party.name if party is not None else ""
