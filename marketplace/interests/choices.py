"""Translated labels of interest statuses and of the steps in an interest's history."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import ACCEPTED, DECLINED, EXPIRED, PENDING

STATUS_LABELS = {
    PENDING: _l("Waiting for an answer"),
    ACCEPTED: _l("Accepted"),
    DECLINED: _l("Declined"),
    EXPIRED: _l("Expired without an answer"),
}

STATUS_BADGES = {PENDING: "warning", ACCEPTED: "success", DECLINED: "neutral", EXPIRED: "danger"}

EVENT_LABELS = {
    "sent": _l("Sent"),
    ACCEPTED: _l("Accepted"),
    DECLINED: _l("Declined"),
    EXPIRED: _l("Expired"),
}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def status_badge(code: str) -> str:
    return STATUS_BADGES.get(code, "neutral")


def event_label(code: str) -> str:
    return str(EVENT_LABELS.get(code, code))
