"""Who moderates what, reports of abuse, and suspending companies; every decision is logged."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, exists, select, update
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..clusters.models import MEMBERSHIP_ACCEPTED, ClusterManager, ClusterMembership
from ..companies.models import Company
from ..database import utcnow
from ..extensions import db
from .models import COMPANY, REPORT_DISMISSED, REPORT_OPEN, REPORT_RESOLVED, ModerationAction, Report

REPORT_REASONS = ("spam", "misleading", "inappropriate", "contact-details", "duplicate", "other")


class ModerationError(Exception):
    pass


def cluster_ids_of(company_id: int) -> list[int]:
    return list(db.session.scalars(select(ClusterMembership.cluster_id).where(
        ClusterMembership.company_id == company_id, ClusterMembership.status == MEMBERSHIP_ACCEPTED)))


def moderates_company(user: User, company_id: int) -> bool:
    """Managers of the company's clusters moderate it; a company in no cluster is for the admins.

    A manager never moderates their own company: its listings go to the cluster's other managers
    or to the admins, so nobody approves their own offers.
    """
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.company_id == company_id:
        return False
    return bool(db.session.scalar(_moderates_query(), {"company_id": company_id, "user_id": user.id}))


@cache
def _moderates_query() -> Select:
    """Built once: listing and company pages ask it for every signed-in viewer, and it keeps its cache key."""
    return select(exists().where(
        ClusterMembership.company_id == bindparam("company_id"), ClusterMembership.status == MEMBERSHIP_ACCEPTED,
        ClusterMembership.cluster_id == ClusterManager.cluster_id, ClusterManager.user_id == bindparam("user_id")))


def log_action(actor: User | None, subject_type: str, subject_id: int, action: str,
               reason: str = "", note: str = "") -> ModerationAction:
    entry = ModerationAction(subject_type=subject_type, subject_id=subject_id, action=action,
                             actor_id=actor.id if actor else None, reason=reason, note=note)
    db.session.add(entry)
    return entry


def history(subject_type: str, subject_id: int) -> list[ModerationAction]:
    return list(db.session.scalars(
        select(ModerationAction).where(ModerationAction.subject_type == subject_type,
                                       ModerationAction.subject_id == subject_id)
        .options(joinedload(ModerationAction.actor))
        .order_by(ModerationAction.created_at, ModerationAction.id)))


def report(reporter: User, subject_type: str, subject_id: int, reason: str, details: str) -> Report:
    if reason not in REPORT_REASONS:
        raise ModerationError("unknown reason")
    entry = Report(subject_type=subject_type, subject_id=subject_id, reporter_id=reporter.id,
                   reason=reason, details=details.strip())
    db.session.add(entry)
    return entry


def close_report(actor: User, entry: Report, resolved: bool, note: str) -> None:
    # A conditional UPDATE, like listings' _decide: of two moderators closing at once, one wins.
    result = db.session.execute(
        update(Report).where(Report.id == entry.id, Report.status == REPORT_OPEN)
        .values(status=REPORT_RESOLVED if resolved else REPORT_DISMISSED, resolved_by_id=actor.id,
                resolved_at=utcnow(), resolution_note=note)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise ModerationError("This report has already been handled.")
    db.session.refresh(entry)
    log_action(actor, entry.subject_type, entry.subject_id, "resolve-report" if resolved else "dismiss-report",
               entry.reason, note)


def suspend_company(actor: User, company: Company, reason: str, note: str) -> None:
    if company.suspended_at is not None:
        raise ModerationError("This company is already suspended.")
    company.suspended_at = utcnow()
    log_action(actor, COMPANY, company.id, "suspend", reason, note)


def reinstate_company(actor: User, company: Company, note: str) -> None:
    if company.suspended_at is None:
        raise ModerationError("This company is not suspended.")
    company.suspended_at = None
    log_action(actor, COMPANY, company.id, "reinstate", "", note)


# Report handling stays among moderators: an owner learns of the decision, not of who reported what.
_MODERATORS_ONLY_ACTIONS = ("resolve-report", "dismiss-report")


def history_for(viewer: User, subject_type: str, subject_id: int, company_id: int | None) -> list[ModerationAction]:
    """The history as `viewer` may see it: everything for moderators, no report handling for owners."""
    entries = history(subject_type, subject_id)
    if viewer.is_authenticated and (viewer.is_admin or (company_id is not None
                                                         and moderates_company(viewer, company_id))):
        return entries
    return [entry for entry in entries if entry.action not in _MODERATORS_ONLY_ACTIONS]
