"""Reports of abuse: what they are about, who handles them, filing and deciding them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..clusters.models import MEMBERSHIP_ACCEPTED, ClusterManager, ClusterMembership
from ..companies.models import Company
from ..companies.permissions import can_view_company
from ..extensions import db
from ..listings import services as listing_services
from ..listings.models import Listing
from ..listings.permissions import can_view_listing
from ..mail.services import queue_mail
from ..messaging.models import Message
from ..messaging.permissions import can_read_message
from . import services
from .models import COMPANY, LISTING, MESSAGE, REPORT_OPEN, Report
from .queue import moderated_companies_condition

SUBJECT_TYPES = (LISTING, COMPANY, MESSAGE)
DETAILS_MAX = 2000
NOTE_MAX = 2000

# What a moderator may do with a report; the last two also resolve it.
DISMISS, RESOLVE, UNPUBLISH, SUSPEND = "dismiss", "resolve", "unpublish", "suspend"
DECISIONS = (DISMISS, RESOLVE, UNPUBLISH, SUSPEND)


class DuplicateReport(services.ModerationError):
    """The reporter already has an open report about this subject."""


@dataclass
class Subject:
    """The object a report is about, whatever its type, with the company responsible for it."""

    type: str
    id: int
    obj: Any
    company: Company | None

    @property
    def title(self) -> str:
        if self.type == MESSAGE:  # a message has no title: its opening words stand for it
            text = " ".join(self.obj.body.split())
            return text if len(text) <= 80 else text[:79] + "…"
        return self.obj.title if self.type == LISTING else self.obj.name

    @property
    def url(self) -> str:
        if self.type == LISTING:
            return url_for("listings.show", listing_id=self.id)
        if self.type == MESSAGE:
            return url_for("messaging.show_message", message_id=self.id)
        return url_for("companies.profile", slug=self.obj.slug)

    @property
    def listing(self) -> Listing | None:
        return self.obj if self.type == LISTING else None


def load_subject(subject_type: str, subject_id: int) -> Subject | None:
    if subject_type == MESSAGE:
        message = db.session.scalar(select(Message).where(Message.id == subject_id)
                                    .options(joinedload(Message.company), joinedload(Message.conversation)))
        return Subject(MESSAGE, subject_id, message, message.company) if message else None
    if subject_type == LISTING:
        listing = db.session.scalar(select(Listing).where(Listing.id == subject_id)
                                    .options(joinedload(Listing.company)))
        return Subject(LISTING, subject_id, listing, listing.company) if listing else None
    if subject_type == COMPANY:
        company = db.session.get(Company, subject_id)
        return Subject(COMPANY, subject_id, company, company) if company else None
    return None


def load_subjects(reports: list[Report]) -> dict[tuple[str, int], Subject]:
    """The subjects of a page of reports in one query per type (no N+1)."""
    found: dict[tuple[str, int], Subject] = {}
    listing_ids = {r.subject_id for r in reports if r.subject_type == LISTING}
    company_ids = {r.subject_id for r in reports if r.subject_type == COMPANY}
    message_ids = {r.subject_id for r in reports if r.subject_type == MESSAGE}
    if message_ids:
        for message in db.session.scalars(select(Message).where(Message.id.in_(message_ids))
                                          .options(joinedload(Message.company))):
            found[(MESSAGE, message.id)] = Subject(MESSAGE, message.id, message, message.company)
    if listing_ids:
        for listing in db.session.scalars(select(Listing).where(Listing.id.in_(listing_ids))
                                          .options(joinedload(Listing.company))):
            found[(LISTING, listing.id)] = Subject(LISTING, listing.id, listing, listing.company)
    if company_ids:
        for company in db.session.scalars(select(Company).where(Company.id.in_(company_ids))):
            found[(COMPANY, company.id)] = Subject(COMPANY, company.id, company, company)
    return found


def can_see_subject(user, subject: Subject) -> bool:
    if subject.type == MESSAGE:
        return can_read_message(user, subject.obj)
    if subject.type == LISTING:
        return can_view_listing(user, subject.obj)
    return can_view_company(user, subject.obj)


def responsible_moderators(subject: Subject | None) -> list[User]:
    """Managers of the company's accepted clusters; the admins if there are none (or no company)."""
    managers: list[User] = []
    # Messages are private between two companies: their reports go to the admins, not cluster managers.
    if subject is not None and subject.company is not None and subject.type != MESSAGE:
        managers = list(db.session.scalars(
            select(User).join(ClusterManager, ClusterManager.user_id == User.id)
            .join(ClusterMembership, ClusterMembership.cluster_id == ClusterManager.cluster_id)
            .where(ClusterMembership.company_id == subject.company.id,
                   ClusterMembership.status == MEMBERSHIP_ACCEPTED, User.deleted_at.is_(None))
            .distinct().order_by(User.id)))
    if managers:
        return managers
    return list(db.session.scalars(select(User).where(User.is_admin.is_(True), User.deleted_at.is_(None))
                                   .order_by(User.id)))


