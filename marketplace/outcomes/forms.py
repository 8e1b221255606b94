"""The form to record an outcome, shared by every subject's page through templates/outcomes/_panel.html."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..core.forms import PrefixedForm
from ..fields import normalise_newlines
from .models import NOTE_MAX
from .services import KIND_LABELS, latest_date


class DayField(DateField):
    """A date typed or picked as YYYY-MM-DD, with messages a person understands."""

    def process_formdata(self, valuelist):
        if valuelist and not " ".join(valuelist).strip():
            self.data = None
            raise ValueError(_("Enter the date."))
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Enter the date as year-month-day, e.g. 2026-03-31.")) from error


class OutcomeForm(PrefixedForm):
    kind = SelectField(_l("What came of it"), validators=[DataRequired(_l("Choose what came of it."))],
                       invalid_choice_message=_l("Choose what came of it from the list."))
    occurred_on = DayField(_l("Date"))
    note = TextAreaField(_l("Note (optional)"), filters=[normalise_newlines],
                         validators=[Optional(), Length(max=NOTE_MAX)], render_kw={"rows": 3, "maxlength": NOTE_MAX})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "outcome")  # the panel shares its page with other forms
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _("Choose…"))] + [(code, str(label)) for code, label in KIND_LABELS.items()]
        self.occurred_on.render_kw = {"max": latest_date().isoformat()}

    def validate_occurred_on(self, field) -> None:
        if field.data is None:
            if not field.errors:
                raise ValidationError(_("Enter the date."))
            return
        if field.data > latest_date():
            raise ValidationError(_("The date cannot be in the future."))
