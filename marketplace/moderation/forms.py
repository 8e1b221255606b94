"""Forms of moderation: decide a listing, report abuse, handle a report, suspend and reinstate."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from ..fields import RadioField, normalise_newlines
from .choices import REPORT_REASON_LABELS, REVIEW_REJECTION_REASONS
from .reports import DECISIONS, DETAILS_MAX, DISMISS, NOTE_MAX, RESOLVE

DECISION_LABELS = {
    DISMISS: _l("Dismiss the report"),
    RESOLVE: _l("Mark as resolved"),
    "unpublish": _l("Unpublish the listing"),
    "suspend": _l("Suspend the company"),
}


def _note(label):
    return TextAreaField(label, filters=[normalise_newlines], validators=[Length(max=NOTE_MAX)],
                         render_kw={"rows": 4, "maxlength": NOTE_MAX})


class ApproveForm(FlaskForm):
    # The moment the moderator's version was submitted: a resubmission meanwhile must be reviewed again.
    version = HiddenField()


class RejectForm(FlaskForm):
    version = HiddenField()
    reason = RadioField(_l("Reason"), validators=[InputRequired(_l("Choose a reason."))],
                        invalid_choice_message=_l("Choose a reason from the list."))
    note = _note(_l("Message to the author"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = list(REVIEW_REJECTION_REASONS.items())

    def validate_note(self, field) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(_("Tell the author what is wrong when you choose “Other reason”."))


class ReportForm(FlaskForm):
    reason = RadioField(_l("What is wrong?"), validators=[InputRequired(_l("Choose what is wrong."))],
                        invalid_choice_message=_l("Choose a reason from the list."))
    details = TextAreaField(_l("Details"), filters=[normalise_newlines], validators=[Length(max=DETAILS_MAX)],
                            render_kw={"rows": 6, "maxlength": DETAILS_MAX})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = list(REPORT_REASON_LABELS.items())

    def validate_details(self, field) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(_("Please describe the problem when you choose “Something else”."))


class ReportDecisionForm(FlaskForm):
    """One form, one submit button per decision: the button's value says which."""

    decision = SelectField(_l("Decision"), validators=[InputRequired(_l("Choose a decision."))],
                           validate_choice=True, invalid_choice_message=_l("Choose a decision from the list."))
    note = _note(_l("Note"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = [(code, DECISION_LABELS[code]) for code in DECISIONS]

    def validate_note(self, field) -> None:
        # Unpublishing and suspending reach the company: it must learn why.
        if self.decision.data in ("unpublish", "suspend") and not field.data:
            raise ValidationError(_("Explain your decision: the company will read this note."))


class SuspendForm(FlaskForm):
    reason = RadioField(_l("Reason"), validators=[InputRequired(_l("Choose a reason."))],
                        invalid_choice_message=_l("Choose a reason from the list."))
    note = _note(_l("Why is the company suspended?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = list(REPORT_REASON_LABELS.items())

    def validate_note(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Explain why the company is suspended."))


class ReinstateForm(FlaskForm):
    note = _note(_l("Note (optional)"))
