"""Outcomes: record one on a subject (conversation, partnership) and remove one; the panel's helpers."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from . import permissions, services
from .forms import OutcomeForm
from .models import Outcome
from .subjects import subject_for

bp = Blueprint("outcomes", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    """Globals rather than a context processor, so that the panel works wherever it is included."""
    state.app.jinja_env.globals.update(
        outcomes_for_subject=services.outcomes_of,
        outcome_form=OutcomeForm,
        can_delete_outcome=permissions.can_delete_outcome,
    )
    state.app.jinja_env.filters["outcome_kind"] = lambda code: str(services.KIND_LABELS.get(code, code))


def _subject_page(subject_type: str, subject_id: int) -> str:
    """The subject's page, or 404 for an unknown type or a subject that does not exist."""
    subject = subject_for(subject_type)
    url = subject.url(subject_id) if subject is not None else None
    if url is None:
        abort(404)
    return url


@bp.post("/outcomes/<subject_type>/<int:subject_id>")
@login_required
def record(subject_type: str, subject_id: int):
    back = _subject_page(subject_type, subject_id)
    if not subject_for(subject_type).can_record(current_user, subject_id):
        abort(403)
    form = OutcomeForm()
    if form.validate():
        try:
            services.record_outcome(current_user, subject_type, subject_id, form.kind.data, form.occurred_on.data,
                                    form.note.data or "")
        except services.OutcomeError as error:
            target = form[error.field] if error.field and error.field in form else None
            if target is not None:
                target.errors = [*target.errors, str(error.message)]
            else:
                form.form_errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("The outcome was recorded."), "success")
            return redirect(back + "#outcomes")
    # The subject's page belongs to another domain: the form comes back on a page of its own, as typed.
    return render_template("outcomes/form.html", form=form, back=back, subject_type=subject_type,
                           subject_id=subject_id), 400


@bp.post("/outcomes/<int:outcome_id>/delete")
@login_required
def delete(outcome_id: int):
    outcome = db.session.get(Outcome, outcome_id)
    if outcome is None:
        abort(404)
    back = _subject_page(outcome.subject_type, outcome.subject_id)
    if not permissions.can_delete_outcome(current_user, outcome):
        abort(403)
    services.delete_outcome(outcome)
    db.session.commit()
    flash(_("The outcome was removed."), "success")
    return redirect(back + "#outcomes")
