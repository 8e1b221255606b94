"""The listing form: limits, codes and keywords checked on the server, whatever the browser sent."""
from __future__ import annotations

import re
import secrets

from flask_babel import get_locale, gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from .. import reference
from ..fields import MultiCheckboxField, RadioField, normalise_newlines, strip
from . import choices, quality
from .models import (ADVANTAGES_MAX, COOPERATION_TYPES_MAX, DESCRIPTION_MAX, KEYWORD_MAX, KEYWORDS_MAX, OFFER,
                     PARTNER_ROLE_MAX, SUMMARY_MAX, TITLE_MAX)
from .services import REQUIRED_FOR_REVIEW, ListingData

# The live counter in static/js/app.js fills in the placeholders; lazy so it is translated when rendered.
COUNTER_LABEL = _l("%(count)s of %(max)s characters")
TOO_LONG = _l("Please shorten this to at most %(max)d characters (it has %(length)d).")
# Room for ten keywords of 40 characters and their separators; longer input is not a keyword list.
KEYWORDS_INPUT_MAX = KEYWORDS_MAX * (KEYWORD_MAX + 2)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

# Why each field services.REQUIRED_FOR_REVIEW names is needed; a draft may lack any of them.
REVIEW_MESSAGES = {
    "sector": _l("Choose the main sector."),
    "summary": _l("Write a short summary."),
    "description": _l("Describe what you offer or seek."),
    "cooperation_types": _l("Choose at least one cooperation type."),
}


def counted(limit: int, **extra) -> dict:
    return {"maxlength": limit, "data-counter": True, "data-counter-label": COUNTER_LABEL, **extra}


def new_client_token() -> str:
    return secrets.token_urlsafe(16)


def parse_keywords(raw: str | None) -> list[str]:
    """Comma-separated words, trimmed, inner blanks made one, de-duplicated regardless of case."""
    seen: dict[str, str] = {}
    for part in re.split(r"[,;\n]", raw or ""):
        word = strip(part)
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return list(seen.values())


def validate_keywords(form, field) -> None:
    words = parse_keywords(field.data)
    if len(words) > KEYWORDS_MAX:
        raise ValidationError(_("Use at most %(max)d keywords (you entered %(count)d).", max=KEYWORDS_MAX,
                                count=len(words)))
    too_long = [w for w in words if len(w) > KEYWORD_MAX]
    if too_long:
        raise ValidationError(_("Each keyword may have at most %(max)d characters: %(words)s.", max=KEYWORD_MAX,
                                words=", ".join(too_long)))


def validate_type_count(form, field) -> None:
    if field.data and len(set(field.data)) > COOPERATION_TYPES_MAX:
        raise ValidationError(_("Choose at most %(max)d cooperation types.", max=COOPERATION_TYPES_MAX))


def _optional_choices(labels: dict) -> list[tuple[str, str]]:
    return [("", _("Not specified"))] + [(code, str(label)) for code, label in labels.items()]


