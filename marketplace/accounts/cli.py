"""`flask users create` and `flask users set-role`: accounts from the command line (the first admin, say)."""
from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from flask_babel import force_locale

from ..extensions import db
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from . import services

users_cli = AppGroup("users", help="Manage user accounts.")


def _valid_email(_ctx, _param, value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise click.BadParameter(str(error)) from error


@users_cli.command("create")
@click.option("--email", required=True, callback=_valid_email, help="Sign-in e-mail address.")
@click.option("--name", required=True, help="Full name as other members see it.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Asked for when left out, so that it stays out of the shell history.")
@click.option("--role", type=click.Choice(services.ROLES), default="member", show_default=True)
@click.option("--locale", type=click.Choice(list(LANGUAGES)), default=DEFAULT_LANGUAGE, show_default=True,
              help="Preferred language of the interface and of e-mails.")
def create(email: str, name: str, password: str, role: str, locale: str) -> None:
    """Create a confirmed account."""
    try:
        with force_locale(DEFAULT_LANGUAGE):  # no request here to choose a language from
            user = services.create_user(email=email, name=name, password=password, role=role, locale=locale)
    except services.EmailTaken:
        raise click.ClickException(f"An account with the e-mail address {email} already exists. "
                                   "Use `flask users set-role` to change its role.") from None
    except services.WeakPassword as error:
        raise click.ClickException(f"Password refused: {error.message}") from None
    db.session.commit()
    click.echo(f"Created {role} account #{user.id}: {user.name} <{user.email}>, language {user.locale}, "
               "e-mail confirmed.")


@users_cli.command("set-role")
@click.option("--email", required=True, callback=_valid_email)
@click.option("--role", type=click.Choice(services.ROLES), required=True)
def set_role(email: str, role: str) -> None:
    """Make an account an administrator, or a plain member again."""
    user = services.find_active_user(email)
    if user is None:
        raise click.ClickException(f"No active account has the e-mail address {email}.")
    services.set_role(user, role)
    db.session.commit()
    click.echo(f"{user.name} <{user.email}> is now {'an admin' if role == 'admin' else 'a member'}.")


@users_cli.command("purge-sessions")
def purge_sessions() -> None:
    """Delete sign-in sessions older than LOGIN_SESSION_DAYS (run daily)."""
    purged = services.purge_expired_sessions()
    db.session.commit()
    click.echo(f"Purged {purged} expired sign-in session(s).")
