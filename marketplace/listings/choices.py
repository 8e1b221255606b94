"""Stable codes of a listing's fields, with translated labels."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import OFFER, REQUEST

KIND_LABELS = {OFFER: _l("Offer"), REQUEST: _l("Request")}

DEVELOPMENT_STAGES = {
    "concept": _l("Concept or idea"),
    "development": _l("Under development"),
    "prototype": _l("Prototype available"),
    "field-tested": _l("Field tested or evaluated"),
    "on-market": _l("Already on the market"),
}

PARTNER_TYPES = {
    "company": _l("Company"),
    "cluster": _l("Cluster organisation"),
    "research": _l("University or research institute"),
    "public": _l("Public body or agency"),
    "any": _l("Any type of partner"),
}

REJECTION_REASONS = {
    "incomplete": _l("Incomplete: important information is missing"),
    "unclear": _l("Unclear: the cooperation sought is not clear"),
    "contact-details": _l("Contains contact details"),
    "advertising": _l("Advertising rather than a cooperation offer or request"),
    "duplicate": _l("Duplicate of another listing"),
    "wrong-sector": _l("Wrong sector or cooperation type"),
    "inappropriate": _l("Inappropriate or unlawful content"),
    "reported": _l("Unpublished after a report"),
    "other": _l("Other reason"),
}

STATUS_LABELS = {
    "draft": _l("Draft"),
    "pending": _l("Pending review"),
    "published": _l("Published"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
    "expired": _l("Expired"),
}

STATUS_BADGES = {
    "draft": "neutral",
    "pending": "warning",
    "published": "success",
    "rejected": "danger",
    "withdrawn": "neutral",
    "expired": "danger",
}
