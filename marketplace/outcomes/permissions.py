"""Who may remove a recorded outcome: pure predicates for views and templates."""
from __future__ import annotations

from ..auth import is_admin


def can_delete_outcome(user, outcome) -> bool:
    """The person who recorded it, their company's colleagues, the managers of the cluster it was recorded for."""
    if not user.is_authenticated:
        return False
    return bool(is_admin(user) or outcome.recorded_by_id == user.id
                or (outcome.company_id is not None and outcome.company_id == user.company_id)
                or (outcome.cluster_id is not None and outcome.cluster_id in user.managed_cluster_ids))
