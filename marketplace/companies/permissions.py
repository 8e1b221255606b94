"""Who may see and change a company profile: pure predicates for views and templates."""
from __future__ import annotations

from sqlalchemy import exists, select

from ..auth import is_admin
from ..extensions import db


def is_company_member(user, company) -> bool:
    return bool(user.is_authenticated and company is not None and user.company_id == company.id)


def can_view_company(user, company) -> bool:
    """Published profiles are public; an unpublished one only shows to its members and admins."""
    return company.is_published or is_company_member(user, company) or is_admin(user)


def can_edit_company(user, company) -> bool:
    return is_company_member(user, company) or is_admin(user)


def can_manage_colleagues(user, company) -> bool:
    return can_edit_company(user, company)


def can_create_company(user) -> bool:
    """One company per person, and only once the e-mail address is known to be theirs."""
    return bool(user.is_authenticated and user.is_confirmed and user.company_id is None)


def can_see_contact_details(user, company) -> bool:
    """Staged disclosure: a company's contact details show to its own people, admins, and a
    company with which an expression of interest was accepted (either way round)."""
    if not user.is_authenticated:
        return False
    if user.is_admin or user.company_id == company.id:
        return True
    if user.company_id is None:
        return False
    # Interests sit above companies; the question is asked from here so every page asks it the same way.
    from ..interests.models import ACCEPTED, Interest

    pair = {user.company_id, company.id}
    return bool(db.session.scalar(select(exists().where(
        Interest.status == ACCEPTED, Interest.sender_company_id.in_(pair), Interest.recipient_company_id.in_(pair),
        Interest.sender_company_id != Interest.recipient_company_id))))


TEMPLATE_PREDICATES = {
    "is_company_member": is_company_member,
    "can_view_company": can_view_company,
    "can_edit_company": can_edit_company,
    "can_manage_colleagues": can_manage_colleagues,
    "can_create_company": can_create_company,
    "can_see_contact_details": can_see_contact_details,
}
