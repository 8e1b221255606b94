"""Redirect targets stay on this site; configuration refuses unsafe starts."""
import pytest

from marketplace import config
from marketplace.security import is_safe_next


@pytest.mark.parametrize("target", [
    "//evil.example", "\\\\evil.example", "/\\evil.example", "https://evil.example", "http:evil.example",
    "%2F%2Fevil.example", "/%2F%2Fevil.example", "%252F%252Fevil.example", "/%5Cevil.example",
    "javascript:alert(1)", "/\tevil", "", None, "evil.example",
    # what browsers read as another host once they drop tabs and newlines or turn \ into /
    "/\t/evil.example", "/\n/evil.example", "\t//evil.example", "/%09/evil.example", "/%0d%0a/evil.example",
    "%0a//evil.example", "\\/evil.example", "%5C%5Cevil.example", "https:%2F%2Fevil.example", "https:/evil.example",
    "///evil.example", " //evil.example", "//evil.example%2F..", "%2F%5Cevil.example",
])
def test_off_site_targets_are_refused(target):
    assert not is_safe_next(target)


@pytest.mark.parametrize("target", ["/", "/companies?country=AT", "/clusters/wood-cluster"])
def test_local_paths_are_allowed(target):
    assert is_safe_next(target)


@pytest.mark.parametrize("key", [None, "", "secret", "short-key", config.DEV_SECRET_KEY])
def test_weak_secret_key_stops_production_start(key, tmp_path):
    with pytest.raises(config.ConfigError, match="MARKETPLACE_SECRET_KEY"):
        config.load(str(tmp_path), {"SECRET_KEY": key}, environ={})


def test_environment_overrides_defaults(tmp_path):
    loaded = config.load(str(tmp_path), environ={
        "MARKETPLACE_ENV": "development", "MARKETPLACE_MAIL_PORT": "2525",
        "MARKETPLACE_DATABASE_URL": "postgresql://u@h/db", "MARKETPLACE_MAIL_USE_TLS": "true"})
    assert loaded["MAIL_PORT"] == 2525 and loaded["MAIL_USE_TLS"] is True
    assert loaded["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert loaded["SESSION_COOKIE_SECURE"] is False


def test_production_cookies_are_secure(tmp_path):
    loaded = config.load(str(tmp_path), {"SECRET_KEY": "x" * 40}, environ={})
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["SESSION_COOKIE_HTTPONLY"]
    assert loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
