"""Pure predicates about accounts, for views, templates and other domains alike."""
from __future__ import annotations


def needs_confirmation(user) -> bool:
    """Signed in but the e-mail address is not confirmed yet: show the banner, hold back some actions
    (companies.permissions.can_create_company asks for a confirmed address)."""
    return bool(user.is_authenticated and not user.is_confirmed)
