"""Account services: sign-up, sign-in sessions, confirmation, password reset and change, e-mail change.

Services take explicit arguments, never the request; they flush, the view commits once.
Answers that could tell whether an e-mail address has an account are shaped so that they
cannot: the caller always gets the same result, and the mailbox owner gets the difference.
"""
from __future__ import annotations

import secrets

from flask import url_for
from flask_babel import gettext as _, ngettext
from sqlalchemy import delete, select

from ..auth import hash_token, session_cutoff
from ..database import utcnow
from ..extensions import db
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..mail.services import queue_mail
from . import passwords, tokens
from .models import LoginSession, User

ROLES = ("member", "admin")


class AccountError(Exception):
    """A reason an account action cannot be done; the view shows it next to the right field."""


class WrongPassword(AccountError):
    pass


class WeakPassword(AccountError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmailTaken(AccountError):
    pass


class SameEmail(AccountError):
    pass


InvalidLink = tokens.InvalidToken


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_active_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email), User.deleted_at.is_(None)))


def _load_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


# --- password policy --------------------------------------------------------------------------

def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password is refused, or None. Length and a list of known passwords; no composition rules."""
    if len(password) < passwords.MIN_LENGTH:
        return ngettext("Use at least %(num)d character.", "Use at least %(num)d characters.", passwords.MIN_LENGTH)
    if len(password) > passwords.MAX_LENGTH:
        return ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", passwords.MAX_LENGTH)
    folded = password.strip().lower()
    email = normalise_email(email)
    personal = {email, email.partition("@")[0], name.strip().lower(), name.replace(" ", "").lower()} - {""}
    if folded in personal or folded.replace(" ", "") in personal:
        return _("Your password must not be your e-mail address or your name.")
    # Two distinct characters ("ababababab") are as guessable as anything on the list.
    if passwords.is_common(password) or passwords.is_common(folded.replace(" ", "")) or len(set(folded)) <= 2:
        return _("This password is too common and easy to guess. A phrase of several unrelated words is both safer and easier to remember.")
    return None


def check_password_policy(password: str, *, email: str = "", name: str = "") -> None:
    problem = password_problem(password, email=email, name=name)
    if problem:
        raise WeakPassword(problem)


def _set_password(user: User, password: str) -> None:
    user.password_hash = passwords.hash_password(password)
    user.password_changed_at = utcnow()


# --- sign-up and confirmation -----------------------------------------------------------------

def sign_up(*, email: str, password: str, name: str, locale: str) -> User | None:
    """Create an unconfirmed account and mail the confirmation link; None if the address was taken.

    For a taken address the owner is told by e-mail instead, and the password is hashed all
    the same, so the answer and its timing do not reveal that the account exists.
    """
    email = normalise_email(email)
    locale = locale if locale in LANGUAGES else DEFAULT_LANGUAGE
    password_hash = passwords.hash_password(password)
    existing = db.session.scalar(select(User).where(User.email == email))
    if existing is not None:
        if existing.is_active:
            queue_mail(existing.email, "account_exists", existing.locale, user=existing,
                       sign_in_url=url_for("accounts.sign_in", _external=True),
                       reset_url=url_for("accounts.forgot_password", _external=True))
        return None
    user = User(email=email, name=name.strip(), password_hash=password_hash, locale=locale)
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    return user


def send_confirmation(user: User) -> None:
    link = url_for("accounts.confirm_email", token=tokens.make_token(user, tokens.CONFIRM_EMAIL), _external=True)
    queue_mail(user.email, "confirm_email", user.locale, user=user, link=link,
               hours=int(tokens.CONFIRM_EMAIL.max_age.total_seconds() // 3600))


def user_for_confirmation(token: str) -> User:
    user, _payload = tokens.read_token(token, tokens.CONFIRM_EMAIL, _load_user)
    return user


def confirm_email(token: str) -> User:
    user = user_for_confirmation(token)
    user.email_confirmed_at = utcnow()  # the link's fingerprint no longer matches: single use
    return user


# --- sign-in sessions -------------------------------------------------------------------------

def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail and password, or None; unknown e-mails cost the same time."""
    user = find_active_user(email)
    if user is None or len(password) > passwords.MAX_LENGTH:
        passwords.dummy_verify(password[:passwords.MAX_LENGTH])
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        # Same password, today's cost parameters; password_changed_at stays (nothing changed for the user).
        user.password_hash = passwords.hash_password(password)
    return user


def start_session(user: User, user_agent: str = "") -> str:
    """A new server-side session row; its token goes in the cookie, only its hash is stored."""
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(token_hash=hash_token(token), user_id=user.id, user_agent=(user_agent or "")[:200]))
    user.session_token = token
    user.last_signed_in_at = utcnow()
    return token


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == hash_token(token)))