class ListingForm(FlaskForm):
    kind = RadioField(_l("Is this an offer or a request?"), validators=[InputRequired(_l("Choose offer or request."))],
                      invalid_choice_message=_l("Choose offer or request."), default=OFFER)
    cooperation_types = MultiCheckboxField(_l("Cooperation types"), validators=[validate_type_count],
                                           invalid_choice_message=_l("Choose cooperation types from the list."))
    sector = SelectField(_l("Main sector"), invalid_choice_message=_l("Choose a sector from the list."))
    title = StringField(_l("Title"), filters=[strip],
                        validators=[DataRequired(_l("Give the listing a title.")), Length(max=TITLE_MAX, message=TOO_LONG)],
                        render_kw=counted(TITLE_MAX))
    summary = TextAreaField(_l("Summary"), filters=[normalise_newlines],
                            validators=[Optional(), Length(max=SUMMARY_MAX, message=TOO_LONG)],
                            render_kw=counted(SUMMARY_MAX, rows=3))
    description = TextAreaField(_l("Description"), filters=[normalise_newlines],
                                validators=[Optional(), Length(max=DESCRIPTION_MAX, message=TOO_LONG)],
                                render_kw=counted(DESCRIPTION_MAX, rows=10))
    advantages = TextAreaField(_l("Advantages and innovations"), filters=[normalise_newlines],
                               validators=[Optional(), Length(max=ADVANTAGES_MAX, message=TOO_LONG)],
                               render_kw=counted(ADVANTAGES_MAX, rows=5))
    development_stage = SelectField(_l("Stage of development"),
                                    invalid_choice_message=_l("Choose a stage from the list."))
    partner_role = TextAreaField(_l("Role of the partner sought"), filters=[normalise_newlines],
                                 validators=[Optional(), Length(max=PARTNER_ROLE_MAX, message=TOO_LONG)],
                                 render_kw=counted(PARTNER_ROLE_MAX, rows=4))
    partner_sizes = MultiCheckboxField(_l("Size of the partner sought"),
                                       invalid_choice_message=_l("Choose sizes from the list."))
    partner_type = SelectField(_l("Type of partner sought"),
                               invalid_choice_message=_l("Choose a type of partner from the list."))
    keywords = StringField(_l("Keywords"), validators=[Optional(), Length(max=KEYWORDS_INPUT_MAX, message=TOO_LONG),
                                                       validate_keywords],
                           render_kw={"maxlength": KEYWORDS_INPUT_MAX, "autocomplete": "off"})
    target_countries = SelectMultipleField(_l("Target countries"),
                                           invalid_choice_message=_l("Choose countries from the list."),
                                           render_kw={"size": 8})
    language = SelectField(_l("Language of the listing"), validators=[DataRequired(_l("Choose a language."))],
                           invalid_choice_message=_l("Choose a language from the list."))
    client_token = HiddenField()
    # The warning codes the author has seen and chose to submit anyway.
    acknowledged = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(code, str(label)) for code, label in choices.KIND_LABELS.items()]
        self.cooperation_types.choices = [(c, str(label)) for c, label in reference.COOPERATION_TYPES.items()]
        self.sector.choices = [("", _("Choose a sector"))] + reference.sector_choices()
        self.development_stage.choices = _optional_choices(choices.DEVELOPMENT_STAGES)
        self.partner_sizes.choices = reference.size_choices()
        self.partner_type.choices = _optional_choices(choices.PARTNER_TYPES)
        self.target_countries.choices = reference.country_choices()
        self.language.choices = reference.language_choices()
        if not self.language.data:
            locale = str(get_locale() or "en")
            self.language.data = locale if locale in reference.CONTENT_LANGUAGES else "en"
        if not TOKEN.match(self.client_token.data or ""):
            # Missing or tampered: a fresh token, so the worst case is a second draft, never an error.
            self.client_token.data = new_client_token()

    def fill(self, data: ListingData) -> None:
        """Show stored values (of a listing or its pending revision)."""
        for name in ("kind", "sector", "title", "summary", "description", "advantages", "development_stage",
                     "partner_role", "partner_type", "language"):
            getattr(self, name).data = getattr(data, name)
        self.cooperation_types.data = list(data.cooperation_types)
        self.partner_sizes.data = list(data.partner_sizes)
        self.target_countries.data = list(data.target_countries)
        self.keywords.data = ", ".join(data.keywords)

    def validate_for_review(self) -> bool:
        """The fields a draft may leave empty but a listing under review may not."""
        ok = True
        for name in REQUIRED_FOR_REVIEW:
            field = getattr(self, name)
            if not field.data and not field.errors:
                field.errors = [*field.errors, str(REVIEW_MESSAGES[name])]
                ok = False
        return ok

    def listing_data(self) -> ListingData:
        return ListingData(
            kind=self.kind.data, sector=self.sector.data or "", title=self.title.data,
            summary=self.summary.data or "", description=self.description.data or "",
            advantages=self.advantages.data or "", development_stage=self.development_stage.data or "",
            partner_role=self.partner_role.data or "", partner_sizes=list(dict.fromkeys(self.partner_sizes.data or [])),
            partner_type=self.partner_type.data or "", language=self.language.data,
            cooperation_types=list(dict.fromkeys(self.cooperation_types.data or [])),
            keywords=parse_keywords(self.keywords.data),
            target_countries=list(dict.fromkeys(self.target_countries.data or [])))

    def acknowledged_codes(self) -> set[str]:
        return {code for code in (self.acknowledged.data or "").split(",") if code in quality.MESSAGES}


def warnings_for(data: ListingData) -> list[quality.Warning]:
    return quality.check(data.title, data.summary, [data.description, data.advantages, data.partner_role],
                         data.keywords)
