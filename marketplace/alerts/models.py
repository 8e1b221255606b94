"""A person's saved listing search, how often they want new results by e-mail, and what was already sent."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..accounts.models import User

NONE = "none"
DAILY = "daily"
WEEKLY = "weekly"
FREQUENCIES = (NONE, DAILY, WEEKLY)

NAME_MAX = 120


class SavedSearch(db.Model):
    __tablename__ = "saved_searches"
    __table_args__ = (
        Index("ix_saved_searches_user", "user_id", "created_at"),
        # `flask alerts send` reads the searches with e-mail on whose last mail is old enough.
        Index("ix_saved_searches_due", "frequency", "last_sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # The filters as /listings takes them, normalised (fixed order, no page or sort): see alerts/queries.py.
    # Text: a 200-character search in Polish or Czech is over 1,000 characters once percent-encoded.
    query_string: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str] = mapped_column(String(10), default=WEEKLY)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sent_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    # The watermark: the newest published_at already announced (at first, when the search was saved).
    # Only listings published after it are new; it moves in the transaction that queues the mail.
    last_listing_published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped["User"] = relationship()

    @property
    def sends_mail(self) -> bool:
        return self.frequency in (DAILY, WEEKLY)

    def __repr__(self) -> str:
        return f"<SavedSearch {self.id} {self.frequency} {self.query_string!r}>"
