"""Forms of the clusters domain: the cluster's details, managers and membership requests."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from .. import reference
from ..companies.forms import DESCRIPTION_MAX
from ..fields import MultiCheckboxField, WebsiteField, country_select_choices, normalise_newlines, strip

MESSAGE_MAX = 1000


class ClusterForm(FlaskForm):
    name = StringField(_l("Cluster name"), filters=[strip],
                       validators=[DataRequired(_l("Enter the cluster's name.")), Length(2, 160)])
    country = SelectField(_l("Country"), validators=[DataRequired(_l("Choose a country."))],
                          invalid_choice_message=_l("Choose a country from the list."))
    region = StringField(_l("Region"), filters=[strip], validators=[Optional(), Length(max=120)])
    sectors = MultiCheckboxField(_l("Sectors"), validators=[DataRequired(_l("Choose at least one sector."))],
                                 invalid_choice_message=_l("Choose sectors from the list."))
    website = WebsiteField(_l("Website"), render_kw={"placeholder": "https://", "inputmode": "url"})
    description = TextAreaField(_l("About the cluster"), filters=[normalise_newlines],
                                validators=[Optional(), Length(max=DESCRIPTION_MAX)],
                                render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_select_choices()
        self.sectors.choices = reference.sector_choices()


class ManagerForm(FlaskForm):
    email = EmailField(_l("E-mail address of the new manager"), filters=[strip],
                       validators=[DataRequired(_l("Enter an e-mail address.")), Length(max=254),
                                   Email(_l("Enter a valid e-mail address."))])


class JoinRequestForm(FlaskForm):
    message = TextAreaField(_l("Message to the cluster managers (optional)"), filters=[normalise_newlines],
                            validators=[Optional(), Length(max=MESSAGE_MAX)],
                            render_kw={"rows": 4, "maxlength": MESSAGE_MAX})
