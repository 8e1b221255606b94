"""Configuration: defaults, then MARKETPLACE_* environment variables, then overrides."""
from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping

PREFIX = "MARKETPLACE_"
DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"
WEAK_SECRET_KEYS = {DEV_SECRET_KEY, "secret", "changeme", "dev", "development", ""}
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration would run the site unsafely."""


def defaults(instance_path: str) -> dict[str, Any]:
    return {
        "ENV": "production",
        "SECRET_KEY": None,
        "DATABASE_URL": "sqlite:///" + str(Path(instance_path) / "marketplace.sqlite"),
        # SQLite: how long a request waits for another process's write lock before it answers 503.
        "DATABASE_BUSY_TIMEOUT": 15,
        "REDIS_URL": None,
        "SERVER_NAME": None,
        "PREFERRED_URL_SCHEME": "http",
        "PROXY_HOPS": 0,
        "MAIL_SERVER": None,
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_DEFAULT_SENDER": "CLUSTERS-CORD Marketplace <no-reply@clusters-cord.eu>",
        # "inline" delivers right after the request commits (one process, no worker);
        # "worker" leaves delivery to `flask mail send` run by a scheduler.
        "MAIL_DELIVERY": "worker",
        "MAIL_MAX_ATTEMPTS": 8,
        "DEMO_AUTOLOAD": False,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_AUTH": "10 per minute;50 per hour",
        "API_RATELIMIT": "120 per minute",  # per client address, over the whole read API
        "PAGE_SIZE": 20,
        # New expressions of interest a company may send in 24 hours (interests/services.py).
        "INTEREST_DAILY_LIMIT": 10,
        # Cached figures (e.g. a cluster's dashboard) may be this many seconds old.
        "CACHE_TTL": 60,
        # The search's facet index follows changes, but is rebuilt at most this often per process.
        "FACET_INDEX_MIN_AGE": 5,
        "MATCH_CACHE_TTL": 600,
        # A sign-in lasts at most this long, "remember me" or not; older session rows are refused and purged.
        "LOGIN_SESSION_DAYS": 30,
        "ARGON2_PROFILE": "owasp",
        "WTF_CSRF_ENABLED": True,
        "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_SECURE": True,
    }


def _coerce(raw: str, like: Any) -> Any:
    if isinstance(like, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(raw)
    if raw.startswith(("[", "{")):
        return json.loads(raw)
    return raw


def from_environment(base: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, raw in environ.items():
        if name.startswith(PREFIX):
            key = name[len(PREFIX):]
            found[key] = _coerce(raw, base.get(key))
    return found


def load(instance_path: str, overrides: Mapping[str, Any] | None = None,
         environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    config = defaults(instance_path)
    config.update(from_environment(config, os.environ if environ is None else environ))
    config.update(overrides or {})
    development = config["ENV"] in {"development", "testing"}
    if development:
        config.setdefault("DEBUG", config["ENV"] == "development")
        if config["SECRET_KEY"] is None:
            config["SECRET_KEY"] = DEV_SECRET_KEY
        # The dev server speaks plain HTTP; secure-only cookies would never come back.
        config["SESSION_COOKIE_SECURE"] = config.get("SESSION_COOKIE_SECURE_DEV", False)
        config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    check_secret_key(config["SECRET_KEY"], development)
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["DATABASE_URL"])
    config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["REMEMBER_COOKIE_DURATION"] = timedelta(days=config["LOGIN_SESSION_DAYS"])
    config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["SQLALCHEMY_DATABASE_URI"],
                                                         config["DATABASE_BUSY_TIMEOUT"])
    return config


def check_secret_key(key: str | None, development: bool) -> None:
    if development:
        return
    if not key or key in WEAK_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            "MARKETPLACE_SECRET_KEY is missing or weak. Set it to a random value of at "
            f"least {MIN_SECRET_KEY_LENGTH} characters, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(48))'`, "
            "or set MARKETPLACE_ENV=development for local work."
        )


def normalise_database_url(url: str) -> str:
    # psycopg 3 is the driver we ship; plain postgresql:// URLs would ask for psycopg2.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url: str, busy_timeout: float = 15) -> dict[str, Any]:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": busy_timeout}}  # sqlite3 sets SQLite's busy timeout from it
    # A pooled connection that died with a restarted server is replaced at checkout, not handed to a request.
    return {"pool_pre_ping": True}


# argon2id cost: OWASP's recommendation in production; the cheapest valid one in tests,
# which hash hundreds of passwords.
ARGON2_PROFILES = {
    "owasp": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
    "fast": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
}