def purge_expired_sessions() -> int:
    """Delete the session rows that sign-in no longer accepts; returns how many went."""
    return db.session.execute(delete(LoginSession).where(LoginSession.created_at < session_cutoff())).rowcount


def end_sessions(user: User, *, keep_token: str | None = None) -> None:
    statement = delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep_token:
        statement = statement.where(LoginSession.token_hash != hash_token(keep_token))
    db.session.execute(statement)


# --- forgotten and changed passwords ----------------------------------------------------------

def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; the caller answers the same either way."""
    user = find_active_user(email)
    if user is None:
        return
    link = url_for("accounts.reset_password", token=tokens.make_token(user, tokens.RESET_PASSWORD), _external=True)
    queue_mail(user.email, "reset_password", user.locale, user=user, link=link,
               minutes=int(tokens.RESET_PASSWORD.max_age.total_seconds() // 60))


def user_for_reset(token: str) -> User:
    user, _payload = tokens.read_token(token, tokens.RESET_PASSWORD, _load_user)
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset(token)
    check_password_policy(new_password, email=user.email, name=user.name)
    _set_password(user, new_password)
    # Following the link proves the mailbox, so an unconfirmed account is confirmed too; and
    # whoever was signed in (perhaps with the old password) is signed out everywhere.
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    end_sessions(user)
    _notify_password_changed(user)
    return user


def change_password(user: User, *, current_password: str, new_password: str, keep_token: str | None) -> None:
    if not passwords.verify_password(user.password_hash, current_password):
        raise WrongPassword
    check_password_policy(new_password, email=user.email, name=user.name)
    _set_password(user, new_password)
    end_sessions(user, keep_token=keep_token)
    _notify_password_changed(user)


def _notify_password_changed(user: User) -> None:
    queue_mail(user.email, "password_changed", user.locale, user=user,
               reset_url=url_for("accounts.forgot_password", _external=True))


# --- e-mail change ----------------------------------------------------------------------------

def request_email_change(user: User, *, current_password: str, new_email: str) -> str:
    """Mail a confirmation link to the new address; the address changes only when it is followed."""
    if not passwords.verify_password(user.password_hash, current_password):
        raise WrongPassword
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise SameEmail
    taken = db.session.scalar(select(User.id).where(User.email == new_email)) is not None
    if taken:
        # Tell the owner of the new address, not the requester: no probing for accounts.
        queue_mail(new_email, "email_in_use", user.locale, user=user)
    else:
        token = tokens.make_token(user, tokens.CHANGE_EMAIL, new=new_email)
        link = url_for("accounts.confirm_email_change", token=token, _external=True)
        queue_mail(new_email, "change_email", user.locale, user=user, link=link, new_email=new_email,
                   hours=int(tokens.CHANGE_EMAIL.max_age.total_seconds() // 3600))
    return new_email


def read_email_change(token: str) -> tuple[User, str]:
    user, payload = tokens.read_token(token, tokens.CHANGE_EMAIL, _load_user)
    new_email = payload.get("new")
    if not isinstance(new_email, str) or not new_email:
        raise InvalidLink
    return user, new_email


def confirm_email_change(token: str) -> User:
    user, new_email = read_email_change(token)
    if db.session.scalar(select(User.id).where(User.email == new_email)) is not None:
        raise EmailTaken
    old_email = user.email
    user.email = new_email  # the fingerprint changes with it: the link is spent
    user.email_confirmed_at = utcnow()
    queue_mail(old_email, "email_changed", user.locale, user=user, new_email=new_email,
               reset_url=url_for("accounts.forgot_password", _external=True))
    return user


# --- profile and administration ---------------------------------------------------------------

def update_profile(user: User, *, name: str, locale: str, job_title: str, phone: str) -> None:
    user.name = name.strip()
    user.locale = locale if locale in LANGUAGES else user.locale
    user.job_title = job_title.strip()
    user.phone = phone.strip()


def create_user(*, email: str, name: str, password: str, role: str = "member", locale: str = DEFAULT_LANGUAGE,
                confirmed: bool = True) -> User:
    """An account made by an operator (the first admin, say): confirmed, checked like any other."""
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailTaken
    check_password_policy(password, email=email, name=name)
    user = User(email=email, name=name.strip(), password_hash=passwords.hash_password(password),
                locale=locale if locale in LANGUAGES else DEFAULT_LANGUAGE, is_admin=role == "admin",
                email_confirmed_at=utcnow() if confirmed else None)
    db.session.add(user)
    db.session.flush()
    return user


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise ValueError(role)
    user.is_admin = role == "admin"
