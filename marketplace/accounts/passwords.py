"""Password hashing with argon2id and the password policy (length and a list of common passwords)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

from ..config import ARGON2_PROFILES

MIN_LENGTH = 10
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


def _hasher() -> PasswordHasher:
    profile = current_app.config["ARGON2_PROFILE"] if has_app_context() else "owasp"
    return _hasher_for(profile)


@lru_cache(maxsize=None)
def _hasher_for(profile: str) -> PasswordHasher:
    return PasswordHasher(type=Type.ID, **ARGON2_PROFILES[profile])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash of a random password, verified when the e-mail is unknown so that the
# answer takes as long as for a real account (no enumeration by timing).
def dummy_verify(password: str) -> None:
    verify_password(_dummy_hash(_hasher().time_cost, _hasher().memory_cost), password)


@lru_cache(maxsize=4)
def _dummy_hash(_time_cost: int, _memory_cost: int) -> str:
    return _hasher().hash("not-a-real-password-but-hashed-the-same-way")


def needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    if not COMMON_PASSWORDS_FILE.exists():
        return frozenset()
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()
