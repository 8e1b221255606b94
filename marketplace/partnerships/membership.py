"""Invitations, requests to join, answers and departures: who is in a partnership, without HTTP."""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..clusters.models import Cluster
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from . import notices
from .models import (ACTIVE, CLOSED, CLUSTER, COMPANY, DECLINED, INVITED, LEFT, MEMBER, NOTE_MAX, REQUESTED,
                     Partnership, PartnershipMember, PartnershipRole)
from .services import PartnershipError, parties_of


def _row_for(partnership: Partnership, kind: str, party_id: int) -> PartnershipMember | None:
    column = "company_id" if kind == COMPANY else "cluster_id"
    return next((m for m in partnership.members if getattr(m, column) == party_id), None)


def _check_role(partnership: Partnership, role: PartnershipRole | None) -> None:
    if role is None:
        return
    if role.partnership_id != partnership.id:
        raise PartnershipError(_l("Choose a role of this partnership."), "role")
    if partnership.filled_by(role):
        raise PartnershipError(_l("This role is already filled."), "role")


def _check_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > NOTE_MAX:
        raise PartnershipError(_l("The message may have at most %(max)d characters.", max=NOTE_MAX), "message")
    return message


def _reuse_or_add(partnership: Partnership, kind: str, party_id: int) -> PartnershipMember:
    """A company or cluster that declined or left earlier comes back on its old row (one row per party)."""
    member = _row_for(partnership, kind, party_id)
    if member is None:
        member = PartnershipMember(**{f"{kind}_id": party_id})
        partnership.members.append(member)
    member.answered_by_id = None
    member.answered_at = None
    member.left_at = None
    member.invited_by_id = None
    member.requested_by_id = None
    return member


def _page(partnership: Partnership, external: bool = False, anchor: str | None = None) -> str:
    return url_for("partnerships.page", slug=partnership.slug, _external=external, _anchor=anchor)


def _manage(partnership: Partnership, external: bool = False) -> str:
    return url_for("partnerships.manage", slug=partnership.slug, _external=external)


def invite(actor, partnership: Partnership, party: Company | Cluster, role: PartnershipRole | None = None,
           message: str = "") -> PartnershipMember:
    """The lead invites a company or cluster, for an open role or none; its people are told."""
    if partnership.status == CLOSED:
        raise PartnershipError(_l("A closed partnership takes no new members."))
    kind = COMPANY if isinstance(party, Company) else CLUSTER
    if kind == COMPANY and (not party.is_published or party.suspended_at is not None):
        raise PartnershipError(_l("This company cannot be invited."), "target")
    _check_role(partnership, role)
    message = _check_message(message)
    existing = _row_for(partnership, kind, party.id)
    if existing is not None and existing.status == MEMBER:
        raise PartnershipError(_l("%(party)s is already a member.", party=party.name), "target")
    if existing is not None and existing.status == INVITED:
        raise PartnershipError(_l("%(party)s is already invited.", party=party.name), "target")
    if existing is not None and existing.status == REQUESTED:
        raise PartnershipError(_l("%(party)s has asked to join: accept its request instead.", party=party.name),
                               "target")
    member = _reuse_or_add(partnership, kind, party.id)
    member.status = INVITED
    member.role_id = role.id if role else None
    member.message = message
    member.invited_by_id = actor.id
    member.created_at = utcnow()
    db.session.flush()
    notices.tell(notices.member_people(member), "partnership_invitation", notices.INVITATION,
                 _page(partnership, anchor="membership"), _page(partnership, True, "membership"),
                 partnership=partnership, party=party.name, lead=partnership.lead_member.name, inviter=actor,
                 role=role, message=message, skip=actor)
    return member


def request_to_join(actor, partnership: Partnership, party_key: tuple[str, int], role: PartnershipRole | None = None,
                    message: str = "") -> PartnershipMember:
    """A company or cluster the actor speaks for asks to join a published partnership; the lead is told."""
    if partnership.status != ACTIVE:
        raise PartnershipError(_l("Only a published, open partnership takes requests to join."))
    party = next((p for p in parties_of(actor) if (p.kind, p.id) == party_key), None)
    if party is None:
        raise PartnershipError(_l("You can ask to join for your company or a cluster you manage."), "party")
    _check_role(partnership, role)
    message = _check_message(message)
    existing = _row_for(partnership, party.kind, party.id)
    if existing is not None and existing.status in (MEMBER, REQUESTED):
        raise PartnershipError(_l("%(party)s is already a member or has already asked.", party=party.name), "party")
    if existing is not None and existing.status == INVITED:
        raise PartnershipError(_l("%(party)s is invited already: accept the invitation instead.", party=party.name),
                               "party")
    member = _reuse_or_add(partnership, party.kind, party.id)
    member.status = REQUESTED
    member.role_id = role.id if role else None
    member.message = message
    member.requested_by_id = actor.id
    member.created_at = utcnow()
    db.session.flush()
    notices.tell(notices.lead_people(partnership), "partnership_join_request", notices.REQUEST,
                 _manage(partnership), _manage(partnership, True), partnership=partnership, party=party.name,
                 requested_by=actor, role=role, message=message, skip=actor)
    return member


def _decide(actor, member: PartnershipMember, accept: bool, recipients, direction: str) -> None:
    member.status = MEMBER if accept else DECLINED
    member.answered_by_id = actor.id
    member.answered_at = utcnow()
    db.session.flush()
    partnership = member.partnership
    notices.tell(recipients, "partnership_decided", notices.DECISION_ACCEPTED if accept else notices.DECISION_DECLINED,
                 _page(partnership), _page(partnership, True), partnership=partnership, party=member.name,
                 accepted=accept, direction=direction, skip=actor)


def answer_invitation(actor, member: PartnershipMember, accept: bool) -> None:
    """The invitee accepts or declines; the lead is told."""
    if member.status != INVITED:
        raise PartnershipError(_l("This invitation has already been answered."))
    if member.partnership.status == CLOSED:
        raise PartnershipError(_l("This partnership is closed."))
    _decide(actor, member, accept, notices.lead_people(member.partnership), "invitation")


def decide_request(actor, member: PartnershipMember, accept: bool) -> None:
    """The lead accepts or declines a request to join; the asking company or cluster is told."""
    if member.status != REQUESTED:
        raise PartnershipError(_l("This request has already been decided."))
    if member.partnership.status == CLOSED:
        raise PartnershipError(_l("This partnership is closed."))
    _decide(actor, member, accept, notices.member_people(member), "request")


def withdraw_request(member: PartnershipMember) -> None:
    if member.status != REQUESTED:
        raise PartnershipError(_l("There is no request to withdraw."))
    member.partnership.members.remove(member)
    db.session.flush()


def leave(actor, member: PartnershipMember) -> None:
    if member.status != MEMBER or member.is_lead:
        raise PartnershipError(_l("Only a member other than the lead can leave."))
    member.status = LEFT
    member.left_at = utcnow()
    member.answered_by_id = actor.id
    db.session.flush()


def remove_member(actor, member: PartnershipMember) -> None:
    """The lead removes an active member (who has left, then) or cancels an invitation (the row goes)."""
    if member.is_lead:
        raise PartnershipError(_l("The lead cannot be removed."))
    if member.status == INVITED:
        member.partnership.members.remove(member)
    elif member.status == MEMBER:
        member.status = LEFT
        member.left_at = utcnow()
        member.answered_by_id = actor.id
    else:
        raise PartnershipError(_l("This company or cluster is not a member."))
    db.session.flush()
