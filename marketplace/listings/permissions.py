"""Who may see, edit and moderate a listing: pure predicates for views, templates and the API."""
from __future__ import annotations

from ..moderation.services import moderates_company
from .models import PUBLISHED, WITHDRAWN, Listing


def is_owner(user, listing: Listing) -> bool:
    return bool(user.is_authenticated and user.company_id is not None and user.company_id == listing.company_id)


def can_moderate_listing(user, listing: Listing) -> bool:
    return moderates_company(user, listing.company_id)


def can_view_listing(user, listing: Listing) -> bool:
    """Published listings (expired ones too, marked) are public; the rest only for owners and moderators."""
    company = listing.company
    public = listing.status == PUBLISHED and company.is_published and company.suspended_at is None
    return public or is_owner(user, listing) or can_moderate_listing(user, listing)


def can_post_listings(user) -> bool:
    company = user.company if user.is_authenticated else None
    return bool(company is not None and company.suspended_at is None and user.is_confirmed)


def can_edit_listing(user, listing: Listing) -> bool:
    return is_owner(user, listing) and can_post_listings(user) and listing.status != WITHDRAWN
