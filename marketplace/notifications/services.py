"""In-app notifications: the registry of kinds, `notify`, reading and marking them, e-mail preferences."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from flask_babel import format_date, lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from ..accounts.models import User
from ..database import utcnow
from ..extensions import db
from .models import Notification, NotificationPreference

PAGE_SIZE = 30
URL_MAX = 500

# kind → its text, a lazy translation with %(name)s placeholders filled from the notification's params.
# Rendered when read, so each person sees it in their language of the moment.
KINDS: dict[str, Any] = {}


def register_kind(kind: str, text) -> None:
    """Add a kind of notification (other domains call this at import time, e.g. partnerships)."""
    KINDS[kind] = text


register_kind("interest_received", _l("%(company)s expressed interest in your listing “%(listing)s”."))
register_kind("interest_accepted", _l("%(company)s accepted your expression of interest in “%(listing)s”. "
                                      "You can now see each other's contact details."))
register_kind("interest_declined", _l("%(company)s declined your expression of interest in “%(listing)s”."))
register_kind("interest_expired", _l("Your expression of interest in “%(listing)s” expired without an answer "
                                     "from %(company)s."))
register_kind("message_received", _l("New message from %(company)s about “%(subject)s”."))
register_kind("listing_approved", _l("Your listing “%(listing)s” was approved and is published."))
register_kind("listing_rejected", _l("Your listing “%(listing)s” was not published. See the reason on its page."))
register_kind("listing_expiring", _l("Your listing “%(listing)s” expires on %(date)s. Renew it to keep it visible."))
FALLBACK_TEXT = _l("Something happened that concerns you.")


class _Blank(defaultdict):
    """Missing placeholders render empty instead of failing the page."""

    def __init__(self, values: dict):
        super().__init__(str, values)


def _for_display(params: dict) -> dict:
    """Dates are stored as ISO strings (keys ending in "date") and shown in the reader's format."""
    shown = dict(params)
    for key, value in params.items():
        if key.endswith("date") and isinstance(value, str):
            try:
                shown[key] = format_date(date.fromisoformat(value[:10]))
            except ValueError:
                pass
    return shown


def text_of(notification: Notification) -> str:
    template = KINDS.get(notification.kind)
    if template is None:
        return str(FALLBACK_TEXT)
    try:
        return str(template) % _Blank(_for_display(notification.params or {}))
    except (TypeError, ValueError):  # a translation with a broken placeholder must not break the page
        return str(FALLBACK_TEXT)


def notify(user: User, kind: str, url: str = "", *, merge: bool = False, **params) -> Notification | None:
    """Tell `user` that something happened. With merge, an unread notification of the same kind and
    URL is brought up to date instead of adding another (one entry per busy conversation)."""
    if not user.is_active:
        return None
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}; register it with register_kind")
    params = {key: value.isoformat() if isinstance(value, date) else str(value) for key, value in params.items()}
    url = url[:URL_MAX]
    if merge:
        result = db.session.execute(
            update(Notification).where(Notification.user_id == user.id, Notification.kind == kind,
                                       Notification.url == url, Notification.read_at.is_(None))
            .values(params=params, created_at=utcnow()).execution_options(synchronize_session=False))
        if result.rowcount:
            return None
    notification = Notification(user_id=user.id, kind=kind, url=url, params=params)
    db.session.add(notification)
    return notification


def notify_all(users, kind: str, url: str = "", *, merge: bool = False, **params) -> None:
    for user in users:
        notify(user, kind, url, merge=merge, **params)


def recent(user: User, limit: int = PAGE_SIZE, before_id: int | None = None) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    if before_id:
        query = query.where(Notification.id < before_id)
    return list(db.session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def unread_count_query(user_id: int):
    """The unread count as a scalar subquery, for the navigation's single query."""
    return (select(func.count(Notification.id))
            .where(Notification.user_id == user_id, Notification.read_at.is_(None)).scalar_subquery())


def mark_read(user: User, notification: Notification) -> None:
    if notification.user_id != user.id:
        raise PermissionError("not this person's notification")
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(user: User) -> int:
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount or 0


def preferences(user: User) -> NotificationPreference:
    """The person's preferences (the defaults, unsaved, if they never chose)."""
    found = db.session.get(NotificationPreference, user.id)
    return found or NotificationPreference(user_id=user.id, email_messages=True)


def save_preferences(user: User, *, email_messages: bool) -> NotificationPreference:
    found = db.session.get(NotificationPreference, user.id)
    if found is None:
        found = NotificationPreference(user_id=user.id)
        db.session.add(found)
    found.email_messages = email_messages
    return found


def opted_out_of_message_mail(user_ids: list[int]) -> set[int]:
    if not user_ids:
        return set()
    return set(db.session.scalars(select(NotificationPreference.user_id).where(
        NotificationPreference.user_id.in_(user_ids), NotificationPreference.email_messages.is_(False))))


def delete_for(user: User) -> None:
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    db.session.execute(delete(NotificationPreference).where(NotificationPreference.user_id == user.id))
