"""Form fields and value cleaners that every domain's forms share."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask_babel import gettext as _
from wtforms import RadioField as _RadioField
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from . import reference

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
