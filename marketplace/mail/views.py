"""Development mailbox: read what the site sent when no SMTP server is configured."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from ..auth import is_admin, require
from ..extensions import db
from .models import OutboxMessage

bp = Blueprint("mail", __name__, url_prefix="/dev/mail")


@bp.before_request
def _only_in_debug_without_smtp():
    if not current_app.debug or current_app.config["MAIL_SERVER"]:
        abort(404)


@bp.get("/")
@require(is_admin)
def outbox():
    messages = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(100))
    return render_template("mail/outbox.html", messages=list(messages))


@bp.get("/<int:message_id>")
@require(is_admin)
def show(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    return render_template("mail/message.html", message=message)
