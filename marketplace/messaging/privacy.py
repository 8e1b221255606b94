"""Messages in a person's data export; on erasure their messages stay for the other company, unsigned."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..accounts.privacy import register_erasure_hook, register_export_contributor
from ..extensions import db
from .models import Conversation, ConversationState, Message


@register_export_contributor
def _messages(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(
        select(Message).options(joinedload(Message.conversation).joinedload(Conversation.company_a),
                                joinedload(Message.conversation).joinedload(Conversation.company_b))
        .where(Message.author_id == user.id).order_by(Message.id))
    return "messages_written", [
        {"conversation": row.conversation.subject,
         "to_company": row.conversation.other_company(row.company_id).name,
         "text": row.body, "sent_at": row.created_at.isoformat()}
        for row in rows]


@register_erasure_hook
def _detach_messages(user: User) -> None:
    """The other company keeps the conversation as it was written; the author is no longer named."""
    db.session.execute(update(Message).where(Message.author_id == user.id).values(author_id=None)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(ConversationState).where(ConversationState.user_id == user.id))
