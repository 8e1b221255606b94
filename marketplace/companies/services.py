"""Company profiles, colleagues and invitations: the rules, without HTTP."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, or_, select

from .. import reference
from ..accounts.models import User
from ..auth import hash_token
from ..database import utcnow
from ..extensions import db
from ..mail.services import queue_mail
from ..text import slugify
from .models import Company, CompanyInvitation

INVITATION_VALIDITY = timedelta(days=14)
# Path segments under /companies/ that a company's slug must not take.
RESERVED_SLUGS = frozenset({"new", "invitations"})


class CompanyError(Exception):
    """A rule of the domain was broken; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class CompanyData:
    name: str
    country: str
    size_class: str
    sectors: list[str]
    region: str = ""
    city: str = ""
    founded_year: int | None = None
    website: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=list)
    is_published: bool = True
    is_in_benchmarks: bool = False


def unique_slug(model, name: str, reserved=RESERVED_SLUGS) -> str:
    """The name's slug, or the first free one of slug-2, slug-3, …"""
    base = slugify(name, max_length=90)
    taken = set(db.session.scalars(
        select(model.slug).where(or_(model.slug == base, model.slug.like(base + "-%")))))
    taken |= set(reserved)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _check_codes(data: CompanyData) -> None:
    # The form checks these too; a service called from elsewhere (API, import) must not store junk.
    if data.country not in reference.COUNTRY_CODES:
        raise CompanyError(_l("Choose a country from the list."), "country")
    if data.size_class not in reference.SIZE_CLASSES:
        raise CompanyError(_l("Choose a size from the list."), "size_class")
    if not data.sectors or any(code not in reference.SECTORS for code in data.sectors):
        raise CompanyError(_l("Choose sectors from the list."), "sectors")
    if any(code not in reference.CONTENT_LANGUAGES for code in data.languages):
        raise CompanyError(_l("Choose languages from the list."), "languages")


def _apply(company: Company, data: CompanyData) -> None:
    _check_codes(data)
    for name in ("name", "country", "region", "city", "size_class", "founded_year", "website",
                 "description", "is_published", "is_in_benchmarks"):
        setattr(company, name, getattr(data, name))
    company.sectors = data.sectors
    company.languages = data.languages


def create_company(actor: User, data: CompanyData) -> Company:
    if actor.company_id is not None:
        raise CompanyError(_l("You already belong to a company."))
    if not actor.is_confirmed:
        raise CompanyError(_l("Please confirm your e-mail address first."))
    company = Company(slug=unique_slug(Company, data.name))
    _apply(company, data)
    db.session.add(company)
    actor.company = company
    db.session.flush()
    return company


def update_company(company: Company, data: CompanyData) -> Company:
    # The slug stays: people bookmark and share company addresses.
    _apply(company, data)
    db.session.flush()
    return company


# --- Directory ------------------------------------------------------------------------------------

def company_by_slug(slug: str) -> Company | None:
    return db.session.scalar(select(Company).where(Company.slug == slug))


def accepted_clusters(company: Company) -> list:
    """The clusters the company belongs to, by name, with their sectors (cards show them)."""
    from ..clusters.models import Cluster  # clusters sit above companies

    return list(db.session.scalars(select(Cluster).where(Cluster.id.in_(_accepted_cluster_ids(company.id)))
                                   .order_by(Cluster.name)))


def accepted_cluster_links(company_id: int) -> list:
    """(slug, name) of the clusters the company belongs to, by name: what a listing's page links to."""
    return list(db.session.connection().execute(_cluster_links_query(), {"company_id": company_id}))


def _accepted_cluster_ids(company_id):
    from ..clusters.models import MEMBERSHIP_ACCEPTED, ClusterMembership

    return select(ClusterMembership.cluster_id).where(ClusterMembership.company_id == company_id,
                                                      ClusterMembership.status == MEMBERSHIP_ACCEPTED)


@cache
def _cluster_links_query():
    """Built once (it keeps its cache key)."""
    from ..clusters.models import Cluster

    return (select(Cluster.slug, Cluster.name)
            .where(Cluster.id.in_(_accepted_cluster_ids(bindparam("company_id")))).order_by(Cluster.name))


