"""Account forms: what a person types to sign up, sign in, recover and manage an account."""
from __future__ import annotations

from flask_babel import get_locale, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, Regexp, ValidationError

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from . import passwords, services

EMAIL_MAX = 254


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label) -> EmailField:
    return EmailField(label, filters=[_strip], validators=[
        DataRequired(_l("Enter your e-mail address.")),
        Length(max=EMAIL_MAX),
        Email(_l("Enter a valid e-mail address, like name@example.com.")),
    ], render_kw={"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"})


def _new_password_field(label) -> PasswordField:
    # Length is checked by the policy with a clear message; here only the browser hints.
    return PasswordField(label, validators=[InputRequired(_l("Choose a password."))],
                         render_kw={"autocomplete": "new-password", "minlength": passwords.MIN_LENGTH,
                                    "maxlength": passwords.MAX_LENGTH})


def _current_password_field() -> PasswordField:
    return PasswordField(_l("Current password"), validators=[InputRequired(_l("Enter your current password."))],
                         render_kw={"autocomplete": "current-password"})


def _language_choices() -> list[tuple[str, str]]:
    return list(LANGUAGES.items())


def _current_language() -> str:
    locale = str(get_locale() or DEFAULT_LANGUAGE)
    return locale if locale in LANGUAGES else DEFAULT_LANGUAGE


class PolicyChecked:
    """Mixin: checks `new_password` against the policy, knowing whose password it is."""

    def _owner(self) -> tuple[str, str]:
        return "", ""

    def validate_new_password(self, field) -> None:
        email, name = self._owner()
        problem = services.password_problem(field.data or "", email=email, name=name)
        if problem:
            raise ValidationError(problem)


class SignUpForm(PolicyChecked, FlaskForm):
    name = StringField(_l("Your name"), filters=[_strip],
                       validators=[DataRequired(_l("Enter your name.")), Length(max=120)], render_kw={"autocomplete": "name"})
    email = _email_field(_l("E-mail address"))
    new_password = _new_password_field(_l("Password"))
    locale = SelectField(_l("Preferred language"), choices=_language_choices, default=_current_language)

    def _owner(self) -> tuple[str, str]:
        return self.email.data or "", self.name.data or ""


class SignInForm(FlaskForm):
    email = _email_field(_l("E-mail address"))
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password."))],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))


class ForgotPasswordForm(FlaskForm):
    email = _email_field(_l("E-mail address"))


class ResetPasswordForm(PolicyChecked, FlaskForm):
    new_password = _new_password_field(_l("New password"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _owner(self) -> tuple[str, str]:
        return (self.user.email, self.user.name) if self.user else ("", "")


class ChangePasswordForm(ResetPasswordForm):
    current_password = _current_password_field()
    new_password = _new_password_field(_l("New password"))


class ChangeEmailForm(FlaskForm):
    new_email = _email_field(_l("New e-mail address"))
    current_password = _current_password_field()


class ProfileForm(FlaskForm):
    name = StringField(_l("Your name"), filters=[_strip],
                       validators=[DataRequired(_l("Enter your name.")), Length(max=120)], render_kw={"autocomplete": "name"})
    locale = SelectField(_l("Preferred language"), choices=_language_choices)
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=120)],
                            render_kw={"autocomplete": "organization-title"})
    phone = StringField(_l("Phone"), validators=[
        Optional(), Length(max=40),
        Regexp(r"^\+?[0-9 ()./-]{5,40}$", message=_l("Enter a phone number with digits, spaces and an optional leading +.")),
    ], render_kw={"autocomplete": "tel", "inputmode": "tel"})


class DeleteAccountForm(FlaskForm):
    current_password = _current_password_field()
    confirm = BooleanField(_l("I understand that my account and personal data will be deleted for good."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])
