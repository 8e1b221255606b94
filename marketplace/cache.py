"""A small cache for figures that may be a minute old (a cluster's dashboard, matches): Redis when configured,
else per process.

Large HTML fragments drawn for every reader (the observatory, a cluster's dashboard) also keep a copy in
each process, for exactly as long as the shared entry lives: fetching and decoding some 100 kB from Redis
cost more than the rest of such a page.
"""
from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable

from flask import Flask, current_app

MAX_LOCAL_ENTRIES = 2048
MAX_FRONT_CHARS = 8_000_000  # this process's copies of shared fragments, all together


class LocalCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def set(self, key: str, value: str, ttl: int) -> None:
        with self._lock:
            if len(self._entries) >= MAX_LOCAL_ENTRIES:
                now = time.monotonic()
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                if len(self._entries) >= MAX_LOCAL_ENTRIES:
                    self._entries.clear()
            self._entries[key] = (time.monotonic() + ttl, value)


class RedisCache:
    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def get(self, key: str) -> str | None:
        try:
            value = self._client.get("cache:" + key)
        except Exception:  # noqa: BLE001 - a cache that is down is a cache miss, not an error page
            return None
        return value.decode() if value is not None else None

    def set(self, key: str, value: str, ttl: int) -> None:
        try:
            self._client.set("cache:" + key, value, ex=ttl)
        except Exception:  # noqa: BLE001
            pass


class FrontCache:
    """This process's copies of shared text entries, each until the wall-clock time its shared entry expires."""

    def __init__(self, max_chars: int = MAX_FRONT_CHARS) -> None:
        self._entries: dict[str, tuple[float, str]] = {}
        self._chars = 0
        self._max_chars = max_chars
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] <= time.time():
            return None
        return entry[1]

    def set(self, key: str, value: str, expires_at: float) -> None:
        if len(value) > self._max_chars:
            return
        with self._lock:
            if self._chars + len(value) > self._max_chars:
                now = time.time()
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
                self._chars = sum(len(v[1]) for v in self._entries.values())
                if self._chars + len(value) > self._max_chars:
                    self._entries.clear()
                    self._chars = 0
            previous = self._entries.get(key)
            self._chars += len(value) - (len(previous[1]) if previous else 0)
            self._entries[key] = (expires_at, value)


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["marketplace_cache"] = RedisCache(url) if url else LocalCache()
    app.extensions["marketplace_front_cache"] = FrontCache()


def _lifetime(ttl: int | None) -> int:
    """The seconds an entry lives: CACHE_TTL unless given; 0 turns caching off."""
    return current_app.config["CACHE_TTL"] if ttl is None else ttl


def cached(key: str, compute: Callable[[], Any], ttl: int | None = None) -> Any:
    """The JSON-able value of compute(), kept for CACHE_TTL seconds (0 turns caching off)."""
    ttl = _lifetime(ttl)
    if ttl <= 0:
        return compute()
    store = current_app.extensions["marketplace_cache"]
    hit = store.get(key)
    if hit is not None:
        return json.loads(hit)
    value = compute()
    store.set(key, json.dumps(value), ttl)
    return value


def cached_text(key: str, compute: Callable[[], str], ttl: int | None = None) -> str:
    """Like cached() for one large string, stored as it is and copied into this process until it expires.

    The shared entry carries its expiry time, so a copy never outlives it: a page is no older than
    with cached() alone.
    """
    ttl = _lifetime(ttl)
    if ttl <= 0:
        return compute()
    front = current_app.extensions["marketplace_front_cache"]
    value = front.get(key)
    if value is not None:
        return value
    store = current_app.extensions["marketplace_cache"]
    shared = store.get(key)
    if shared is not None:
        stamp, _, value = shared.partition(":")
        front.set(key, value, float(stamp))
        return value
    value = compute()
    expires_at = time.time() + ttl
    store.set(key, f"{expires_at:.3f}:{value}", ttl)
    front.set(key, value, expires_at)
    return value
