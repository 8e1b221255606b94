"""The navigation's counts (inbox and bell) in one query per page, only when the page shows them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import g
from flask_babel import gettext as _, ngettext
from flask_login import current_user
from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.exc import SQLAlchemyError

from ..database import utcnow
from ..extensions import db
from ..interests.services import pending_received_count
from ..notifications.services import unread_count_query
from .services import unread_conversations_query


@dataclass(frozen=True)
class NavCounts:
    conversations: int = 0  # conversations with messages this person has not read
    interests: int = 0  # interests waiting for the company's answer
    notifications: int = 0

    @property
    def inbox(self) -> int:
        return self.conversations + self.interests

    @property
    def inbox_label(self) -> str:
        """The inbox link's accessible name: what the badge's number means."""
        if not self.inbox:
            return _("Inbox")
        parts = []
        if self.conversations:
            parts.append(ngettext("%(num)d unread conversation", "%(num)d unread conversations", self.conversations))
        if self.interests:
            parts.append(ngettext("%(num)d interest to answer", "%(num)d interests to answer", self.interests))
        return _("Inbox (%(details)s)", details=", ".join(parts))

    @property
    def notifications_label(self) -> str:
        if not self.notifications:
            return _("Notifications")
        return ngettext("Notifications (%(num)d unread)", "Notifications (%(num)d unread)", self.notifications)


def nav_counts() -> NavCounts:
    """Computed on first use in a request (base.html asks for it), then kept in `g`."""
    if "nav_counts" in g:
        return g.nav_counts
    counts = NavCounts()
    if current_user.is_authenticated:
        company_id = current_user.company_id
        params = {"user_id": current_user.id}
        if company_id is not None:
            params.update(company_id=company_id, now=utcnow())
        try:
            row = db.session.execute(_counts_query(company_id is not None), params).one()
        except SQLAlchemyError:  # an error page about a broken database must still render
            db.session.rollback()
            g.nav_counts = counts
            return counts
        counts = NavCounts(conversations=row.conversations or 0, interests=row.interests or 0,
                           notifications=row.notifications or 0)
    g.nav_counts = counts
    return counts


@cache
def _counts_query(with_company: bool) -> Select:
    """Built once per shape: every signed-in page runs it, and a built statement keeps its cache key."""
    user_id = bindparam("user_id")
    columns = [unread_count_query(user_id).label("notifications")]
    if with_company:
        company_id = bindparam("company_id")
        columns += [unread_conversations_query(user_id, company_id).label("conversations"),
                    pending_received_count(company_id, bindparam("now")).label("interests")]
    else:
        columns += [literal(0).label("conversations"), literal(0).label("interests")]
    return select(*columns)


def forget() -> None:
    """After marking something read within the request, the next look counts again."""
    g.pop("nav_counts", None)
