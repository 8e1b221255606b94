"""Forms of the companies domain and the field helpers the clusters domain reuses."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms import RadioField as _RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .. import reference
from ..database import utcnow
# Re-exported: other domains' views take the page number from here.
from .filters import DirectoryFilters, parse_directory_filters, parse_page  # noqa: F401

MIN_FOUNDED_YEAR = 1800
DESCRIPTION_MAX = 4000
WEBSITE_MAX = 300


def strip(value):
    """One line of text: surrounding blanks dropped, inner runs of whitespace (even newlines) made one space."""
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


def normalise_newlines(value):
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the forms macro renders this type as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __iter__(self):
        for option in super().__iter__():
            option.flags.required = False  # "at least one" must not render as "each one is required"
            yield option


class RadioField(_RadioField):
    """A radio group whose missing answer gets one clear message (InputRequired's) instead of two."""

    def pre_validate(self, form):
        if self.data is None:
            return
        super().pre_validate(form)


# --- Websites ---------------------------------------------------------------------------------

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
_OTHER_SCHEME = re.compile(r"^(javascript|data|vbscript|file|ftp|mailto|tel):", re.IGNORECASE)


def normalise_website(raw: str) -> str:
    """An http(s) address in canonical form ("example.com" → "https://example.com"); ValueError if not one."""
    value = (raw or "").strip()
    if not value:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in value) or _OTHER_SCHEME.match(value):
        raise ValueError(value)
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    try:
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii").lower()
    except (ValueError, UnicodeError) as error:
        raise ValueError(value) from error
    if parts.scheme.lower() not in {"http", "https"} or parts.username or parts.password or not _HOST.match(host):
        raise ValueError(value)
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, ""))


class WebsiteField(StringField):
    """A website address: http or https only, stored normalised."""

    def pre_validate(self, form):
        try:
            self.data = normalise_website(self.data or "")
        except ValueError:
            raise ValidationError(_("Enter a web address starting with http:// or https://, e.g. https://example.com."))
        if len(self.data) > WEBSITE_MAX:
            raise ValidationError(_("The web address is too long (at most %(max)d characters).", max=WEBSITE_MAX))


# --- Choices ------------------------------------------------------------------------------------

def country_select_choices() -> list[SelectChoice]:
    """A placeholder, then the partner countries, then every other country, each group by name."""
    names = dict(reference.country_choices())
    partners, others = _("Partner regions"), _("Other countries")
    choices = [SelectChoice("", _("Choose a country"))]
    choices += [SelectChoice(code, names[code], optgroup=partners)
                for code in sorted(reference.PARTNER_COUNTRIES, key=names.get)]
    choices += [SelectChoice(code, name, optgroup=others)
                for code, name in names.items() if code not in reference.PARTNER_COUNTRIES]
    return choices


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
