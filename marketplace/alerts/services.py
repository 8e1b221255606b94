"""Saved searches: save, change, delete, unsubscribe; and the alert mails of new listings they find."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import url_for
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..database import utcnow
from ..extensions import db
from ..listings.search import SearchFilters
from ..mail.services import queue_mail
from . import queries
from .models import DAILY, NAME_MAX, NONE, WEEKLY, SavedSearch
from .tokens import make_token

MAX_PER_USER = 50
MAX_LISTINGS_PER_MAIL = 20
# "Daily" and "weekly" with some slack, so a scheduler that runs a little early does not skip a day.
DUE_AFTER = {DAILY: timedelta(hours=23), WEEKLY: timedelta(days=6.9)}
# Listings approved in the last moments may still be committing; the next run announces them.
SETTLE = timedelta(minutes=2)


class TooManySavedSearches(Exception):
    """A person keeps at most MAX_PER_USER saved searches."""


def default_name(filters: SearchFilters) -> str:
    description = queries.describe(filters)
    return description if len(description) <= NAME_MAX else description[:NAME_MAX - 1].rstrip() + "…"


def _clean_name(name: str) -> str:
    # One line of printable text: the name goes into mail subjects, where a line break would end the header.
    return " ".join("".join(ch for ch in name if ch.isprintable() or ch.isspace()).split())[:NAME_MAX]


def for_user(user: User) -> list[SavedSearch]:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                   .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())))


def find_same(user: User, filters: SearchFilters) -> SavedSearch | None:
    return db.session.scalar(select(SavedSearch).where(
        SavedSearch.user_id == user.id, SavedSearch.query_string == queries.normalise(filters)).limit(1))


def save_search(actor: User, filters: SearchFilters, name: str, frequency: str) -> SavedSearch:
    """Save the search; only listings published from now on will be new to it."""
    count = db.session.scalar(select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == actor.id))
    if count >= MAX_PER_USER:
        raise TooManySavedSearches
    now = utcnow()
    saved = SavedSearch(user_id=actor.id, name=_clean_name(name) or default_name(filters),
                        query_string=queries.normalise(filters), frequency=frequency, created_at=now,
                        last_listing_published_at=now)
    db.session.add(saved)
    db.session.flush()
    return saved


def update_search(actor: User, saved: SavedSearch, name: str, frequency: str) -> None:
    if frequency != NONE and not saved.sends_mail:
        # Alerts switched back on announce what is new from now, not everything since they were off.
        saved.last_listing_published_at = utcnow()
    saved.name = _clean_name(name) or default_name(queries.filters_from(saved.query_string))
    saved.frequency = frequency


def delete_search(actor: User, saved: SavedSearch) -> None:
    db.session.delete(saved)


def unsubscribe(saved: SavedSearch) -> bool:
    """Stop the e-mails of this saved search (it stays saved); False if they were off already."""
    if not saved.sends_mail:
        return False
    saved.frequency = NONE
    return True


def delete_for(user: User) -> None:
    db.session.execute(delete(SavedSearch).where(SavedSearch.user_id == user.id))


# --- sending ------------------------------------------------------------------------------------

@dataclass
class AlertOutcome:
    saved_search_id: int
    status: str  # "sent", "nothing-new", "not-due", "invalid", "taken" (by a concurrent run)
    listings: int = 0


def is_due(saved: SavedSearch, now: datetime) -> bool:
    interval = DUE_AFTER.get(saved.frequency)
    if interval is None:
        return False
    return saved.last_sent_at is None or saved.last_sent_at <= now - interval


def _due_condition(now: datetime):
    return or_(*(and_(SavedSearch.frequency == frequency,
                      or_(SavedSearch.last_sent_at.is_(None), SavedSearch.last_sent_at <= now - interval))
                 for frequency, interval in DUE_AFTER.items()))


def _can_receive(user: User) -> bool:
    return user.is_active and user.is_confirmed


def due_ids(now: datetime | None = None) -> list[int]:
    """Saved searches whose alert is due, of people who can receive mail."""
    now = now or utcnow()
    return list(db.session.scalars(
        select(SavedSearch.id).join(User, User.id == SavedSearch.user_id)
        .where(_due_condition(now), User.deleted_at.is_(None), User.email_confirmed_at.is_not(None))
        .order_by(SavedSearch.id)))


def send_alert(saved_search_id: int, now: datetime | None = None) -> AlertOutcome:
    """Queue the mail of one saved search if it is due and something is new; only flushes.

    The watermark moves in the same transaction as the queued mail, and only if it is still
    the one this run read: a second run, at once or later, finds nothing new to send.
    """
    now = now or utcnow()
    saved = db.session.get(SavedSearch, saved_search_id, options=[joinedload(SavedSearch.user)])
    if saved is None or not is_due(saved, now) or not _can_receive(saved.user):
        return AlertOutcome(saved_search_id, "not-due")
    filters = queries.filters_from(saved.query_string)
    if filters.ignored:  # e.g. its cluster was deleted: mailing without that filter would mail the wrong listings
        return AlertOutcome(saved_search_id, "invalid")
    after, until = saved.last_listing_published_at, now - SETTLE
    items = queries.newest(filters, MAX_LISTINGS_PER_MAIL, after=after, until=until)
    if not items:
        return AlertOutcome(saved_search_id, "nothing-new")
    total = len(items) if len(items) < MAX_LISTINGS_PER_MAIL else queries.count_between(filters, after, until)
    claimed = db.session.execute(
        update(SavedSearch).where(SavedSearch.id == saved.id, SavedSearch.last_listing_published_at == after)
        .values(last_listing_published_at=items[0].published_at, last_sent_at=now)
        .execution_options(synchronize_session="fetch"))
    if not claimed.rowcount:  # another run sent it meanwhile
        return AlertOutcome(saved_search_id, "taken")
    _queue(saved, filters, items, total)
    return AlertOutcome(saved_search_id, "sent", total)


def unsubscribe_url(saved: SavedSearch) -> str:
    return url_for("alerts.unsubscribe", token=make_token(saved), _external=True)


def _queue(saved: SavedSearch, filters: SearchFilters, items: list, total: int) -> None:
    user = saved.user
    unsubscribe_link = unsubscribe_url(saved)
    entries = [{"listing": listing, "url": url_for("listings.show", listing_id=listing.id, _external=True)}
               for listing in items]
    queue_mail(
        user.email, "saved_search_alert", user.locale,
        # RFC 8058: mail clients offer "unsubscribe" and POST to the link themselves, without a sign-in.
        headers={"List-Unsubscribe": f"<{unsubscribe_link}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        user=user, saved=saved, filters=filters, entries=entries, total=total,
        more=max(0, total - len(items)), frequency=saved.frequency,
        search_url=url_for("listings.search", sort="newest", **queries.query_args(filters), _external=True),
        manage_url=url_for("alerts.index", _external=True), unsubscribe_url=unsubscribe_link)

