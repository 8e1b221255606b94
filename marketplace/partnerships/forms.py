"""Forms of the partnerships domain: the partnership, its roles, invitations, requests and the thread."""
from __future__ import annotations

import re
import secrets

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import reference
from ..core.forms import PrefixedForm
from ..fields import country_select_choices, normalise_newlines, strip
from .models import CAPABILITY_MAX, GOAL_MAX, MESSAGE_MAX, NAME_MAX, NOTE_MAX
from .services import parse_key

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ANY_COUNTRY = ""
TARGET_MAX = 300
# A company's or cluster's page address (full URL or path), or the key a candidate button posts.
_PAGE = re.compile(r"(?:^|/)(companies|clusters)/([a-z0-9-]{1,100})/?(?:[?#].*)?$")


def _sector_choices():
    return [("", _("Choose a sector"))] + reference.sector_choices()


class PartnershipForm(FlaskForm):
    name = StringField(_l("Name of the partnership"), filters=[strip],
                       validators=[DataRequired(_l("Enter a name.")), Length(2, NAME_MAX)],
                       render_kw={"maxlength": NAME_MAX})
    goal = TextAreaField(_l("Goal"), filters=[normalise_newlines],
                         validators=[DataRequired(_l("Describe the goal of the partnership.")), Length(max=GOAL_MAX)],
                         render_kw={"rows": 8, "maxlength": GOAL_MAX})
    sector = SelectField(_l("Sector"), validators=[DataRequired(_l("Choose a sector."))],
                         invalid_choice_message=_l("Choose a sector from the list."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = _sector_choices()


class NewPartnershipForm(PartnershipForm):
    lead = SelectField(_l("Led by"), validators=[DataRequired(_l("Choose who leads the partnership."))],
                       invalid_choice_message=_l("Choose your company or a cluster you manage."))

    def __init__(self, parties, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead.choices = [(p.key, p.name) for p in parties]
        if not self.lead.data and parties:
            self.lead.data = parties[0].key


class RoleForm(PrefixedForm):
    sector = SelectField(_l("Sector"), validators=[DataRequired(_l("Choose a sector."))],
                         invalid_choice_message=_l("Choose a sector from the list."))
    country = SelectField(_l("Country"), invalid_choice_message=_l("Choose a country from the list."))
    capability = StringField(_l("Capability sought"), filters=[strip],
                             validators=[DataRequired(_l("Describe what this partner should be able to do.")),
                                         Length(max=CAPABILITY_MAX)],
                             render_kw={"maxlength": CAPABILITY_MAX})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "role")
        super().__init__(*args, **kwargs)
        self.sector.choices = _sector_choices()
        # The placeholder of the shared list becomes "any country": a role may be open to all.
        self.country.choices = [SelectChoice(ANY_COUNTRY, _("Any country"))] + country_select_choices()[1:]


def _role_choices(roles) -> list[tuple[str, str]]:
    return [("", _("No particular role"))] + [(str(role.id), role.capability) for role in roles]


def _check_role(form, field) -> None:
    """A role id that is not an open role of this partnership (a swapped id) is refused, not trusted."""
    if field.data and field.data not in {value for value, _label in field.choices}:
        raise ValidationError(_("Choose one of the open roles."))


class InviteForm(PrefixedForm):
    target = StringField(_l("Company or cluster"), filters=[strip],
                         validators=[DataRequired(_l("Paste the address of the company's or cluster's page.")),
                                     Length(max=TARGET_MAX)],
                         render_kw={"placeholder": "https://…/companies/…", "autocomplete": "off"})
    role = SelectField(_l("For the role"), validate_choice=False, validators=[_check_role])
    message = TextAreaField(_l("Message (optional)"), filters=[normalise_newlines],
                            validators=[Optional(), Length(max=NOTE_MAX)],
                            render_kw={"rows": 3, "maxlength": NOTE_MAX})

    def __init__(self, open_roles, *args, **kwargs):
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices(open_roles)

    def target_ref(self) -> tuple[str, int | str] | None:
        """("company"|"cluster", id) from a candidate's key, or ("company"|"cluster", slug) from a page address."""
        raw = self.target.data or ""
        key = parse_key(raw)
        if key is not None:
            return key
        found = _PAGE.search(raw.strip())
        if found is None:
            return None
        return ("company" if found.group(1) == "companies" else "cluster"), found.group(2)

    def validate_target(self, field) -> None:
        if field.data and self.target_ref() is None:
            raise ValidationError(_("Paste the address of a company's or cluster's page on this site."))


class JoinForm(PrefixedForm):
    party = SelectField(_l("Join as"), validators=[DataRequired(_l("Choose who asks to join."))],
                        invalid_choice_message=_l("Choose your company or a cluster you manage."))
    role = SelectField(_l("For the role"), validate_choice=False, validators=[_check_role])
    message = TextAreaField(_l("Message to the lead (optional)"), filters=[normalise_newlines],
                            validators=[Optional(), Length(max=NOTE_MAX)],
                            render_kw={"rows": 3, "maxlength": NOTE_MAX})

    def __init__(self, parties, open_roles, *args, **kwargs):
        kwargs.setdefault("prefix", "join")
        super().__init__(*args, **kwargs)
        self.party.choices = [(p.key, p.name) for p in parties]
        self.role.choices = _role_choices(open_roles)


class MessageForm(PrefixedForm):
    body = TextAreaField(_l("Message to the members"), filters=[normalise_newlines],
                         validators=[DataRequired(_l("Write a message.")), Length(max=MESSAGE_MAX)],
                         render_kw={"rows": 4, "maxlength": MESSAGE_MAX})
    client_token = HiddenField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "thread")
        super().__init__(*args, **kwargs)
        if not TOKEN.match(self.client_token.data or ""):
            # Missing or tampered: a fresh token, so the worst case is a second post, never an error.
            self.client_token.data = secrets.token_urlsafe(16)
