"""Delivery of the outbox over SMTP, with retries and back-off; nothing is lost while SMTP is down."""
from __future__ import annotations

import smtplib
import threading
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import Flask, current_app, has_app_context
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from ..database import utcnow, writing
from ..extensions import db
from .models import FAILED, QUEUED, SENT, OutboxMessage

SENDING = "sending"
BATCH_SIZE = 100
# A claim older than this belongs to a sender that died mid-delivery; the mail goes back to the queue.
STALE_CLAIM = timedelta(minutes=10)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 6 * 60))


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = message.to_address
    email["Message-ID"] = make_msgid(domain="clusters-cord.eu")
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    email["Content-Language"] = message.locale  # after set_content, which resets Content-* headers
    for name, value in (message.headers or {}).items():
        if name not in email:  # extra headers add to the ones above, never replace them
            email[name] = value
    return email


def _claim(ids: list[int]) -> list[OutboxMessage]:
    """Mark due mails as being sent; a row another sender claimed first is skipped."""
    claimed = []
    for message_id in ids:
        result = db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.status == QUEUED)
            .values(status=SENDING, next_attempt_at=utcnow()))
        if result.rowcount:
            claimed.append(message_id)
    db.session.commit()
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(claimed))))


def _release_stale_claims() -> None:
    db.session.execute(
        update(OutboxMessage).where(OutboxMessage.status == SENDING,
                                    OutboxMessage.next_attempt_at < utcnow() - STALE_CLAIM)
        .values(status=QUEUED))
    db.session.commit()


def deliver_due(limit: int = BATCH_SIZE, *, retry_now: bool = False) -> DeliveryReport:
    """Send what is due. Without MAIL_SERVER, mail stays readable in the outbox (development).

    `retry_now` also sends mail waiting out its back-off: once the SMTP server is known to be back,
    nobody need wait hours for the next scheduled attempt.
    """
    config = current_app.config
    report = DeliveryReport()
    _release_stale_claims()
    due = OutboxMessage.status == QUEUED
    if not retry_now:
        due = due & (OutboxMessage.next_attempt_at <= utcnow())
    due_ids = list(db.session.scalars(select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(limit)))
    if not due_ids:
        return report
    messages = _claim(due_ids)
    if not config["MAIL_SERVER"]:
        for message in messages:
            message.status, message.sent_at = SENT, utcnow()
            report.sent += 1
        db.session.commit()
        return report
    try:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15)
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("SMTP server %s:%s unavailable: %s", config["MAIL_SERVER"], config["MAIL_PORT"], error)
        for message in messages:
            _record_failure(message, f"connect: {error}", report)
        db.session.commit()
        return report
    with smtp:
        for message in messages:
            try:
                smtp.send_message(_build(message, config["MAIL_DEFAULT_SENDER"]))
            except (OSError, smtplib.SMTPException) as error:
                _record_failure(message, str(error), report)
            else:
                message.status, message.sent_at, message.last_error = SENT, utcnow(), ""
                report.sent += 1
            db.session.commit()  # each mail's fate is stored as soon as it is known
    return report


def _record_failure(message: OutboxMessage, error: str, report: DeliveryReport) -> None:
    message.attempts += 1
    message.last_error = error[:2000]
    if message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = FAILED
        report.failed += 1
        current_app.logger.error("Gave up on mail %s to %s after %s attempts: %s",
                                 message.id, message.to_address, message.attempts, error)
    else:
        message.status = QUEUED
        message.next_attempt_at = utcnow() + backoff(message.attempts)
        report.retried += 1


def connect_inline_delivery(app: Flask) -> None:
    """With MAIL_DELIVERY=inline, deliver in a background thread once a commit queued mail.

    The listeners are global to SQLAlchemy sessions, so they are installed once and
    ask the app of the committing context whether it delivers inline.
    """
    if app.config["MAIL_DELIVERY"] != "inline" or event.contains(Session, "after_commit", _deliver_after_commit):
        return
    event.listen(Session, "after_flush", _note_new_mail)
    event.listen(Session, "after_commit", _deliver_after_commit)


def _note_new_mail(session, _context) -> None:
    if any(isinstance(obj, OutboxMessage) for obj in session.new):
        session.info["mail_queued"] = True


def _deliver_after_commit(session) -> None:
    if not session.info.pop("mail_queued", False) or not has_app_context():
        return
    app = current_app._get_current_object()
    if app.config["MAIL_DELIVERY"] == "inline":
        threading.Thread(target=_deliver_in_background, args=(app,), daemon=True).start()


_delivery_lock = threading.Lock()


def _deliver_in_background(app: Flask) -> None:
    # writing(): this thread reads the outbox and then claims rows; on SQLite a deferred read→write
    # upgrade fails at once ("database is locked") when a request is writing at the same moment.
    with _delivery_lock, app.app_context(), writing():
        try:
            deliver_due()
        except Exception:  # noqa: BLE001 - a background failure must be logged, not lost
            app.logger.exception("Inline mail delivery failed; `flask mail send` will retry")
        finally:
            db.session.remove()
