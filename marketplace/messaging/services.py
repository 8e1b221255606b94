"""Conversations: open one from an accepted interest, post messages exactly once, read state, the inbox."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from .. import signals
from ..accounts.models import User
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from .models import BODY_MAX, Conversation, ConversationState, Message

if TYPE_CHECKING:
    from ..interests.models import Interest

THREAD_PAGE = 100
UPDATES_MAX = 100


class MessagingError(Exception):
    pass


class NotParticipant(MessagingError):
    pass


class CompanySuspended(MessagingError):
    pass


def insert_ignoring_duplicates(model, rows: list[dict]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    if not rows:
        return
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(model).values(rows).on_conflict_do_nothing())


def _side_column(conversation: Conversation, company_id: int):
    return (Conversation.company_a_last_message_id if company_id == conversation.company_a_id
            else Conversation.company_b_last_message_id)


def _advance(conversation: Conversation, message: Message) -> None:
    """Move the conversation's "newest message" markers forward, never back.

    Two messages may commit in the other order of their ids; the markers keep the larger id.
    """
    newer = or_(Conversation.last_message_id.is_(None), Conversation.last_message_id < message.id)
    side = _side_column(conversation, message.company_id)
    db.session.execute(
        update(Conversation).where(Conversation.id == conversation.id)
        .values({Conversation.last_message_id: case((newer, message.id), else_=Conversation.last_message_id),
                 Conversation.last_message_at: case((newer, message.created_at), else_=Conversation.last_message_at),
                 side: case((side < message.id, message.id), else_=side)})
        .execution_options(synchronize_session=False))


def mark_read(user: User, conversation_id: int, message_id: int) -> None:
    """Advance the person's read marker to `message_id` (it never moves back)."""
    result = db.session.execute(
        update(ConversationState)
        .where(ConversationState.user_id == user.id, ConversationState.conversation_id == conversation_id,
               ConversationState.last_read_message_id < message_id)
        .values(last_read_message_id=message_id).execution_options(synchronize_session=False))
    if not result.rowcount:
        insert_ignoring_duplicates(ConversationState, [
            {"user_id": user.id, "conversation_id": conversation_id, "last_read_message_id": message_id,
             "emailed_through_message_id": 0}])


def ensure_states(conversation_id: int, user_ids: list[int]) -> None:
    insert_ignoring_duplicates(ConversationState, [
        {"user_id": uid, "conversation_id": conversation_id, "last_read_message_id": 0,
         "emailed_through_message_id": 0} for uid in user_ids])


def open_conversation(interest: "Interest", actor: User, note: str, now: datetime | None = None) -> Conversation:
    """The conversation of an accepted interest, beginning with its message (and the answer, if any)."""
    now = now or utcnow()
    conversation = Conversation(interest_id=interest.id, listing_id=interest.listing_id,
                                company_a_id=interest.recipient_company_id, company_b_id=interest.sender_company_id,
                                subject=interest.listing.title[:200], created_at=now, last_message_at=now)
    db.session.add(conversation)
    db.session.flush()
    seeds = [Message(conversation_id=conversation.id, company_id=interest.sender_company_id,
                     author_id=interest.sender_id, client_id=f"interest-{interest.id}", body=interest.message,
                     created_at=interest.created_at)]
    if note:
        seeds.append(Message(conversation_id=conversation.id, company_id=actor.company_id, author_id=actor.id,
                             client_id=f"interest-{interest.id}-answer", body=note, created_at=now))
    db.session.add_all(seeds)
    db.session.flush()
    for seed in seeds:
        _advance(conversation, seed)
    mark_read(actor, conversation.id, seeds[-1].id)
    # The sender has read their own message; what they see as new is the answer.
    if interest.sender_id is not None:
        mark_read(interest.sender, conversation.id, seeds[0].id)
    db.session.refresh(conversation)
    return conversation


def find_message(conversation_id: int, client_id: str) -> Message | None:
    return db.session.scalar(select(Message).where(Message.conversation_id == conversation_id,
                                                   Message.client_id == client_id))


