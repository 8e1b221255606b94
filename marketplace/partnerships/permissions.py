"""Who may see, run, join and talk in a partnership: pure predicates over a partnership with its members loaded."""
from __future__ import annotations

from ..auth import is_admin
from .models import ACTIVE, CLOSED, CLUSTER, COMPANY, INVITED, MEMBER, PENDING_STATUSES, REQUESTED


def represents(user, member) -> bool:
    """A person speaks for a member: a colleague of a member company, a manager of a member cluster."""
    if not user.is_authenticated:
        return False
    if member.company_id is not None:
        return user.company_id == member.company_id
    return member.cluster_id in user.managed_cluster_ids


def represented_members(user, partnership) -> list:
    return [m for m in partnership.members if represents(user, m)]


def is_lead(user, partnership) -> bool:
    """Colleagues of the lead company, managers of the lead cluster."""
    if not user.is_authenticated:
        return False
    if partnership.lead_company_id is not None:
        return user.company_id == partnership.lead_company_id
    return partnership.lead_cluster_id in user.managed_cluster_ids


def can_manage_partnership(user, partnership) -> bool:
    """Edit, publish and close; roles; invite; decide on requests; remove members."""
    return is_admin(user) or is_lead(user, partnership)


def is_active_member(user, partnership) -> bool:
    return any(m.status == MEMBER for m in represented_members(user, partnership))


def can_view_partnership(user, partnership) -> bool:
    """Published ones are public; a draft shows to its lead, its members and those invited or asking."""
    if partnership.is_public or can_manage_partnership(user, partnership):
        return True
    return any(m.status == MEMBER or m.status in PENDING_STATUSES for m in represented_members(user, partnership))


def can_read_thread(user, partnership) -> bool:
    """The thread is the members' own: never public, not even to administrators."""
    return is_active_member(user, partnership)


def can_post_message(user, partnership) -> bool:
    return partnership.status != CLOSED and can_read_thread(user, partnership)


def can_record_outcome(user, partnership) -> bool:
    return is_active_member(user, partnership)


def can_start_partnership(user) -> bool:
    """A confirmed person who speaks for a company (not suspended) or manages a cluster."""
    if not (user.is_authenticated and user.is_confirmed):
        return False
    company = user.company
    return bool((company is not None and company.suspended_at is None) or user.managed_cluster_ids)


def can_invite(user, partnership) -> bool:
    return partnership.status != CLOSED and can_manage_partnership(user, partnership)


def can_ask_to_join(user, partnership) -> bool:
    """Someone who speaks for a company or cluster that is not yet in this public partnership."""
    return (partnership.status == ACTIVE and user.is_authenticated and user.is_confirmed
            and bool(join_parties(user, partnership)))


def join_parties(user, partnership) -> list[tuple[str, int]]:
    """(kind, id) of the company and clusters this person may ask to join with (not yet in, nor asked)."""
    if not user.is_authenticated:
        return []
    taken = {(m.kind, m.company_id or m.cluster_id) for m in partnership.members
             if m.status == MEMBER or m.status in PENDING_STATUSES}
    parties = []
    company = user.company
    if company is not None and company.suspended_at is None:
        parties.append((COMPANY, company.id))
    parties += [(CLUSTER, cluster_id) for cluster_id in sorted(user.managed_cluster_ids)]
    return [party for party in parties if party not in taken]


def can_answer_invitation(user, member) -> bool:
    return member.status == INVITED and member.partnership.status != CLOSED and represents(user, member)


def can_decide_request(user, member) -> bool:
    return (member.status == REQUESTED and member.partnership.status != CLOSED
            and can_manage_partnership(user, member.partnership))


def can_withdraw(user, member) -> bool:
    """The asking side takes back its request; the lead takes back an invitation (see can_remove_member)."""
    return member.status == REQUESTED and represents(user, member)


def can_leave(user, member) -> bool:
    return member.status == MEMBER and not member.is_lead and represents(user, member)


def can_remove_member(user, member) -> bool:
    """The lead removes an active member or cancels an invitation; never itself."""
    return (member.status in (MEMBER, INVITED) and not member.is_lead
            and can_manage_partnership(user, member.partnership))


TEMPLATE_PREDICATES = {
    "can_manage_partnership": can_manage_partnership,
    "can_view_partnership": can_view_partnership,
    "can_read_partnership_thread": can_read_thread,
    "can_post_partnership_message": can_post_message,
    "can_record_partnership_outcome": can_record_outcome,
    "can_start_partnership": can_start_partnership,
    "can_invite_to_partnership": can_invite,
    "can_ask_to_join_partnership": can_ask_to_join,
    "can_answer_partnership_invitation": can_answer_invitation,
    "can_decide_partnership_request": can_decide_request,
    "can_withdraw_partnership_request": can_withdraw,
    "can_leave_partnership": can_leave,
    "can_remove_partnership_member": can_remove_member,
    "represents_partnership_member": represents,
}