def active_members(company: Company) -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.company_id == company.id, User.deleted_at.is_(None)).order_by(User.name, User.id)))


# --- Colleagues and invitations ----------------------------------------------------------------------

def pending_invitations(company: Company) -> list[CompanyInvitation]:
    return list(db.session.scalars(
        select(CompanyInvitation).where(CompanyInvitation.company_id == company.id,
                                        CompanyInvitation.accepted_at.is_(None))
        .order_by(CompanyInvitation.created_at.desc(), CompanyInvitation.id.desc())))


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))


def invite_colleague(actor: User, company: Company, email: str, fallback_locale: str) -> tuple[CompanyInvitation, str]:
    """Invite someone by e-mail; inviting the same address again renews the link. Returns (invitation, token)."""
    email = email.strip().lower()
    invitee = _user_by_email(email)
    if invitee is not None and invitee.company_id == company.id:
        raise CompanyError(_l("%(email)s is already a member of your company.", email=email), "email")
    token = secrets.token_urlsafe(32)
    invitation = db.session.scalar(select(CompanyInvitation).where(
        CompanyInvitation.company_id == company.id, CompanyInvitation.email == email))
    if invitation is None:
        invitation = CompanyInvitation(company=company, email=email)
        db.session.add(invitation)
    invitation.token_hash = hash_token(token)
    invitation.invited_by = actor
    invitation.created_at = utcnow()
    invitation.expires_at = utcnow() + INVITATION_VALIDITY
    invitation.accepted_at = None
    db.session.flush()
    # The invitee reads the mail in their own language if we know it, else in the inviter's.
    locale = invitee.locale if invitee is not None else fallback_locale
    queue_mail(email, "company_invitation", locale, company=company, inviter=actor,
               url=url_for("companies.invitation", token=token, _external=True),
               expires_at=invitation.expires_at, has_account=invitee is not None)
    return invitation, token


def invitation_by_token(token: str) -> CompanyInvitation | None:
    return db.session.scalar(select(CompanyInvitation).where(CompanyInvitation.token_hash == hash_token(token)))


# Why an invitation cannot be accepted by this user right now.
INVITATION_OK = "ok"
INVITATION_USED = "used"
INVITATION_EXPIRED = "expired"
INVITATION_SIGN_IN = "sign-in"
INVITATION_WRONG_ACCOUNT = "wrong-account"
INVITATION_ALREADY_MEMBER = "already-member"
INVITATION_OTHER_COMPANY = "other-company"


def invitation_state(invitation: CompanyInvitation, user) -> str:
    if invitation.accepted_at is not None:
        return INVITATION_USED
    if invitation.expires_at <= utcnow():
        return INVITATION_EXPIRED
    if not user.is_authenticated:
        return INVITATION_SIGN_IN
    if user.email.lower() != invitation.email.lower():
        return INVITATION_WRONG_ACCOUNT
    if user.company_id == invitation.company_id:
        return INVITATION_ALREADY_MEMBER
    if user.company_id is not None:
        return INVITATION_OTHER_COMPANY
    return INVITATION_OK


def accept_invitation(user: User, invitation: CompanyInvitation) -> Company:
    state = invitation_state(invitation, user)
    if state != INVITATION_OK:
        raise CompanyError(state)
    user.company = invitation.company
    invitation.accepted_at = utcnow()
    if not user.is_confirmed:
        # Following the link proves the address is theirs.
        user.email_confirmed_at = utcnow()
    db.session.flush()
    return invitation.company


def revoke_invitation(invitation: CompanyInvitation) -> None:
    db.session.delete(invitation)
    db.session.flush()


def remove_member(company: Company, member: User) -> None:
    """Remove a colleague (or oneself: leaving); a company keeps at least one member."""
    if member.company_id != company.id:
        raise CompanyError(_l("This person is not a member of the company."))
    if len(active_members(company)) <= 1:
        raise CompanyError(_l("The last member cannot leave: a company needs someone to look after its profile."))
    member.company = None
    db.session.flush()
