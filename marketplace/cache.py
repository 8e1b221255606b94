"""A small cache for figures that may be a minute old (facet counts): Redis when configured, else per process."""
from __future__ import annotations

import json
import threading
import time
from typing import Any, Callable

from flask import Flask, current_app

MAX_LOCAL_ENTRIES = 2048


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


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["marketplace_cache"] = RedisCache(url) if url else LocalCache()


def cached(key: str, compute: Callable[[], Any], ttl: int | None = None) -> Any:
    """The JSON-able value of compute(), kept for CACHE_TTL seconds (0 turns caching off)."""
    ttl = current_app.config["CACHE_TTL"] if ttl is None else ttl
    if ttl <= 0:
        return compute()
    store = current_app.extensions["marketplace_cache"]
    hit = store.get(key)
    if hit is not None:
        return json.loads(hit)
    value = compute()
    store.set(key, json.dumps(value), ttl)
    return value
