"""Forms of the companies domain."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from .. import reference
from ..database import utcnow
from ..fields import MultiCheckboxField, RadioField, WebsiteField, country_select_choices, normalise_newlines, strip

MIN_FOUNDED_YEAR = 1800
DESCRIPTION_MAX = 4000


def validate_founded_year(form, field) -> None:
    if field.data is None:
        return
    this_year = utcnow().year
    if not MIN_FOUNDED_YEAR <= field.data <= this_year:
        raise ValidationError(_("Enter a year between %(first)d and %(last)d.", first=MIN_FOUNDED_YEAR, last=this_year))


class CompanyForm(FlaskForm):
    name = StringField(_l("Company name"), filters=[strip],
                       validators=[DataRequired(_l("Enter the company's name.")), Length(2, 160)])
    country = SelectField(_l("Country"), validators=[DataRequired(_l("Choose a country."))],
                          invalid_choice_message=_l("Choose a country from the list."))
    region = StringField(_l("Region"), filters=[strip], validators=[Optional(), Length(max=120)])
    city = StringField(_l("City"), filters=[strip], validators=[Optional(), Length(max=120)])
    sectors = MultiCheckboxField(_l("Sectors"), validators=[DataRequired(_l("Choose at least one sector."))],
                                 invalid_choice_message=_l("Choose sectors from the list."))
    size_class = RadioField(_l("Size"), validators=[InputRequired(_l("Choose the company's size."))],
                            invalid_choice_message=_l("Choose a size from the list."))
    founded_year = IntegerField(_l("Founded in"), validators=[Optional(), validate_founded_year],
                                render_kw={"min": MIN_FOUNDED_YEAR, "inputmode": "numeric"})
    website = WebsiteField(_l("Website"), render_kw={"placeholder": "https://", "inputmode": "url"})
    description = TextAreaField(_l("About the company"), filters=[normalise_newlines],
                                validators=[Optional(), Length(max=DESCRIPTION_MAX)],
                                render_kw={"rows": 8, "maxlength": DESCRIPTION_MAX})
    languages = SelectMultipleField(_l("Languages spoken"), validators=[Optional()],
                                    invalid_choice_message=_l("Choose languages from the list."),
                                    render_kw={"size": 8})
    is_published = BooleanField(_l("Show the profile in the public directory"), default=True)
    is_in_benchmarks = BooleanField(_l("Show our figures by name in our clusters' benchmarking"), default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_select_choices()
        self.sectors.choices = reference.sector_choices()
        self.size_class.choices = reference.size_choices()
        self.languages.choices = reference.language_choices()
        self.founded_year.render_kw = {**self.founded_year.render_kw, "max": utcnow().year}


class InviteForm(FlaskForm):
    email = EmailField(_l("Colleague's e-mail address"), filters=[strip],
                       validators=[DataRequired(_l("Enter an e-mail address.")), Length(max=254),
                                   Email(_l("Enter a valid e-mail address."))])
