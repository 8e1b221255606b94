"""Users and their server-side sign-in sessions."""
from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, String, bindparam, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..companies.models import Company


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    is_admin: Mapped[bool] = mapped_column(default=False)
    job_title: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    company_id: Mapped[Optional[int]] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"), index=True)
    email_confirmed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    # Set at each sign-in, for the admins' count of recently active users.
    last_signed_in_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), index=True)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    company: Mapped[Optional["Company"]] = relationship(back_populates="members")

    # Flask-Login stores the sign-in session's token as the user's id; set when loaded.
    session_token = None

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.deleted_at is None

    @property
    def is_anonymous(self) -> bool:
        return False

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def managed_cluster_ids(self) -> set[int]:
        if not hasattr(self, "_managed_cluster_ids"):
            self._managed_cluster_ids = set(db.session.scalars(_managed_clusters_query(), {"user_id": self.id}))
        return self._managed_cluster_ids

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


@cache
def _managed_clusters_query():
    """Built once: the navigation asks it on every signed-in page, and a built statement keeps its cache key."""
    from ..clusters.models import ClusterManager  # clusters sit above accounts

    return select(ClusterManager.cluster_id).where(ClusterManager.user_id == bindparam("user_id"))


class LoginSession(db.Model):
    """One signed-in browser. Deleting the row signs that browser out, cookie or not."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()
