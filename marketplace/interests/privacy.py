"""The interests in a person's data export, and what erasing their account does to them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..accounts.privacy import register_erasure_hook, register_export_contributor
from ..extensions import db
from .models import Interest, InterestEvent


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


@register_export_contributor
def _interests(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(
        select(Interest).options(joinedload(Interest.listing), joinedload(Interest.sender_company),
                                 joinedload(Interest.recipient_company))
        .where(or_(Interest.sender_id == user.id, Interest.decided_by_id == user.id)).order_by(Interest.id))
    return "expressions_of_interest", [
        {"listing": row.listing.title, "from_company": row.sender_company.name,
         "to_company": row.recipient_company.name, "sent_by_you": row.sender_id == user.id,
         "message": row.message if row.sender_id == user.id else None, "status": row.effective_status,
         "created_at": _iso(row.created_at), "answered_by_you": row.decided_by_id == user.id,
         "answered_at": _iso(row.decided_at),
         "answer_note": row.decision_note if row.decided_by_id == user.id else None}
        for row in rows]


@register_erasure_hook
def _detach_from_interests(user: User) -> None:
    """The companies keep their interests (and the texts they exchanged); the person is no longer named."""
    db.session.execute(update(Interest).where(Interest.sender_id == user.id).values(sender_id=None))
    db.session.execute(update(Interest).where(Interest.decided_by_id == user.id).values(decided_by_id=None))
    db.session.execute(update(InterestEvent).where(InterestEvent.actor_id == user.id).values(actor_id=None))
