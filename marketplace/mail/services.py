"""Queue an e-mail in the recipient's language; it is sent once the surrounding transaction commits."""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from ..extensions import db
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from .models import OutboxMessage


def queue_mail(to_address: str, template: str, locale: str | None, *, headers: dict[str, str] | None = None,
               **context) -> OutboxMessage:
    """Render templates/email/<template>.{txt,html} in `locale` and add it to the outbox.

    The .txt template's `subject` block gives the subject line. Nothing is committed here:
    the caller's commit stores the mail together with the event that caused it.
    `headers` adds mail headers (e.g. List-Unsubscribe) to the ones delivery sets.
    """
    locale = locale if locale in LANGUAGES else DEFAULT_LANGUAGE
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    subject, _, body = text.partition("\n")
    message = OutboxMessage(to_address=to_address, subject=subject.strip(), body_text=body.strip() + "\n",
                            body_html=html, locale=locale, headers=dict(headers or {}))
    db.session.add(message)
    return message
