"""Forms of expressions of interest: the short message to the listing's company, and the answer."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..fields import normalise_newlines
from ..listings.forms import COUNTER_LABEL, TOO_LONG
from .models import MESSAGE_MAX, NOTE_MAX


def _counted(limit: int, rows: int) -> dict:
    return {"maxlength": limit, "rows": rows, "data-counter": True, "data-counter-label": COUNTER_LABEL}


class InterestForm(FlaskForm):
    message = TextAreaField(
        _l("Your message"), filters=[normalise_newlines],
        validators=[DataRequired(_l("Write a short message: who you are and what you propose.")),
                    Length(max=MESSAGE_MAX, message=TOO_LONG)],
        render_kw=_counted(MESSAGE_MAX, 5))
    # The sender's own listing when they come from a match; checked against their company on the server.
    from_listing = HiddenField()

    def from_listing_id(self) -> int | None:
        raw = (self.from_listing.data or "").strip()
        return int(raw) if raw.isdigit() and len(raw) <= 12 else None


class AnswerForm(FlaskForm):
    note = TextAreaField(_l("A note to the sender (optional)"), filters=[normalise_newlines],
                         validators=[Length(max=NOTE_MAX, message=TOO_LONG)], render_kw=_counted(NOTE_MAX, 3))
