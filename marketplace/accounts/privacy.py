"""Self-service privacy: export everything held about a person, and erase their account.

Both are registries so that each domain answers for its own data: a later domain adds
`register_export_contributor(fn)` / `register_erasure_hook(fn)` at import time (from its
views or services module) instead of accounts learning about every table. The foundation's
own data (profile, sessions, company, clusters, invitations, mail) is covered here.
"""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from ..clusters.models import ClusterManager, ClusterMembership
from ..companies.models import CompanyInvitation
from ..database import utcnow
from ..extensions import db
from ..mail.models import OutboxMessage
from . import passwords
from .models import LoginSession, User
from .services import WrongPassword, end_sessions

ExportContributor = Callable[[User], tuple[str, Any]]
ErasureHook = Callable[[User], None]

EXPORT_CONTRIBUTORS: list[ExportContributor] = []
ERASURE_HOOKS: list[ErasureHook] = []

DELETED_NAME = "Deleted user"  # stored data, not interface text: the same in every language


def register_export_contributor(contributor: ExportContributor) -> ExportContributor:
    if contributor not in EXPORT_CONTRIBUTORS:
        EXPORT_CONTRIBUTORS.append(contributor)
    return contributor


def register_erasure_hook(hook: ErasureHook) -> ErasureHook:
    if hook not in ERASURE_HOOKS:
        ERASURE_HOOKS.append(hook)
    return hook


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --- export -----------------------------------------------------------------------------------

def export_user_data(user: User) -> dict[str, Any]:
    """Everything held about `user`, as JSON-ready data; secrets (hashes, tokens) are left out."""
    data: dict[str, Any] = {"exported_at": _iso(utcnow())}
    for contributor in EXPORT_CONTRIBUTORS:
        key, value = contributor(user)
        data[key] = value
    return data


@register_export_contributor
def _account(user: User) -> tuple[str, Any]:
    return "account", {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "preferred_language": user.locale,
        "job_title": user.job_title,
        "phone": user.phone,
        "is_admin": user.is_admin,
        "email_confirmed_at": _iso(user.email_confirmed_at),
        "password_changed_at": _iso(user.password_changed_at),
        "created_at": _iso(user.created_at),
        "last_signed_in_at": _iso(user.last_signed_in_at),
    }


@register_export_contributor
def _sessions(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)
                              .order_by(LoginSession.created_at))
    return "sign_in_sessions", [{"created_at": _iso(row.created_at), "user_agent": row.user_agent} for row in rows]


@register_export_contributor
def _company(user: User) -> tuple[str, Any]:
    company = user.company
    if company is None:
        return "company", None
    return "company", {"id": company.id, "name": company.name, "slug": company.slug, "country": company.country}


@register_export_contributor
def _cluster_roles(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(select(ClusterManager).options(joinedload(ClusterManager.cluster))
                              .where(ClusterManager.user_id == user.id))
    return "cluster_manager_roles", [
        {"cluster": row.cluster.name, "cluster_slug": row.cluster.slug, "appointed_at": _iso(row.appointed_at)}
        for row in rows]


@register_export_contributor
def _membership_requests(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(
        select(ClusterMembership)
        .options(joinedload(ClusterMembership.cluster), joinedload(ClusterMembership.company))
        .where(ClusterMembership.requested_by_id == user.id).order_by(ClusterMembership.requested_at))
    return "cluster_membership_requests", [
        {"cluster": row.cluster.name, "company": row.company.name, "status": row.status, "message": row.message,
         "requested_at": _iso(row.requested_at), "decided_at": _iso(row.decided_at)}
        for row in rows]


@register_export_contributor
def _invitations(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(
        select(CompanyInvitation).options(joinedload(CompanyInvitation.company))
        .where(CompanyInvitation.invited_by_id == user.id).order_by(CompanyInvitation.created_at))
    return "invitations_sent", [
        {"email": row.email, "company": row.company.name, "created_at": _iso(row.created_at),
         "expires_at": _iso(row.expires_at), "accepted_at": _iso(row.accepted_at)}
        for row in rows]


@register_export_contributor
def _mail(user: User) -> tuple[str, Any]:
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == user.email)
                              .order_by(OutboxMessage.created_at))
    return "emails_sent_to_you", [
        {"subject": row.subject, "body": row.body_text, "status": row.status, "language": row.locale,
         "created_at": _iso(row.created_at), "sent_at": _iso(row.sent_at)}
        for row in rows]


# --- erasure ----------------------------------------------------------------------------------

def delete_account(user: User, *, current_password: str) -> None:
    """Erase a person: every hook removes or anonymises its data, then the user row is anonymised.

    The row itself stays (with no personal data) so that what others wrote keeps its author
    reference and foreign keys need no cascade through other people's records.
    """
    if not passwords.verify_password(user.password_hash, current_password):
        raise WrongPassword
    for hook in ERASURE_HOOKS:
        hook(user)
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.name = DELETED_NAME
    user.job_title = ""
    user.phone = ""
    user.is_admin = False
    user.password_hash = passwords.hash_password(secrets.token_urlsafe(32))
    user.last_signed_in_at = None
    user.deleted_at = utcnow()
    db.session.flush()


@register_erasure_hook
def _erase_sessions(user: User) -> None:
    end_sessions(user)


@register_erasure_hook
def _erase_cluster_roles(user: User) -> None:
    db.session.execute(delete(ClusterManager).where(ClusterManager.user_id == user.id))
    if hasattr(user, "_managed_cluster_ids"):
        del user._managed_cluster_ids


@register_erasure_hook
def _erase_mail(user: User) -> None:
    # Runs before the address is anonymised: it is how these rows are found.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.to_address == user.email))


@register_erasure_hook
def _leave_company(user: User) -> None:
    """Leave the company; a company nobody is left to answer for disappears from public view."""
    company = user.company
    if company is None:
        return
    user.company = None
    db.session.flush()
    remaining = db.session.scalar(select(func.count()).select_from(User).where(
        User.company_id == company.id, User.deleted_at.is_(None), User.id != user.id))
    if not remaining:
        company.is_published = False