def post_message(actor: User, conversation: Conversation, body: str, client_id: str,
                 now: datetime | None = None) -> tuple[Message, bool]:
    """Store a message once per client id. Returns (message, created); a resubmission finds the first.

    Two simultaneous posts with one id: the unique constraint lets one insert win; the caller
    rolls back on IntegrityError and calls again, which then finds the winner's message.
    """
    if not conversation.has_company(actor.company_id):
        raise NotParticipant("not a participant")
    existing = find_message(conversation.id, client_id)
    if existing is not None:
        return existing, False
    # The company's state straight from its row: loading the company would load its sectors too.
    if db.session.scalar(select(Company.suspended_at).where(Company.id == actor.company_id)) is not None:
        raise CompanySuspended("suspended")
    body = body.strip()
    if not body or len(body) > BODY_MAX:
        raise MessagingError("empty or too long")
    message = Message(conversation_id=conversation.id, company_id=actor.company_id, author_id=actor.id,
                      client_id=client_id, body=body, created_at=now or utcnow())
    db.session.add(message)
    db.session.flush()
    _advance(conversation, message)
    mark_read(actor, conversation.id, message.id)
    recipients = list(db.session.scalars(select(User).where(
        User.company_id == conversation.other_company_id(actor.company_id), User.deleted_at.is_(None))))
    from .mail import on_new_message  # mail sits above services (it reads what services write)

    on_new_message(conversation, message, recipients, message.created_at)
    signals.message_posted.send(message, recipients=recipients)
    return message, True


# --- reading --------------------------------------------------------------------------------------

def thread(conversation: Conversation, before_id: int | None = None, limit: int = THREAD_PAGE) -> list[Message]:
    """The newest `limit` messages (older than before_id), oldest first, authors loaded."""
    query = (select(Message).options(joinedload(Message.author), joinedload(Message.company))
             .where(Message.conversation_id == conversation.id))
    if before_id:
        query = query.where(Message.id < before_id)
    newest = list(db.session.scalars(query.order_by(Message.id.desc()).limit(limit)))
    return newest[::-1]


def messages_after(conversation: Conversation, after_id: int, limit: int = UPDATES_MAX) -> list[Message]:
    return list(db.session.scalars(
        select(Message).options(joinedload(Message.author), joinedload(Message.company))
        .where(Message.conversation_id == conversation.id, Message.id > after_id)
        .order_by(Message.id).limit(limit)))


def _company_filter(company_id: int):
    return or_(Conversation.company_a_id == company_id, Conversation.company_b_id == company_id)


def _other_side_last(company_id: int):
    return case((Conversation.company_a_id == company_id, Conversation.company_b_last_message_id),
                else_=Conversation.company_a_last_message_id)


def inbox_query(user: User, since_message_id: int | None = None):
    """The company's conversations, the most recent message first, with what each row shows loaded."""
    query = (select(Conversation)
             .options(joinedload(Conversation.company_a), joinedload(Conversation.company_b),
                      selectinload(Conversation.last_message).joinedload(Message.author))
             .where(_company_filter(user.company_id)))
    if since_message_id is not None:
        query = query.where(Conversation.last_message_id > since_message_id)
    return query.order_by(Conversation.last_message_at.desc(), Conversation.id.desc())


def unread_counts(user: User, conversation_ids: list[int]) -> dict[int, int]:
    """Messages from the other company past the person's read marker, per conversation (one query)."""
    if not conversation_ids:
        return {}
    state = and_(ConversationState.conversation_id == Message.conversation_id, ConversationState.user_id == user.id)
    rows = db.session.execute(
        select(Message.conversation_id, func.count(Message.id)).select_from(Message)
        .outerjoin(ConversationState, state)
        .where(Message.conversation_id.in_(conversation_ids), Message.company_id != user.company_id,
               Message.id > func.coalesce(ConversationState.last_read_message_id, 0))
        .group_by(Message.conversation_id))
    return {conversation_id: count for conversation_id, count in rows}


def unread_conversations_query(user_id: int, company_id: int):
    """How many conversations have news for this person, as a scalar subquery (for the navigation)."""
    state = and_(ConversationState.conversation_id == Conversation.id, ConversationState.user_id == user_id)
    return (select(func.count(Conversation.id)).select_from(Conversation).outerjoin(ConversationState, state)
            .where(_company_filter(company_id),
                   _other_side_last(company_id) > func.coalesce(ConversationState.last_read_message_id, 0))
            .scalar_subquery())


def unread_conversations(user: User) -> int:
    if user.company_id is None:
        return 0
    return db.session.scalar(select(unread_conversations_query(user.id, user.company_id))) or 0


def latest_message_id(company_id: int) -> int:
    """The polling cursor: the newest message in any of the company's conversations."""
    return db.session.scalar(select(func.max(Conversation.last_message_id))
                             .where(_company_filter(company_id))) or 0

