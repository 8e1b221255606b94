"""The notifications page: the list, open or mark as read (one or all), and the e-mail preferences."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import require, signed_in
from ..extensions import db
from ..security import safe_next
from . import privacy, services  # noqa: F401 - privacy registers its hooks
from .forms import PreferencesForm
from .models import Notification

bp = Blueprint("notifications", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(notification_text=services.text_of)


def _before_id() -> int | None:
    raw = request.args.get("before", "")
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


def _render(form: PreferencesForm | None = None, status: int = 200):
    items = services.recent(current_user, limit=services.PAGE_SIZE + 1, before_id=_before_id())
    more = len(items) > services.PAGE_SIZE
    items = items[:services.PAGE_SIZE]
    if form is None:
        form = PreferencesForm(formdata=None, email_messages=services.preferences(current_user).email_messages)
    return render_template("notifications/index.html", items=items, form=form,
                           older=items[-1].id if more else None), status


@bp.get("/notifications")
@require(signed_in)
def index():
    return _render()


def _own(notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)  # another person's notification does not exist for you
    return notification


@bp.post("/notifications/<int:notification_id>/open")
@require(signed_in)
def open_notification(notification_id: int):
    notification = _own(notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    return redirect(safe_next(notification.url, url_for(".index")))


@bp.post("/notifications/<int:notification_id>/read")
@require(signed_in)
def mark_read(notification_id: int):
    notification = _own(notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    return redirect(url_for(".index"))


@bp.post("/notifications/read-all")
@require(signed_in)
def mark_all_read():
    count = services.mark_all_read(current_user)
    db.session.commit()
    if count:
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for(".index"))


@bp.post("/notifications/preferences")
@require(signed_in)
def save_preferences():
    form = PreferencesForm()
    if not form.validate_on_submit():
        return _render(form, 400)
    services.save_preferences(current_user, email_messages=form.email_messages.data)
    db.session.commit()
    flash(_("Your e-mail preferences were saved."), "success")
    return redirect(url_for(".index"))
