"""Conversations as subjects of outcomes: the two companies record what came of their contact."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import or_, select

from ..extensions import db
from ..outcomes.subjects import register_subject
from .models import Conversation
from .permissions import is_participant

SUBJECT = "conversation"


def _can_record(user, conversation_id: int) -> bool:
    conversation = db.session.get(Conversation, conversation_id)
    return conversation is not None and is_participant(user, conversation)


def _url(conversation_id: int) -> str | None:
    if db.session.get(Conversation, conversation_id) is None:
        return None
    return url_for("messaging.thread", conversation_id=conversation_id)


def _involved(company_ids: list[int]):
    return select(Conversation.id).where(or_(Conversation.company_a_id.in_(company_ids),
                                             Conversation.company_b_id.in_(company_ids)))


register_subject(SUBJECT, _can_record, _url, involved_fn=_involved)
