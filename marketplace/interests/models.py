"""Expressions of interest in a listing, and the log of each step taken on them."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..companies.models import Company
    from ..listings.models import Listing

PENDING = "pending"
ACCEPTED = "accepted"
DECLINED = "declined"
EXPIRED = "expired"  # stored by `flask interests expire`; before that derived from expires_at
STATUSES = (PENDING, ACCEPTED, DECLINED, EXPIRED)

MESSAGE_MAX = 1000
NOTE_MAX = 1000
ANSWER_WITHIN = timedelta(days=14)


class Interest(db.Model):
    """A company's expression of interest in another company's listing.

    Contact details stay hidden from both sides until the listing's company accepts.
    """

    __tablename__ = "interests"
    __table_args__ = (
        # One interest per sender company and listing unless it lapsed: a declined one is an answer,
        # an accepted one has its conversation; an expired one frees the sender to try again.
        Index("uq_interests_sender_company_listing", "sender_company_id", "listing_id", unique=True,
              sqlite_where=text("status != 'expired'"), postgresql_where=text("status != 'expired'")),
        Index("ix_interests_recipient_created", "recipient_company_id", "created_at"),
        Index("ix_interests_sender_created", "sender_company_id", "created_at"),
        Index("ix_interests_due", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    # The listing's company when the interest was sent (a listing never changes company).
    recipient_company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    sender_company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    sender_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The sender's own listing when the interest comes from a match.
    sender_listing_id: Mapped[Optional[int]] = mapped_column(ForeignKey("listings.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    # When `flask interests expire` (or a later look at it) marked it expired and told the sender.
    expired_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    listing: Mapped["Listing"] = relationship(foreign_keys=[listing_id])
    sender_listing: Mapped[Optional["Listing"]] = relationship(foreign_keys=[sender_listing_id])
    recipient_company: Mapped["Company"] = relationship(foreign_keys=[recipient_company_id])
    sender_company: Mapped["Company"] = relationship(foreign_keys=[sender_company_id])
    sender: Mapped[Optional["User"]] = relationship(foreign_keys=[sender_id])
    decided_by: Mapped[Optional["User"]] = relationship(foreign_keys=[decided_by_id])
    events: Mapped[list["InterestEvent"]] = relationship(
        back_populates="interest", cascade="all, delete-orphan", order_by="InterestEvent.id")

    def is_lapsed(self, now: datetime | None = None) -> bool:
        """Unanswered past its 14 days: expired whether or not the job has marked it yet."""
        return self.status == PENDING and self.expires_at <= (now or utcnow())

    @property
    def effective_status(self) -> str:
        return EXPIRED if self.is_lapsed() else self.status

    @property
    def is_open(self) -> bool:
        return self.effective_status == PENDING

    def __repr__(self) -> str:
        return f"<Interest {self.id} {self.status}>"


class InterestEvent(db.Model):
    """One step of an interest: sent, accepted, declined, expired; who (if anyone) and when."""

    __tablename__ = "interest_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[int] = mapped_column(ForeignKey("interests.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    interest: Mapped[Interest] = relationship(back_populates="events")
    actor: Mapped[Optional["User"]] = relationship()
