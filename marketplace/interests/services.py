"""Expressions of interest: send, accept, decline, expire; the daily limit and reply statistics."""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, url_for
from sqlalchemy import and_, func, or_, select, update

from .. import signals
from ..accounts.models import User
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..listings.models import Listing
from ..mail.services import queue_mail
from ..messaging import services as messaging
from ..messaging.models import Conversation
from .models import ACCEPTED, ANSWER_WITHIN, DECLINED, EXPIRED, PENDING, Interest, InterestEvent

DEFAULT_DAILY_LIMIT = 10
DAY = timedelta(hours=24)
STATS_WINDOW = 20  # reply statistics look at this many of the latest answered or expired interests
STATS_MINIMUM = 3  # and are shown from this many on


class InterestError(Exception):
    """The interest cannot be sent or answered; views say why in words of their own."""


class NoCompany(InterestError):
    pass


class SenderSuspended(InterestError):
    pass


class OwnListing(InterestError):
    pass


class ListingNotActive(InterestError):
    pass


class AlreadyExpressed(InterestError):
    def __init__(self, existing: Interest):
        super().__init__("already expressed")
        self.existing = existing


class DailyLimitReached(InterestError):
    def __init__(self, limit: int, next_possible_at: datetime):
        super().__init__("daily limit reached")
        self.limit = limit
        self.next_possible_at = next_possible_at


class NotRecipient(InterestError):
    pass


class InterestExpired(InterestError):
    pass


class AlreadyDecided(InterestError):
    """Someone (perhaps a colleague) answered it first."""


def daily_limit() -> int:
    return int(current_app.config.get("INTEREST_DAILY_LIMIT", DEFAULT_DAILY_LIMIT))


def sent_in_last_day(company_id: int, now: datetime | None = None) -> list[datetime]:
    now = now or utcnow()
    return list(db.session.scalars(
        select(Interest.created_at).where(Interest.sender_company_id == company_id,
                                          Interest.created_at > now - DAY).order_by(Interest.created_at)))


def remaining_today(company_id: int, now: datetime | None = None) -> int:
    return max(0, daily_limit() - len(sent_in_last_day(company_id, now)))


def open_interest(company_id: int, listing_id: int) -> Interest | None:
    """The company's interest in the listing that still counts (pending, accepted or declined)."""
    return db.session.scalar(select(Interest).where(
        Interest.sender_company_id == company_id, Interest.listing_id == listing_id, Interest.status != EXPIRED))


def _log(interest: Interest, action: str, actor: User | None, note: str = "", at: datetime | None = None) -> None:
    interest.events.append(InterestEvent(action=action, actor_id=actor.id if actor else None, note=note,
                                         created_at=at or utcnow()))


def _active_members(company: Company) -> list[User]:
    return [member for member in company.members if member.is_active]


def sender_people(interest: Interest) -> list[User]:
    """Who speaks for the sending side: the sender, or their colleagues if they left."""
    sender = interest.sender
    if sender is not None and sender.is_active and sender.company_id == interest.sender_company_id:
        return [sender]
    return _active_members(interest.sender_company)


def recipient_people(interest: Interest) -> list[User]:
    """Who speaks for the listing's side: whoever accepted and the listing's author, or all members."""
    people = []
    for person in (interest.decided_by, interest.listing.author):
        if (person is not None and person.is_active and person.company_id == interest.recipient_company_id
                and person not in people):
            people.append(person)
    return people or _active_members(interest.recipient_company)


def _interest_url(interest: Interest) -> str:
    return url_for("interests.show", interest_id=interest.id, _external=True)


def _mail(people: list[User], template: str, interest: Interest, **context) -> None:
    for person in people:
        queue_mail(person.email, template, person.locale, user=person, interest=interest,
                   listing=interest.listing, url=_interest_url(interest), **context)


def send_interest(actor: User, listing: Listing, message: str, *, sender_listing: Listing | None = None,
                  now: datetime | None = None) -> Interest:
    now = now or utcnow()
    company = actor.company
    if company is None:
        raise NoCompany("no company")
    if company.suspended_at is not None:
        raise SenderSuspended("suspended")
    if listing.company_id == company.id:
        raise OwnListing("own listing")
    owner = listing.company
    if not listing.is_active or owner.suspended_at is not None or not owner.is_published:
        raise ListingNotActive("listing not active")
    # One sender of a company at a time (PostgreSQL; SQLite's write lock already serialises):
    # the duplicate check and the daily limit must not both pass for two simultaneous requests.
    db.session.execute(select(Company.id).where(Company.id == company.id).with_for_update())
    existing = open_interest(company.id, listing.id)
    if existing is not None and existing.is_lapsed(now):
        # Lapsed but not yet marked: it frees the sender now (who sees that it lapsed).
        _mark_expired(existing, now)
        existing = None
    if existing is not None:
        raise AlreadyExpressed(existing)
    recent = sent_in_last_day(company.id, now)
    limit = daily_limit()
    if len(recent) >= limit:
        raise DailyLimitReached(limit, recent[len(recent) - limit] + DAY)
    if sender_listing is not None and sender_listing.company_id != company.id:
        sender_listing = None  # a swapped id in the form: only the sender's own listings can be referred to
    interest = Interest(listing_id=listing.id, recipient_company_id=listing.company_id, sender_company_id=company.id,
                        sender_id=actor.id, sender_listing_id=sender_listing.id if sender_listing else None,
                        message=message.strip(), status=PENDING, created_at=now, expires_at=now + ANSWER_WITHIN)
    db.session.add(interest)
    _log(interest, "sent", actor, at=now)
    db.session.flush()
    _mail(_active_members(owner), "interest_received", interest, sender_company=company)
    signals.interest_sent.send(interest)
    return interest


