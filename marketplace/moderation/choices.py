"""Translated labels of the moderation codes: report reasons, actions in the log, statuses."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..listings.choices import REJECTION_REASONS
from .models import COMPANY, LISTING, MESSAGE, REPORT_DISMISSED, REPORT_OPEN, REPORT_RESOLVED
from .services import REPORT_REASONS

REPORT_REASON_LABELS = {
    "spam": _l("Spam or fake"),
    "misleading": _l("Misleading or fraudulent"),
    "inappropriate": _l("Inappropriate or offensive"),
    "contact-details": _l("Shows contact details publicly"),
    "duplicate": _l("Duplicate"),
    "other": _l("Something else"),
}
assert set(REPORT_REASON_LABELS) == set(REPORT_REASONS)  # a new code needs a label

# The reasons a moderator picks when rejecting: "reported" is set by the unpublish-after-report path only.
REVIEW_REJECTION_REASONS = {code: label for code, label in REJECTION_REASONS.items() if code != "reported"}

SUBJECT_LABELS = {LISTING: _l("Listing"), COMPANY: _l("Company"), MESSAGE: _l("Message")}

REPORT_STATUS_LABELS = {
    REPORT_OPEN: _l("Open"),
    REPORT_RESOLVED: _l("Resolved"),
    REPORT_DISMISSED: _l("Dismissed"),
}

ACTION_LABELS = {
    "create": _l("Created"),
    "edit": _l("Edited"),
    "submit": _l("Submitted for review"),
    "edit-revision": _l("Changes saved as a draft"),
    "submit-revision": _l("Changes submitted for review"),
    "approve": _l("Approved and published"),
    "approve-revision": _l("Changes approved and published"),
    "reject": _l("Rejected"),
    "reject-revision": _l("Changes rejected"),
    "unpublish": _l("Unpublished by a moderator"),
    "withdraw": _l("Withdrawn"),
    "renew": _l("Renewed"),
    "resolve-report": _l("Report resolved"),
    "dismiss-report": _l("Report dismissed"),
    "suspend": _l("Company suspended"),
    "reinstate": _l("Company reinstated"),
}

# Actions whose reason is a listing rejection reason; every other action's reason is a report reason.
_REJECTION_ACTIONS = {"reject", "reject-revision", "unpublish"}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def reason_label(action: str, code: str) -> str:
    if not code:
        return ""
    labels = REJECTION_REASONS if action in _REJECTION_ACTIONS else REPORT_REASON_LABELS
    return str(labels.get(code, code))


def report_reason_label(code: str) -> str:
    return str(REPORT_REASON_LABELS.get(code, code))


def subject_label(code: str) -> str:
    return str(SUBJECT_LABELS.get(code, code))


def report_status_label(code: str) -> str:
    return str(REPORT_STATUS_LABELS.get(code, code))
