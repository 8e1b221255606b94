"""The inbox, a conversation's thread and reply, their polling endpoints, and a single (reported) message."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_datetime, gettext as _, ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..auth import require, signed_in
from ..core.errors import render_error
from ..database import writing
from ..extensions import db
from ..interests import queries as interest_queries
from ..interests.models import ACCEPTED
from ..moderation.models import MESSAGE
from ..moderation.reports import open_reports_about
from ..query_args import parse_page
from ..templating import machine_time
from . import nav, outcomes, permissions, privacy, services  # noqa: F401 - outcomes and privacy register hooks
from .forms import MessageForm
from .models import Conversation, Message

bp = Blueprint("messaging", __name__)

PREVIEW_LENGTH = 140


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(nav_counts=nav.nav_counts, **permissions.TEMPLATE_PREDICATES)


def _no_company():
    return render_error(403, _("Create your company profile first: conversations are between companies."))


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


def _preview(message: Message | None) -> str:
    if message is None:
        return ""
    text = " ".join(message.body.split())
    return text if len(text) <= PREVIEW_LENGTH else text[:PREVIEW_LENGTH - 1] + "…"


@bp.get("/inbox")
@require(signed_in)
def inbox():
    if current_user.company is None:
        return _no_company()
    page = db.paginate(services.inbox_query(current_user), page=parse_page(request.args),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("messaging/inbox.html", page=page, preview=_preview,
                           unread=services.unread_counts(current_user, [c.id for c in page.items]),
                           waiting=interest_queries.waiting_for_answer(current_user.company_id),
                           cursor=services.latest_message_id(current_user.company_id))


def _row(conversation: Conversation, unread: int) -> dict:
    other = conversation.other_company(current_user.company_id)
    last = conversation.last_message
    return {
        "id": conversation.id,
        "url": url_for(".thread", conversation_id=conversation.id),
        "subject": conversation.subject,
        "company": other.name,
        "country": other.country,
        "preview": _preview(last),
        "author": (last.author.name if last and last.author else ""),
        "last_message_at": machine_time(conversation.last_message_at),
        "time_label": format_datetime(conversation.last_message_at, "short"),
        "unread": unread,
        "unread_label": ngettext("%(num)d new", "%(num)d new", unread) if unread else "",
    }


@bp.get("/inbox/updates")
@require(signed_in)
def inbox_updates():
    """What changed since `since` (a message id, the page's cursor): the polling of static/js/inbox.js."""
    if current_user.company is None:
        return jsonify(error="no company"), 403
    since = _int_arg("since") or 0
    changed = list(db.session.scalars(services.inbox_query(current_user, since_message_id=since).limit(50)))
    unread = services.unread_counts(current_user, [c.id for c in changed])
    counts = nav.nav_counts()
    cursor = max([since] + [c.last_message_id or 0 for c in changed])
    return jsonify(cursor=cursor, conversations=[_row(c, unread.get(c.id, 0)) for c in changed],
                   inbox=counts.inbox, inbox_label=counts.inbox_label,
                   notifications=counts.notifications, notifications_label=counts.notifications_label)


def _conversation(conversation_id: int, page: bool = True) -> Conversation:
    """Loaded with what its page shows, or bare for posting and polling (the hot paths)."""
    if page:
        conversation = db.session.scalar(
            select(Conversation).options(joinedload(Conversation.company_a), joinedload(Conversation.company_b),
                                         joinedload(Conversation.listing), joinedload(Conversation.interest))
            .where(Conversation.id == conversation_id))
    else:
        conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or not permissions.is_participant(current_user, conversation):
        abort(404)  # someone else's conversation does not exist for you
    return conversation


def _mark_read(conversation_id: int, message_id: int) -> None:
    """Reading changes only the reader's marker, in its own short write transaction.

    On SQLite a GET's transaction is deferred and could not take the write lock under load;
    the reads end first, and writing() begins the marker's transaction with the lock.
    """
    db.session.commit()
    with writing():
        services.mark_read(current_user, conversation_id, message_id)
        db.session.commit()
    nav.forget()


def _contacts(conversation: Conversation):
    interest = conversation.interest
    if interest is None or interest.status != ACCEPTED:
        return None, None
    sender, listing_side = interest_queries.contacts(interest)
    return (sender, listing_side) if current_user.company_id == interest.recipient_company_id else (listing_side, sender)


def _render_thread(conversation: Conversation, form: MessageForm | None = None, status: int = 200):
    before = _int_arg("before")
    if not before and conversation.last_message_id:
        _mark_read(conversation.id, conversation.last_message_id)
        conversation = _conversation(conversation.id)
    messages = services.thread(conversation, before_id=before)
    theirs, ours = _contacts(conversation)
    return render_template(
        "messaging/thread.html", conversation=conversation, messages=messages, form=form or MessageForm(),
        other=conversation.other_company(current_user.company_id), their_contacts=theirs, our_contacts=ours,
        earlier=messages[0].id if len(messages) == services.THREAD_PAGE else None, before=before,
        after=max((m.id for m in messages), default=0)), status


@bp.get("/inbox/<int:conversation_id>")
@require(signed_in)
def thread(conversation_id: int):
    return _render_thread(_conversation(conversation_id))


def _suspended():
    return render_error(403, _("Your company is suspended and cannot send messages at the moment."))


@bp.post("/inbox/<int:conversation_id>")
@require(signed_in)
def reply(conversation_id: int):
    conversation = _conversation(conversation_id, page=False)
    form = MessageForm()
    if not form.validate_on_submit():
        if not permissions.can_post_message(current_user, conversation):
            return _suspended()
        return _render_thread(_conversation(conversation_id), form, 400)
    try:
        message, created = services.post_message(current_user, conversation, form.body.data, form.client_id.data)
        message_id = message.id  # read before the commit expires it
        db.session.commit()
    except services.CompanySuspended:  # checked here, in the service, to keep the hot path short
        db.session.rollback()
        return _suspended()
    except IntegrityError:  # the same form posted twice at once: the other request stored it
        db.session.rollback()
        message = services.find_message(conversation_id, form.client_id.data)
        if message is None:
            raise
        message_id, created = message.id, False
    if created:
        flash(_("Your message was sent."), "success")
    return redirect(url_for(".thread", conversation_id=conversation_id, _anchor=f"message-{message_id}"))


def _message_json(message: Message) -> dict:
    return {
        "id": message.id,
        "author": message.author.name if message.author else _("Former member"),
        "company": message.company.name,
        "own": message.company_id == current_user.company_id,
        "body": message.body,
        "created_at": machine_time(message.created_at),
        "time_label": format_datetime(message.created_at, "short"),
        "report_url": (url_for("moderation.new_report", subject_type=MESSAGE, subject_id=message.id)
                       if message.company_id != current_user.company_id else ""),
    }


@bp.get("/inbox/<int:conversation_id>/updates")
@require(signed_in)
def thread_updates(conversation_id: int):
    conversation = _conversation(conversation_id, page=False)
    after = _int_arg("after") or 0
    messages = services.messages_after(conversation, after)
    data = [_message_json(m) for m in messages]
    if messages:
        _mark_read(conversation_id, messages[-1].id)
    counts = nav.nav_counts()
    return jsonify(after=messages[-1].id if messages else after, messages=data, inbox=counts.inbox,
                   inbox_label=counts.inbox_label, notifications=counts.notifications,
                   notifications_label=counts.notifications_label)


@bp.get("/messages/<int:message_id>")
@require(signed_in)
def show_message(message_id: int):
    """One message: participants go to it in its thread; the admins read a reported one here."""
    message = db.session.scalar(select(Message).options(
        joinedload(Message.conversation), joinedload(Message.author), joinedload(Message.company))
        .where(Message.id == message_id))
    if message is None or not permissions.can_read_message(current_user, message):
        abort(404)
    if permissions.is_participant(current_user, message.conversation):
        return redirect(url_for(".thread", conversation_id=message.conversation_id, _anchor=f"message-{message.id}"))
    return render_template("messaging/message.html", message=message,
                           reports=open_reports_about(MESSAGE, message.id))
