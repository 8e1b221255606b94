"""The e-mail preferences on the notifications page."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class PreferencesForm(FlaskForm):
    email_messages = BooleanField(_l("E-mail me when another company writes to my company "
                                     "(at most one e-mail per conversation every 15 minutes)"))
