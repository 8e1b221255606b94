"""Who may read and write in a conversation, and who may read a single (reported) message."""
from __future__ import annotations

from sqlalchemy import exists, select

from ..auth import is_admin
from ..extensions import db
from ..moderation.models import MESSAGE, Report
from .models import Conversation, Message


def has_company(user) -> bool:
    return bool(user.is_authenticated and user.company_id is not None)


def is_participant(user, conversation: Conversation) -> bool:
    """Every member of either company, and nobody else (admins included: messages are private)."""
    return has_company(user) and conversation.has_company(user.company_id)


def can_post_message(user, conversation: Conversation) -> bool:
    company = user.company if has_company(user) else None
    return is_participant(user, conversation) and company is not None and company.suspended_at is None


def is_reported(message_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(Report.subject_type == MESSAGE,
                                                        Report.subject_id == message_id))))


def can_moderate_message(user, message: Message) -> bool:
    """Reports about messages go to the admins; they read the reported message only, not the thread."""
    return is_admin(user) and is_reported(message.id)


def can_read_message(user, message: Message) -> bool:
    return is_participant(user, message.conversation) or can_moderate_message(user, message)


def can_report_message(user, message: Message) -> bool:
    """The other company reports what it received; one's own company's messages are not reported."""
    return is_participant(user, message.conversation) and user.company_id != message.company_id


TEMPLATE_PREDICATES = {
    "can_post_message": can_post_message,
    "can_report_message": can_report_message,
}
