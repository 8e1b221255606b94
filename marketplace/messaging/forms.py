"""The reply form: plain text, and a client-side id that makes a resubmission harmless."""
from __future__ import annotations

import re
import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..fields import normalise_newlines
from ..listings.forms import COUNTER_LABEL, TOO_LONG
from .models import BODY_MAX

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def new_client_id() -> str:
    return str(uuid.uuid4())


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Your message"), filters=[normalise_newlines],
                         validators=[DataRequired(_l("Write a message before sending it.")),
                                     Length(max=BODY_MAX, message=TOO_LONG)],
                         render_kw={"maxlength": BODY_MAX, "rows": 5, "data-counter": True,
                                    "data-counter-label": COUNTER_LABEL})
    # Generated when the form is shown; the same id posted twice stores one message.
    client_id = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not CLIENT_ID.match(self.client_id.data or ""):
            # Missing or tampered: a fresh id, so the worst case is one more message, never an error.
            self.client_id.data = new_client_id()
