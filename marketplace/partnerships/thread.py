"""The members' thread of a partnership: plain-text posts, and their part in a person's data export and erasure."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from ..accounts.privacy import register_erasure_hook, register_export_contributor
from ..extensions import db
from . import permissions
from .models import CLOSED, MEMBER, MESSAGE_MAX, Partnership, PartnershipMember, PartnershipMessage
from .services import PartnershipError

THREAD_LIMIT = 300  # the newest posts shown; a partnership's thread rarely grows beyond this


def messages(partnership: Partnership) -> list[PartnershipMessage]:
    """The newest posts, oldest first, with their authors and the member each wrote for (one query)."""
    newest = list(db.session.scalars(
        select(PartnershipMessage).where(PartnershipMessage.partnership_id == partnership.id)
        .options(joinedload(PartnershipMessage.author),
                 joinedload(PartnershipMessage.member).joinedload(PartnershipMember.company),
                 joinedload(PartnershipMessage.member).joinedload(PartnershipMember.cluster))
        .order_by(PartnershipMessage.created_at.desc(), PartnershipMessage.id.desc()).limit(THREAD_LIMIT)))
    return newest[::-1]


def _speaking_for(actor, partnership: Partnership) -> PartnershipMember | None:
    """The actor's company if it is an active member, else the first managed cluster that is."""
    mine = [m for m in permissions.represented_members(actor, partnership) if m.status == MEMBER]
    return next((m for m in mine if m.company_id is not None), mine[0] if mine else None)


def post_message(actor, partnership: Partnership, body: str, client_token: str | None = None
                 ) -> tuple[PartnershipMessage, bool]:
    """Post to the thread. The same client token from the same author returns the first post (no duplicate)."""
    if partnership.status == CLOSED:
        raise PartnershipError(_l("This partnership is closed."))
    member = _speaking_for(actor, partnership)
    if member is None:
        raise PartnershipError(_l("Only members write in the thread."))
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise PartnershipError(_l("Write a message."), "body")
    if len(body) > MESSAGE_MAX:
        raise PartnershipError(_l("A message may have at most %(max)d characters.", max=MESSAGE_MAX), "body")
    if client_token:
        existing = db.session.scalar(select(PartnershipMessage).where(
            PartnershipMessage.partnership_id == partnership.id, PartnershipMessage.author_id == actor.id,
            PartnershipMessage.client_token == client_token))
        if existing is not None:
            return existing, False
    message = PartnershipMessage(partnership_id=partnership.id, member_id=member.id, author_id=actor.id, body=body,
                                 client_token=client_token or None)
    db.session.add(message)
    db.session.flush()
    return message, True


# --- Privacy ----------------------------------------------------------------------------------------

@register_export_contributor
def _export(user) -> tuple[str, Any]:
    rows = db.session.execute(
        select(PartnershipMessage.body, PartnershipMessage.created_at, Partnership.name, Partnership.slug)
        .join(Partnership, Partnership.id == PartnershipMessage.partnership_id)
        .where(PartnershipMessage.author_id == user.id).order_by(PartnershipMessage.id))
    return "partnership_messages", [
        {"partnership": row.name, "partnership_slug": row.slug, "message": row.body,
         "written_at": row.created_at.isoformat()} for row in rows]


@register_erasure_hook
def _erase(user) -> None:
    """What a person wrote is theirs: their posts go with their account."""
    db.session.execute(delete(PartnershipMessage).where(PartnershipMessage.author_id == user.id))
