"""Who may run a cluster and decide on its members: pure predicates for views and templates."""
from __future__ import annotations

from ..auth import is_admin
from .models import MEMBERSHIP_ACCEPTED, MEMBERSHIP_PENDING


def is_cluster_manager(user, cluster) -> bool:
    return bool(user.is_authenticated and cluster.id in user.managed_cluster_ids)


def can_manage_cluster(user, cluster) -> bool:
    """Edit the page, accept or decline requests, remove member companies."""
    return is_admin(user) or is_cluster_manager(user, cluster)


def can_administer_clusters(user) -> bool:
    """Create clusters and appoint or remove their managers."""
    return is_admin(user)


def can_see_my_clusters(user) -> bool:
    return bool(user.is_authenticated and (user.is_admin or user.managed_cluster_ids))


def can_decide_membership(user, membership) -> bool:
    return membership.status == MEMBERSHIP_PENDING and can_manage_cluster(user, membership.cluster)


def can_remove_member_company(user, membership) -> bool:
    return membership.status == MEMBERSHIP_ACCEPTED and can_manage_cluster(user, membership.cluster)


def can_request_membership(user, cluster) -> bool:
    """Any member of a company may ask on its behalf (whether it already asked is the page's business)."""
    return bool(user.is_authenticated and user.company_id is not None)


def can_withdraw_membership(user, membership) -> bool:
    return bool(user.is_authenticated and user.company_id == membership.company_id)


TEMPLATE_PREDICATES = {
    "is_cluster_manager": is_cluster_manager,
    "can_manage_cluster": can_manage_cluster,
    "can_administer_clusters": can_administer_clusters,
    "can_see_my_clusters": can_see_my_clusters,
    "can_decide_membership": can_decide_membership,
    "can_remove_member_company": can_remove_member_company,
    "can_request_membership": can_request_membership,
}
