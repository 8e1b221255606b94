"""The listing life cycle. Every change of state happens here, along the allowed transitions only."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from flask import url_for
from sqlalchemy import and_, select, update

from .. import signals
from ..accounts.models import User
from ..database import utcnow
from ..extensions import db
from ..mail.services import queue_mail
from ..moderation.models import LISTING
from ..moderation.services import log_action
from .models import DRAFT, PENDING, PUBLISHED, REJECTED, WITHDRAWN, Listing

VALIDITY = timedelta(days=365)
REMINDER_BEFORE = timedelta(days=14)
RENEWAL_WINDOW = timedelta(days=30)


class ListingError(Exception):
    """A change the life cycle does not allow; the message is shown to the person."""


class TransitionNotAllowed(ListingError):
    pass


class AlreadyDecided(ListingError):
    """Another moderator decided first."""


class IncompleteListing(ListingError):
    """A draft may lack these fields; a listing under review may not."""

    def __init__(self, fields: list[str]):
        super().__init__("Missing before review: " + ", ".join(fields))
        self.fields = fields


# What a listing needs before it goes to review (title and kind are needed even for a draft).
REQUIRED_FOR_REVIEW = ("sector", "summary", "description", "cooperation_types")


@dataclass
class ListingData:
    kind: str
    sector: str
    title: str
    summary: str
    description: str = ""
    advantages: str = ""
    development_stage: str = ""
    partner_role: str = ""
    partner_sizes: list[str] = field(default_factory=list)
    partner_type: str = ""
    language: str = "en"
    cooperation_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)  # empty: any country

    @classmethod
    def of(cls, listing: Listing) -> "ListingData":
        return cls(**{name: getattr(listing, name) for name in cls.__dataclass_fields__})


def missing_for_review(data: ListingData) -> list[str]:
    return [name for name in REQUIRED_FOR_REVIEW if not getattr(data, name)]


def _apply(listing: Listing, data: ListingData) -> None:
    for name, value in asdict(data).items():
        setattr(listing, name, list(value) if isinstance(value, list) else value)
    listing.targets_any_country = not data.target_countries
    listing.updated_at = utcnow()


def _log(actor: User | None, listing: Listing, action: str, reason: str = "", note: str = "") -> None:
    log_action(actor, LISTING, listing.id, action, reason, note)


def create_listing(actor: User, data: ListingData, client_token: str | None, submit: bool) -> tuple[Listing, bool]:
    """Create a draft (or submit it). A repeated client token returns the listing it made first."""
    if actor.company is None:
        raise ListingError("no company")
    if client_token:
        existing = db.session.scalar(select(Listing).where(
            Listing.company_id == actor.company_id, Listing.client_token == client_token))
        if existing is not None:
            return existing, False
    listing = Listing(company_id=actor.company_id, author_id=actor.id, client_token=client_token, status=DRAFT)
    _apply(listing, data)
    db.session.add(listing)
    db.session.flush()
    _log(actor, listing, "create")
    if submit:
        submit_listing(actor, listing)
    return listing, True


def update_listing(actor: User, listing: Listing, data: ListingData, submit: bool) -> None:
    """Drafts, rejected and pending listings change in place; a published one gets a revision to review."""
    if listing.status in (DRAFT, REJECTED, PENDING):
        _apply(listing, data)
        _log(actor, listing, "edit")
        if submit and listing.status != PENDING:
            submit_listing(actor, listing)
    elif listing.status == PUBLISHED:
        if submit and missing_for_review(data):
            raise IncompleteListing(missing_for_review(data))
        listing.revision = asdict(data)
        listing.revision_rejection_reason = listing.revision_rejection_note = ""
        listing.revision_submitted_at = utcnow() if submit else None
        _log(actor, listing, "submit-revision" if submit else "edit-revision")
    else:
        raise TransitionNotAllowed("A withdrawn listing cannot be edited.")


def submit_listing(actor: User, listing: Listing) -> None:
    if listing.status not in (DRAFT, REJECTED):
        raise TransitionNotAllowed("Only drafts and rejected listings can be submitted.")
    missing = missing_for_review(ListingData.of(listing))
    if missing:
        raise IncompleteListing(missing)
    listing.status = PENDING
    listing.submitted_at = utcnow()
    _log(actor, listing, "submit")


def _decide(listing: Listing, expected: dict, values: dict) -> None:
    """Change the row only if nobody changed it since it was read: one of two moderators wins."""
    conditions = [getattr(Listing, name) == value if value is not None else getattr(Listing, name).is_(None)
                  for name, value in expected.items()]
    result = db.session.execute(update(Listing).where(Listing.id == listing.id, and_(*conditions)).values(**values)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise AlreadyDecided("This listing has already been decided by someone else.")
    db.session.refresh(listing)


def approve(actor: User, listing: Listing) -> None:
    now = utcnow()
    if listing.status == PENDING:
        _decide(listing, {"status": PENDING, "submitted_at": listing.submitted_at},
                {"status": PUBLISHED, "published_at": now, "expires_at": now + VALIDITY,
                 "expiry_reminder_sent_at": None, "rejection_reason": "", "rejection_note": ""})
        _log(actor, listing, "approve")
    elif listing.status == PUBLISHED and listing.has_pending_revision:
        revision = ListingData(**listing.revision)
        _decide(listing, {"status": PUBLISHED, "revision_submitted_at": listing.revision_submitted_at},
                {"revision": None, "revision_submitted_at": None})
        _apply(listing, revision)
        _log(actor, listing, "approve-revision")
    else:
        raise AlreadyDecided("This listing is not waiting for review any more.")
    _notify_author(listing, "listing_approved")
    signals.listing_approved.send(listing)


def reject(actor: User, listing: Listing, reason: str, note: str) -> None:
    if listing.status == PENDING:
        _decide(listing, {"status": PENDING, "submitted_at": listing.submitted_at},
                {"status": REJECTED, "rejection_reason": reason, "rejection_note": note})
        _log(actor, listing, "reject", reason, note)
    elif listing.status == PUBLISHED and listing.has_pending_revision:
        _decide(listing, {"status": PUBLISHED, "revision_submitted_at": listing.revision_submitted_at},
                {"revision_submitted_at": None, "revision_rejection_reason": reason, "revision_rejection_note": note})
        _log(actor, listing, "reject-revision", reason, note)
    else:
        raise AlreadyDecided("This listing is not waiting for review any more.")
    _notify_author(listing, "listing_rejected")
    signals.listing_rejected.send(listing)


def unpublish(actor: User, listing: Listing, reason: str, note: str) -> None:
    """A moderator takes a published listing down; the author sees why and may edit and resubmit."""
    _decide(listing, {"status": PUBLISHED}, {"status": REJECTED, "rejection_reason": reason, "rejection_note": note,
                                            "revision": None, "revision_submitted_at": None})
    _log(actor, listing, "unpublish", reason, note)
    _notify_author(listing, "listing_rejected")
    signals.listing_rejected.send(listing)


def withdraw(actor: User, listing: Listing) -> None:
    if listing.status == WITHDRAWN:
        raise TransitionNotAllowed("This listing is already withdrawn.")
    listing.status = WITHDRAWN
    listing.withdrawn_at = utcnow()
    listing.revision = None
    listing.revision_submitted_at = None
    _log(actor, listing, "withdraw")


def can_renew(listing: Listing, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (listing.status == PUBLISHED and listing.expires_at is not None
            and listing.expires_at - now <= RENEWAL_WINDOW)


def renew(actor: User, listing: Listing) -> None:
    if not can_renew(listing):
        raise TransitionNotAllowed("A listing can be renewed in the last 30 days of its validity or once expired.")
    listing.expires_at = utcnow() + VALIDITY
    listing.expiry_reminder_sent_at = None
    _log(actor, listing, "renew")


def send_expiry_reminders(now: datetime | None = None) -> int:
    """Mail the owners of listings that expire within two weeks; each listing is reminded once."""
    now = now or utcnow()
    due = db.session.scalars(select(Listing).where(
        Listing.status == PUBLISHED, Listing.expires_at > now, Listing.expires_at <= now + REMINDER_BEFORE,
        Listing.expiry_reminder_sent_at.is_(None)))
    count = 0
    for listing in due:
        for member in _recipients(listing):
            queue_mail(member.email, "listing_expiring", member.locale, listing=listing, user=member,
                       url=url_for("listings.show", listing_id=listing.id, _external=True))
        listing.expiry_reminder_sent_at = now
        signals.listing_expiring.send(listing)
        count += 1
    return count


def _recipients(listing: Listing) -> list[User]:
    return [m for m in listing.company.members if m.is_active]


def _notify_author(listing: Listing, template: str) -> None:
    for member in _recipients(listing):
        queue_mail(member.email, template, member.locale, listing=listing, user=member,
                   url=url_for("listings.show", listing_id=listing.id, _external=True))
