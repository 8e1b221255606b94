"""Who may moderate what and who may report: pure predicates for views and templates."""
from __future__ import annotations

from ..auth import is_admin, signed_in  # noqa: F401 - signed_in is part of this module's vocabulary
from ..listings.permissions import can_moderate_listing, is_owner
from .services import moderates_company


def is_moderator(user, **_view_args) -> bool:
    """Admins and cluster managers: they have a review queue, reports and suspensions to look after."""
    return bool(user.is_authenticated and (user.is_admin or user.managed_cluster_ids))


def can_moderate_company(user, company) -> bool:
    return company is not None and moderates_company(user, company.id)


def can_report(user) -> bool:
    return bool(user.is_authenticated)


def can_report_subject(user, subject_type: str, company_id: int | None) -> bool:
    """Anyone signed in, except about their own company or its listings (they can just edit them)."""
    return can_report(user) and (company_id is None or user.company_id != company_id)


def can_handle_report(user, subject) -> bool:
    """The subject's company's moderators; reports about messages or vanished objects go to the admins."""
    if subject is None or subject.company is None or subject.type == "message":
        return is_admin(user)
    return moderates_company(user, subject.company.id)


def can_see_listing_history(user, listing) -> bool:
    return is_owner(user, listing) or can_moderate_listing(user, listing)


def can_see_company_history(user, company) -> bool:
    return bool(user.is_authenticated and user.company_id == company.id) or can_moderate_company(user, company)


TEMPLATE_PREDICATES = {
    "is_moderator": is_moderator,
    "can_moderate_company": can_moderate_company,
    "can_moderate_listing": can_moderate_listing,
    "can_report": can_report,
    "can_report_subject": can_report_subject,
    "can_see_listing_history": can_see_listing_history,
    "can_see_company_history": can_see_company_history,
}
