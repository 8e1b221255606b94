"""E-mail about new messages, batched: at most one per conversation and person every 15 minutes.

The first message after a quiet spell is mailed at once (when it is posted); what arrives during
the following 15 minutes waits for `flask messaging notify`, which sends one e-mail for all of it.
Each claim is a conditional UPDATE of the person's ConversationState, so two workers never both mail.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import url_for
from sqlalchemy import and_, case, func, or_, select, update

from ..accounts.models import User
from ..database import utcnow
from ..extensions import db
from ..mail.services import queue_mail
from ..notifications.models import NotificationPreference
from ..notifications.services import opted_out_of_message_mail
from .models import Conversation, ConversationState, Message
from .services import ensure_states

INTERVAL = timedelta(minutes=15)
SHOWN_IN_MAIL = 5


def _states(conversation_id: int, user_ids: list[int]) -> dict[int, ConversationState]:
    rows = db.session.scalars(select(ConversationState).where(
        ConversationState.conversation_id == conversation_id, ConversationState.user_id.in_(user_ids))
        .execution_options(populate_existing=True))
    return {row.user_id: row for row in rows}


def _claim(state: ConversationState | None, through_id: int, now: datetime) -> int | None:
    """Take the right to mail this person about messages up to `through_id`.

    Returns the id after which messages are new to them, or None if a mail went out less than
    15 minutes ago, or there is nothing they have neither read nor been told about.
    """
    if state is None:
        return None
    user_id, conversation_id = state.user_id, state.conversation_id
    if state.last_emailed_at is not None and state.last_emailed_at > now - INTERVAL:
        return None
    seen = max(state.emailed_through_message_id, state.last_read_message_id)
    if through_id <= seen:
        return None
    result = db.session.execute(
        update(ConversationState)
        .where(ConversationState.user_id == user_id, ConversationState.conversation_id == conversation_id,
               ConversationState.emailed_through_message_id == state.emailed_through_message_id,
               or_(ConversationState.last_emailed_at.is_(None), ConversationState.last_emailed_at <= now - INTERVAL))
        .values(last_emailed_at=now, emailed_through_message_id=through_id)
        .execution_options(synchronize_session=False))
    return seen if result.rowcount == 1 else None


def _mail(person: User, conversation: Conversation, after_id: int, through_id: int) -> None:
    new = and_(Message.conversation_id == conversation.id, Message.company_id != person.company_id,
               Message.id > after_id, Message.id <= through_id)
    count = db.session.scalar(select(func.count(Message.id)).where(new)) or 0
    if not count:
        return
    latest = list(db.session.scalars(select(Message).where(new).order_by(Message.id.desc()).limit(SHOWN_IN_MAIL)))
    queue_mail(person.email, "new_messages", person.locale, user=person, conversation=conversation,
               company=conversation.other_company(person.company_id), messages=latest[::-1],
               count=count, url=url_for("messaging.thread", conversation_id=conversation.id, _external=True),
               settings_url=url_for("notifications.index", _external=True))


def _states_and_wishes(conversation_id: int, user_ids: list[int]) -> dict[int, tuple[ConversationState, bool]]:
    """Each person's state in the conversation and whether they want e-mail, in one query (a hot path)."""
    rows = db.session.execute(
        select(ConversationState, NotificationPreference.email_messages).select_from(ConversationState)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == ConversationState.user_id)
        .where(ConversationState.conversation_id == conversation_id, ConversationState.user_id.in_(user_ids))
        .execution_options(populate_existing=True)).all()
    return {state.user_id: (state, wants is not False) for state, wants in rows}


def on_new_message(conversation: Conversation, message: Message, recipients: list[User], now: datetime) -> None:
    """Called as a message is stored: mail each recipient now unless they were mailed recently."""
    ids = [person.id for person in recipients]
    if not ids:
        return
    found = _states_and_wishes(conversation.id, ids)
    missing = [user_id for user_id in ids if user_id not in found]
    if missing:  # people new to the conversation (a colleague who joined the company)
        ensure_states(conversation.id, missing)
        found.update(_states_and_wishes(conversation.id, missing))
    for person in recipients:
        state, wants = found.get(person.id, (None, False))
        after = _claim(state, message.id, now) if wants else None
        if after is not None:
            _mail(person, conversation, after, message.id)


def send_due(now: datetime | None = None) -> int:
    """Mail everyone whose unread, untold messages waited out the interval; returns the e-mails queued."""
    now = now or utcnow()
    other_side_last = case((User.company_id == Conversation.company_a_id, Conversation.company_b_last_message_id),
                           else_=Conversation.company_a_last_message_id)
    rows = db.session.execute(
        select(ConversationState.user_id, ConversationState.conversation_id, other_side_last)
        .join(Conversation, Conversation.id == ConversationState.conversation_id)
        .join(User, User.id == ConversationState.user_id)
        .where(User.deleted_at.is_(None),
               or_(User.company_id == Conversation.company_a_id, User.company_id == Conversation.company_b_id),
               or_(ConversationState.last_emailed_at.is_(None), ConversationState.last_emailed_at <= now - INTERVAL),
               other_side_last > ConversationState.emailed_through_message_id,
               other_side_last > ConversationState.last_read_message_id)
        .order_by(ConversationState.conversation_id, ConversationState.user_id)).all()
    opted_out = opted_out_of_message_mail(list({user_id for user_id, _c, _t in rows}))
    sent = 0
    for user_id, conversation_id, through_id in rows:
        if user_id in opted_out:
            continue
        after = _claim(_states(conversation_id, [user_id]).get(user_id), through_id, now)
        if after is None:
            continue
        _mail(db.session.get(User, user_id), db.session.get(Conversation, conversation_id), after, through_id)
        sent += 1
    return sent