def open_report_by(reporter: User, subject_type: str, subject_id: int) -> Report | None:
    return db.session.scalar(select(Report).where(
        Report.reporter_id == reporter.id, Report.subject_type == subject_type,
        Report.subject_id == subject_id, Report.status == REPORT_OPEN))


def file_report(reporter: User, subject: Subject, reason: str, details: str) -> Report:
    """Store the report and tell the responsible moderators, each in their language."""
    if open_report_by(reporter, subject.type, subject.id) is not None:
        raise DuplicateReport("You have already reported this; the moderators are looking into it.")
    entry = services.report(reporter, subject.type, subject.id, reason, details)
    db.session.flush()
    url = url_for("moderation.report_detail", report_id=entry.id, _external=True)
    for moderator in responsible_moderators(subject):
        queue_mail(moderator.email, "report_received", moderator.locale, moderator=moderator, report=entry,
                   subject=subject, reporter=reporter, url=url)
    return entry


def _responsible_for(user: User):
    """The reports a moderator handles: of listings and companies they moderate; admins handle all."""
    if user.is_admin:
        return Report.id.is_not(None)
    moderated = moderated_companies_condition(user, Company.id)
    return or_(
        and_(Report.subject_type == LISTING,
             Report.subject_id.in_(select(Listing.id).join(Listing.company).where(moderated))),
        and_(Report.subject_type == COMPANY, Report.subject_id.in_(select(Company.id).where(moderated))),
    )


def reports_query(user: User, status: str) -> Select:
    """Open reports oldest first (they are waiting); handled ones most recent first."""
    query = (select(Report).options(joinedload(Report.reporter), joinedload(Report.resolved_by))
             .where(_responsible_for(user)))
    if status == REPORT_OPEN:
        return query.where(Report.status == REPORT_OPEN).order_by(Report.created_at, Report.id)
    return query.where(Report.status != REPORT_OPEN).order_by(Report.resolved_at.desc(), Report.id.desc())


def open_report_count(user: User) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(
        Report.status == REPORT_OPEN, _responsible_for(user))) or 0


def open_reports_about(subject_type: str, subject_id: int) -> list[Report]:
    return list(db.session.scalars(
        select(Report).where(Report.subject_type == subject_type, Report.subject_id == subject_id,
                             Report.status == REPORT_OPEN)
        .options(joinedload(Report.reporter)).order_by(Report.created_at, Report.id)))


def available_decisions(subject: Subject | None) -> list[str]:
    decisions = [DISMISS, RESOLVE]
    if subject is None:
        return decisions
    listing = subject.listing
    if listing is not None and listing.status == "published":
        decisions.append(UNPUBLISH)
    if subject.company is not None and subject.company.suspended_at is None:
        decisions.append(SUSPEND)
    return decisions


def decide_report(actor: User, entry: Report, subject: Subject | None, decision: str, note: str) -> None:
    """Close the report first (so two moderators cannot both act on it), then act on its subject.

    Raises ModerationError or listings' AlreadyDecided when someone else was quicker; the view rolls back.
    """
    if decision not in available_decisions(subject):
        raise services.ModerationError("This decision is not possible for this report.")
    services.close_report(actor, entry, resolved=decision != DISMISS, note=note)
    if decision == UNPUBLISH:
        listing_services.unpublish(actor, subject.listing, "reported", note)
    elif decision == SUSPEND:
        services.suspend_company(actor, subject.company, entry.reason, note)
