"""`flask users create` and `flask users set-role`."""
from __future__ import annotations

from sqlalchemy import select

from marketplace.accounts import passwords
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.factories import make_user


def _user(email):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_create_admin(app):
    result = app.test_cli_runner().invoke(args=[
        "users", "create", "--email", "Admin@Example.com", "--name", "Ada Admin",
        "--password", "a long admin passphrase", "--role", "admin", "--locale", "de"])
    assert result.exit_code == 0, result.output
    assert "Created admin account" in result.output and "admin@example.com" in result.output
    user = _user("admin@example.com")
    assert user.is_admin and user.is_confirmed and user.locale == "de" and user.name == "Ada Admin"
    assert user.password_hash.startswith("$argon2id$")
    assert passwords.verify_password(user.password_hash, "a long admin passphrase")


def test_create_prompts_for_the_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "m@example.com", "--name", "Mia"],
        input="prompted passphrase\nprompted passphrase\n")
    assert result.exit_code == 0, result.output
    assert "prompted passphrase" not in result.output
    user = _user("m@example.com")
    assert not user.is_admin and passwords.verify_password(user.password_hash, "prompted passphrase")


def test_create_refuses_existing_email(app):
    make_user("dup@example.com")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=[
        "users", "create", "--email", "DUP@example.com", "--name", "Dup", "--password", "another passphrase"])
    assert result.exit_code != 0 and "already exists" in result.output


def test_create_refuses_weak_password_and_bad_email(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "create", "--email", "w@example.com", "--name", "W", "--password", "qwertyuiop"])
    assert weak.exit_code != 0 and "too common" in weak.output
    bad = runner.invoke(args=["users", "create", "--email", "not-an-address", "--name", "W", "--password", "fine passphrase"])
    assert bad.exit_code != 0 and "--email" in bad.output
    assert _user("w@example.com") is None


def test_set_role(app):
    user = make_user("role@example.com")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-role", "--email", "role@example.com", "--role", "admin"])
    assert result.exit_code == 0 and "is now an admin" in result.output
    assert _user("role@example.com").is_admin
    result = runner.invoke(args=["users", "set-role", "--email", "role@example.com", "--role", "member"])
    assert result.exit_code == 0 and not _user("role@example.com").is_admin
    missing = runner.invoke(args=["users", "set-role", "--email", "none@example.com", "--role", "admin"])
    assert missing.exit_code != 0 and "No active account" in missing.output
    assert user.id
