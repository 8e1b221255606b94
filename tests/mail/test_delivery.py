"""The outbox delivers over real SMTP, retries with back-off and never sends twice."""
from datetime import timedelta

from sqlalchemy import select

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.mail.delivery import deliver_due
from marketplace.mail.models import FAILED, QUEUED, SENT, OutboxMessage
from marketplace.mail.services import queue_mail


def _queue(to="anna@example.com", locale="en"):
    message = queue_mail(to, "_test_notice", locale, name="Anna")
    db.session.commit()
    return message


def test_queued_mail_is_delivered_once(mail_app, smtp_server):
    message = _queue()
    assert deliver_due().sent == 1
    assert deliver_due().sent == 0  # a second run sends nothing twice
    [received] = smtp_server.to("anna@example.com")
    assert received["Subject"] == "A test notice for Anna"
    assert "checks that the outbox delivers" in smtp_server.text_of(received)
    assert received.get_body(preferencelist=("html",)) is not None
    db.session.refresh(message)
    assert message.status == SENT and message.sent_at is not None


def test_nothing_is_sent_before_the_transaction_commits(mail_app, smtp_server):
    queue_mail("anna@example.com", "_test_notice", "en", name="Anna")
    db.session.rollback()
    assert deliver_due().sent == 0
    assert smtp_server.messages == []


def test_smtp_down_keeps_mail_and_retries_with_backoff(make_app, smtp_server):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens on port 1
    with app.app_context():
        message = _queue()
        report = deliver_due()
        assert (report.sent, report.retried) == (0, 1)
        db.session.refresh(message)
        assert message.status == QUEUED and message.attempts == 1
        assert message.next_attempt_at > utcnow() + timedelta(seconds=90)
        assert "connect" in message.last_error
        # Not due yet: nothing happens even though the server is back.
        app.config["MAIL_PORT"] = smtp_server.port
        assert deliver_due().sent == 0
        message.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert deliver_due().sent == 1
    assert len(smtp_server.to("anna@example.com")) == 1


def test_mail_is_given_up_after_the_last_attempt(make_app):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_MAX_ATTEMPTS=2)
    with app.app_context():
        message = _queue()
        for _ in range(2):
            message.next_attempt_at = utcnow() - timedelta(seconds=1)
            db.session.commit()
            deliver_due()
            db.session.refresh(message)
        assert message.status == FAILED and message.attempts == 2


def test_mail_is_rendered_in_the_recipients_language(mail_app, smtp_server):
    # Falls back to English for the text while a catalog lacks it, but records the locale.
    message = _queue(locale="de")
    assert message.locale == "de"
    message = _queue(to="bob@example.com", locale="xx")
    assert message.locale == "en"
    deliver_due()
    assert smtp_server.to("anna@example.com")[0]["Content-Language"] == "de"
    assert smtp_server.to("bob@example.com")[0]["Content-Language"] == "en"


def test_without_smtp_server_mail_stays_readable_in_the_outbox(app):
    _queue()
    assert deliver_due().sent == 1
    stored = db.session.scalar(select(OutboxMessage))
    assert stored.status == SENT and "Anna" in stored.body_text


def test_flask_mail_send_command(mail_app, smtp_server):
    _queue()
    result = mail_app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "1 sent" in result.output
    assert len(smtp_server.messages) == 1
