"""Saved searches in a person's data export; deleted with the account."""
from __future__ import annotations

from typing import Any

from ..accounts.models import User
from ..accounts.privacy import register_erasure_hook, register_export_contributor
from . import services


@register_export_contributor
def _saved_searches(user: User) -> tuple[str, Any]:
    return "saved_searches", [
        {"name": row.name, "query": row.query_string, "email_frequency": row.frequency,
         "created_at": row.created_at.isoformat(),
         "last_sent_at": row.last_sent_at.isoformat() if row.last_sent_at else None}
        for row in services.for_user(user)]


@register_erasure_hook
def _erase_saved_searches(user: User) -> None:
    services.delete_for(user)
