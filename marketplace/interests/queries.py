"""What the pages about interests show: the listing panel's state, lists, and the disclosed contacts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from ..listings.models import Listing
from . import permissions, services
from .models import ACCEPTED, PENDING, Interest

RECEIVED, SENT = "received", "sent"


@dataclass
class Panel:
    """What the listing page's "Express interest" block shows to this person."""

    state: str  # anonymous | no-company | unconfirmed | suspended | own | inactive | existing | limit | form
    interest: Interest | None = None
    remaining: int = 0
    next_possible_at: datetime | None = None
    waiting: int = 0  # own listing: interests waiting for an answer


def panel_for(user, listing: Listing) -> Panel:
    if not user.is_authenticated:
        return Panel("anonymous" if permissions.listing_takes_interest(listing) else "inactive")
    company = user.company
    if company is None:
        return Panel("no-company" if permissions.listing_takes_interest(listing) else "inactive")
    if listing.company_id == company.id:
        waiting = db.session.scalar(select(func.count(Interest.id)).where(
            Interest.listing_id == listing.id, Interest.status == PENDING, Interest.expires_at > utcnow())) or 0
        return Panel("own", waiting=waiting)
    existing = services.open_interest(company.id, listing.id)
    if existing is not None and not existing.is_lapsed():
        return Panel("existing", interest=existing)
    if not permissions.listing_takes_interest(listing):
        return Panel("inactive")
    if company.suspended_at is not None:
        return Panel("suspended")
    if not user.is_confirmed:
        return Panel("unconfirmed")
    sent = services.sent_in_last_day(company.id)
    limit = services.daily_limit()
    if len(sent) >= limit:
        return Panel("limit", next_possible_at=sent[len(sent) - limit] + services.DAY)
    return Panel("form", remaining=limit - len(sent))


def interests_query(user, box: str):
    """The company's received or sent interests, newest first, with what the list shows loaded."""
    column = Interest.recipient_company_id if box == RECEIVED else Interest.sender_company_id
    return (select(Interest)
            .options(joinedload(Interest.listing), joinedload(Interest.sender_company),
                     joinedload(Interest.recipient_company))
            .where(column == user.company_id)
            .order_by(Interest.created_at.desc(), Interest.id.desc()))


def waiting_for_answer(company_id: int, limit: int = 5) -> list[Interest]:
    return list(db.session.scalars(
        select(Interest).options(joinedload(Interest.listing), joinedload(Interest.sender_company))
        .where(Interest.recipient_company_id == company_id, Interest.status == PENDING,
               Interest.expires_at > utcnow())
        .order_by(Interest.expires_at, Interest.id).limit(limit)))


def load_interest(interest_id: int) -> Interest | None:
    return db.session.scalar(
        select(Interest).options(joinedload(Interest.listing).joinedload(Listing.author),
                                 joinedload(Interest.sender_company), joinedload(Interest.recipient_company),
                                 joinedload(Interest.sender), joinedload(Interest.decided_by))
        .where(Interest.id == interest_id))


@dataclass
class CompanyContacts:
    """A company's disclosed contact details: its website and the people who speak for it."""

    company: Company
    people: list[User] = field(default_factory=list)

    @property
    def website(self) -> str:
        return self.company.website


def contacts(interest: Interest) -> tuple[CompanyContacts, CompanyContacts]:
    """(sender side, listing side) — only ever called once the interest is accepted."""
    if interest.status != ACCEPTED:
        raise ValueError("contacts are disclosed on acceptance only")
    return (CompanyContacts(interest.sender_company, services.sender_people(interest)),
            CompanyContacts(interest.recipient_company, services.recipient_people(interest)))


def reply_stats_for(company: Company):
    return services.reply_stats(company.id)
