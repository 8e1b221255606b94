"""In-app notifications for other domains' events, connected to marketplace.signals in create_app."""
from __future__ import annotations

from flask import Flask, url_for
from sqlalchemy import select

from .. import signals
from ..companies.models import Company
from ..extensions import db
from .services import notify_all


def _members(company) -> list:
    return [member for member in company.members if member.is_active]


# Stored paths, not absolute URLs: outside a request (the CLI jobs) url_for would add the host.
def _listing_url(listing) -> str:
    return url_for("listings.show", listing_id=listing.id, _external=False)


def _interest_url(interest) -> str:
    return url_for("interests.show", interest_id=interest.id, _external=False)


def on_listing_approved(listing, **_extra) -> None:
    notify_all(_members(listing.company), "listing_approved", _listing_url(listing), listing=listing.title)


def on_listing_rejected(listing, **_extra) -> None:
    notify_all(_members(listing.company), "listing_rejected", _listing_url(listing), listing=listing.title)


def on_listing_expiring(listing, **_extra) -> None:
    notify_all(_members(listing.company), "listing_expiring", _listing_url(listing), listing=listing.title,
               date=listing.expires_at)


def on_interest_sent(interest, **_extra) -> None:
    notify_all(_members(interest.recipient_company), "interest_received", _interest_url(interest),
               company=interest.sender_company.name, listing=interest.listing.title)


def _tell_sender(kind: str):
    def handler(interest, **_extra) -> None:
        notify_all(_members(interest.sender_company), kind, _interest_url(interest),
                   company=interest.recipient_company.name, listing=interest.listing.title)

    handler.__name__ = f"on_{kind}"
    return handler


on_interest_accepted = _tell_sender("interest_accepted")
on_interest_declined = _tell_sender("interest_declined")
on_interest_expired = _tell_sender("interest_expired")


def on_message_posted(message, recipients=(), **_extra) -> None:
    # One entry per conversation while unread: a lively thread does not flood the bell.
    url = url_for("messaging.thread", conversation_id=message.conversation_id, _external=False)
    # The name alone: loading the company would load its sectors and languages too, on every message.
    company = db.session.scalar(select(Company.name).where(Company.id == message.company_id))
    notify_all(recipients, "message_received", url, merge=True, company=company,
               subject=message.conversation.subject)


RECEIVERS = (
    (signals.listing_approved, on_listing_approved),
    (signals.listing_rejected, on_listing_rejected),
    (signals.listing_expiring, on_listing_expiring),
    (signals.interest_sent, on_interest_sent),
    (signals.interest_accepted, on_interest_accepted),
    (signals.interest_declined, on_interest_declined),
    (signals.interest_expired, on_interest_expired),
    (signals.message_posted, on_message_posted),
)


def connect_handlers(_app: Flask) -> None:
    """Signals are process-wide; connecting the same function again (another app in tests) is a no-op."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, weak=False)
