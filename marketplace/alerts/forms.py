"""Forms of saved searches: save one (name, e-mail frequency) and change it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from .models import DAILY, NAME_MAX, NONE, WEEKLY

FREQUENCY_LABELS = {
    DAILY: _l("Daily: an e-mail each day with new listings"),
    WEEKLY: _l("Weekly: an e-mail each week with new listings"),
    NONE: _l("No e-mail: I will open the search myself"),
}
FREQUENCY_SHORT = {DAILY: _l("Daily e-mail"), WEEKLY: _l("Weekly e-mail"), NONE: _l("No e-mail")}


class SavedSearchForm(FlaskForm):
    name = StringField(_l("Name"), validators=[
        Length(max=NAME_MAX, message=_l("At most %(max)d characters, please."))])
    frequency = RadioField(_l("E-mail me new listings that fit"), default=WEEKLY,
                           choices=[SelectChoice(code, label) for code, label in FREQUENCY_LABELS.items()],
                           validators=[InputRequired(message=_l("Choose how often to hear about new listings."))])


class NewSavedSearchForm(SavedSearchForm):
    # The search itself, as /listings' query string; parsed again on submission, never trusted.
    search = HiddenField()
