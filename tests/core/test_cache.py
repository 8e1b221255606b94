"""The shared cache's per-process copies of large fragments: never older than the shared entry."""
from __future__ import annotations

import pytest

from marketplace import cache
from marketplace.cache import FrontCache, cached_text


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cache.time, "time", clock)
    return clock


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"<p>drawing {self.calls}</p>"


def test_text_is_computed_once_and_then_served_from_this_process(app, clock):
    app.config["CACHE_TTL"] = 60
    draw = Counter()
    assert cached_text("fragment", draw) == "<p>drawing 1</p>"
    app.extensions["marketplace_cache"] = None  # the copy answers without asking the shared store
    assert cached_text("fragment", draw) == "<p>drawing 1</p>"
    assert draw.calls == 1


def test_a_copy_expires_with_the_shared_entry_it_was_taken_from(app, clock):
    app.config["CACHE_TTL"] = 60
    draw = Counter()
    cached_text("fragment", draw)
    # Another worker reads the shared entry 50 s later: its copy may live only the 10 s left.
    clock.now += 50
    app.extensions["marketplace_front_cache"] = FrontCache()
    assert cached_text("fragment", draw) == "<p>drawing 1</p>"
    clock.now += 9
    assert cached_text("fragment", draw) == "<p>drawing 1</p>"
    clock.now += 1
    app.extensions["marketplace_cache"] = cache.LocalCache()  # the shared entry has expired as well
    assert cached_text("fragment", draw) == "<p>drawing 2</p>"
    assert draw.calls == 2


def test_no_ttl_means_no_caching(app):
    app.config["CACHE_TTL"] = 0
    draw = Counter()
    cached_text("fragment", draw)
    cached_text("fragment", draw)
    assert draw.calls == 2


def test_the_copies_stay_within_their_size():
    front = FrontCache(max_chars=10)
    front.set("a", "12345", expires_at=2e9)
    front.set("b", "12345", expires_at=2e9)
    front.set("c", "123", expires_at=2e9)  # over the limit: the copies start afresh
    assert front.get("c") == "123" and front.get("a") is None
    front.set("huge", "x" * 11, expires_at=2e9)
    assert front.get("huge") is None
