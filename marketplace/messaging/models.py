"""Conversations between two companies, their messages, and each person's read and e-mail state."""
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
    from ..interests.models import Interest
    from ..listings.models import Listing

BODY_MAX = 5000
CLIENT_ID_MAX = 64


class Conversation(db.Model):
    """Private messages between the two companies of an accepted expression of interest.

    Every member of either company reads and writes in it: a company shares one inbox.
    """

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_company_a_last", "company_a_id", "last_message_at"),
        Index("ix_conversations_company_b_last", "company_b_id", "last_message_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interest_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interests.id", ondelete="SET NULL"), unique=True)
    listing_id: Mapped[Optional[int]] = mapped_column(ForeignKey("listings.id", ondelete="SET NULL"))
    # The listing's company (a) and the company that expressed interest (b).
    company_a_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    company_b_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The inbox sorts by these; the newest message's id only grows (see services.post_message).
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_message_id: Mapped[Optional[int]]
    # Each side's newest message: "unread" is the other side's newest past my read marker, so the
    # navigation's count never scans messages.
    company_a_last_message_id: Mapped[int] = mapped_column(default=0)
    company_b_last_message_id: Mapped[int] = mapped_column(default=0)

    interest: Mapped[Optional["Interest"]] = relationship()
    listing: Mapped[Optional["Listing"]] = relationship()
    company_a: Mapped["Company"] = relationship(foreign_keys=[company_a_id])
    company_b: Mapped["Company"] = relationship(foreign_keys=[company_b_id])
    # No foreign key (it would make the two tables depend on each other); read-only.
    last_message: Mapped[Optional["Message"]] = relationship(
        primaryjoin="foreign(Conversation.last_message_id) == Message.id", viewonly=True)

    def has_company(self, company_id: int | None) -> bool:
        return company_id is not None and company_id in (self.company_a_id, self.company_b_id)

    def other_company_id(self, company_id: int) -> int:
        return self.company_b_id if company_id == self.company_a_id else self.company_a_id

    def other_company(self, company_id: int) -> "Company":
        return self.company_b if company_id == self.company_a_id else self.company_a

    def __repr__(self) -> str:
        return f"<Conversation {self.id}>"


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (
        # The form's client-side id: a resubmitted form finds its message instead of adding a second.
        UniqueConstraint("conversation_id", "client_id"),
        Index("ix_messages_conversation_order", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    # Null once the author erased their account: the text stays for the other company.
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_MAX))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    company: Mapped["Company"] = relationship()
    author: Mapped[Optional["User"]] = relationship()

    def __repr__(self) -> str:
        return f"<Message {self.id} in {self.conversation_id}>"


class ConversationState(db.Model):
    """One person's view of one conversation: what they have read and when they were last e-mailed."""

    __tablename__ = "conversation_states"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True, index=True)
    last_read_message_id: Mapped[int] = mapped_column(default=0)
    # E-mails about new messages are batched: at most one per conversation and person per interval.
    last_emailed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    emailed_through_message_id: Mapped[int] = mapped_column(default=0)
