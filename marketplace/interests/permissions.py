"""Who may express interest in a listing, answer an interest, and see the contact details it discloses."""
from __future__ import annotations

from ..listings.models import Listing
from .models import ACCEPTED, Interest


def _company(user):
    return user.company if user.is_authenticated else None


def may_send_interests(user) -> bool:
    """A confirmed member of a company that is not suspended."""
    company = _company(user)
    return bool(company is not None and company.suspended_at is None and user.is_confirmed)


def listing_takes_interest(listing: Listing) -> bool:
    owner = listing.company
    return listing.is_active and owner.suspended_at is None and owner.is_published


def can_express_interest(user, listing: Listing) -> bool:
    return (may_send_interests(user) and listing.company_id != user.company_id
            and listing_takes_interest(listing))


def is_sender_side(user, interest: Interest) -> bool:
    return bool(user.is_authenticated and user.company_id is not None
                and user.company_id == interest.sender_company_id)


def is_recipient_side(user, interest: Interest) -> bool:
    return bool(user.is_authenticated and user.company_id is not None
                and user.company_id == interest.recipient_company_id)


def can_view_interest(user, interest: Interest) -> bool:
    return is_sender_side(user, interest) or is_recipient_side(user, interest)


def can_answer_interest(user, interest: Interest) -> bool:
    """The listing's company answers while the interest is open; a suspended company may only decline."""
    return is_recipient_side(user, interest) and interest.is_open


def can_see_contacts(user, interest: Interest) -> bool:
    """Staged disclosure: contact details only once accepted, and only to the two companies."""
    return can_view_interest(user, interest) and interest.status == ACCEPTED


TEMPLATE_PREDICATES = {
    "can_express_interest": can_express_interest,
    "can_answer_interest": can_answer_interest,
    "can_see_interest_contacts": can_see_contacts,
}
