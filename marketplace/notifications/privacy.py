"""Notifications and e-mail preferences in a person's data export; both deleted with the account."""
from __future__ import annotations

from typing import Any

from ..accounts.models import User
from ..accounts.privacy import register_erasure_hook, register_export_contributor
from . import services


@register_export_contributor
def _notifications(user: User) -> tuple[str, Any]:
    rows = services.recent(user, limit=10_000)
    return "notifications", {
        "email_about_messages": services.preferences(user).email_messages,
        "items": [{"text": services.text_of(row), "kind": row.kind, "created_at": row.created_at.isoformat(),
                   "read_at": row.read_at.isoformat() if row.read_at else None} for row in rows],
    }


@register_erasure_hook
def _erase_notifications(user: User) -> None:
    services.delete_for(user)