def _decide(interest: Interest, new_status: str, actor: User, note: str, now: datetime) -> None:
    """Only a pending interest can be answered; of two colleagues answering at once, one wins."""
    result = db.session.execute(
        update(Interest).where(Interest.id == interest.id, Interest.status == PENDING, Interest.expires_at > now)
        .values(status=new_status, decided_at=now, decided_by_id=actor.id, decision_note=note)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.refresh(interest)
        if interest.is_lapsed(now) or interest.status == EXPIRED:
            raise InterestExpired("expired")
        raise AlreadyDecided("already decided")
    db.session.refresh(interest)
    _log(interest, new_status, actor, note, at=now)


def _check_recipient(actor: User, interest: Interest, now: datetime) -> None:
    if actor.company_id != interest.recipient_company_id:
        raise NotRecipient("not the listing's company")
    if interest.is_lapsed(now) or interest.status == EXPIRED:
        raise InterestExpired("expired")
    if interest.status != PENDING:
        raise AlreadyDecided("already decided")


def accept_interest(actor: User, interest: Interest, note: str = "", now: datetime | None = None) -> Conversation:
    """Accept: both sides see each other's contacts, and their conversation opens."""
    now = now or utcnow()
    _check_recipient(actor, interest, now)
    if actor.company.suspended_at is not None:
        raise SenderSuspended("suspended")
    note = note.strip()
    _decide(interest, ACCEPTED, actor, note, now)
    conversation = messaging.open_conversation(interest, actor, note, now)
    _mail(sender_people(interest), "interest_accepted", interest, recipient_company=interest.recipient_company,
          conversation_url=url_for("messaging.thread", conversation_id=conversation.id, _external=True))
    signals.interest_accepted.send(interest, conversation=conversation)
    return conversation


def decline_interest(actor: User, interest: Interest, note: str = "", now: datetime | None = None) -> None:
    now = now or utcnow()
    _check_recipient(actor, interest, now)
    _decide(interest, DECLINED, actor, note.strip(), now)
    _mail(sender_people(interest), "interest_declined", interest, recipient_company=interest.recipient_company)
    signals.interest_declined.send(interest)


def _mark_expired(interest: Interest, now: datetime) -> bool:
    result = db.session.execute(
        update(Interest).where(Interest.id == interest.id, Interest.status == PENDING, Interest.expires_at <= now)
        .values(status=EXPIRED, expired_at=now).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    db.session.refresh(interest)
    _log(interest, EXPIRED, None, at=now)
    return True


def expire_due(now: datetime | None = None) -> int:
    """Mark every lapsed interest expired and tell its sender; running it again changes nothing."""
    now = now or utcnow()
    due = list(db.session.scalars(select(Interest).where(Interest.status == PENDING, Interest.expires_at <= now)
                                  .order_by(Interest.id)))
    count = 0
    for interest in due:
        if _mark_expired(interest, now):
            _mail(sender_people(interest), "interest_expired", interest, recipient_company=interest.recipient_company,
                  search_url=url_for("listings.search", _external=True))
            signals.interest_expired.send(interest)
            count += 1
    return count


# --- reply statistics -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReplyStats:
    answered: int
    expired: int
    median_hours: float | None

    @property
    def total(self) -> int:
        return self.answered + self.expired

    @property
    def share_answered(self) -> int:
        """Percent, rounded."""
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def median_days(self) -> int | None:
        """Whole days, rounded up: "replies within 2 days" must not promise too much."""
        if self.median_hours is None:
            return None
        return max(1, math.ceil(self.median_hours / 24))


def reply_stats(company_id: int, now: datetime | None = None, window: int = STATS_WINDOW) -> ReplyStats | None:
    """How the company answered its latest received interests; None until there is enough history."""
    now = now or utcnow()
    settled = or_(Interest.status.in_((ACCEPTED, DECLINED, EXPIRED)),
                  and_(Interest.status == PENDING, Interest.expires_at <= now))
    rows = db.session.execute(
        select(Interest.status, Interest.created_at, Interest.decided_at)
        .where(Interest.recipient_company_id == company_id, settled)
        .order_by(Interest.created_at.desc(), Interest.id.desc()).limit(window)).all()
    if len(rows) < STATS_MINIMUM:
        return None
    hours = [(decided - created).total_seconds() / 3600 for status, created, decided in rows
             if status in (ACCEPTED, DECLINED) and decided is not None]
    return ReplyStats(answered=len(hours), expired=len(rows) - len(hours),
                      median_hours=statistics.median(hours) if hours else None)


def pending_received_count(company_id: int, now: datetime | None = None):
    """Interests waiting for the company's answer, as a scalar subquery (the navigation counts it)."""
    return (select(func.count(Interest.id))
            .where(Interest.recipient_company_id == company_id, Interest.status == PENDING,
                   Interest.expires_at > (utcnow() if now is None else now)).scalar_subquery())
