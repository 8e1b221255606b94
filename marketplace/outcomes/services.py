"""Recording outcomes on conversations and partnerships, listing them, and counting them for the figures."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload

from ..accounts.privacy import register_erasure_hook, register_export_contributor
from ..database import utcnow
from ..extensions import db
from .models import AGREEMENT, CONTRACT, JOINT_PROJECT, KINDS, MEETING, NOTE_MAX, Outcome
from .subjects import SUBJECTS

KIND_LABELS = {
    MEETING: _l("Meeting held"),
    AGREEMENT: _l("Agreement signed"),
    CONTRACT: _l("Contract"),
    JOINT_PROJECT: _l("Joint project submitted"),
}
# "Not in the future" is judged in the platform's easternmost time zone (UTC+3 in summer, Ukraine
# and Finland): there the day starts first, so nobody in Europe is told that today is tomorrow.
EASTERNMOST_OFFSET = timedelta(hours=3)
EARLIEST = date(2000, 1, 1)


class OutcomeError(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def latest_date() -> date:
    return (utcnow() + EASTERNMOST_OFFSET).date()


def record_outcome(actor, subject_type: str, subject_id: int, kind: str, occurred_on: date | None,
                   note: str = "") -> Outcome:
    """Store an outcome; the caller has checked that `actor` may record on the subject."""
    subject = SUBJECTS.get(subject_type)
    if subject is None:
        raise OutcomeError(_l("Outcomes cannot be recorded here."))
    if kind not in KINDS:
        raise OutcomeError(_l("Choose what came of it from the list."), "kind")
    if occurred_on is None:
        raise OutcomeError(_l("Enter the date."), "occurred_on")
    if occurred_on > latest_date():
        raise OutcomeError(_l("The date cannot be in the future."), "occurred_on")
    if occurred_on < EARLIEST:
        raise OutcomeError(_l("Enter a date from the year 2000 on."), "occurred_on")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise OutcomeError(_l("The note may have at most %(max)d characters.", max=NOTE_MAX), "note")
    company_id, cluster_id = subject.recorder(actor, subject_id)
    outcome = Outcome(subject_type=subject_type, subject_id=subject_id, kind=kind, occurred_on=occurred_on,
                      note=note, company_id=company_id, cluster_id=cluster_id, recorded_by_id=actor.id)
    db.session.add(outcome)
    db.session.flush()
    return outcome


def delete_outcome(outcome: Outcome) -> None:
    db.session.delete(outcome)
    db.session.flush()


def outcomes_of(subject_type: str, subject_id: int) -> list[Outcome]:
    """A subject's outcomes, newest first, with who recorded them (one query)."""
    return list(db.session.scalars(
        select(Outcome).where(Outcome.subject_type == subject_type, Outcome.subject_id == subject_id)
        .options(joinedload(Outcome.company), joinedload(Outcome.cluster))
        .order_by(Outcome.occurred_on.desc(), Outcome.id.desc())))


def outcomes_for_companies(company_ids) -> dict[str, int]:
    """Outcomes by kind in which any of these companies took part, each outcome counted once.

    A company takes part in an outcome it recorded, and in those recorded on a subject it is
    involved in (a partnership it is an active member of, a conversation it is a party to), as
    the registered subjects define. Every kind is in the result, zeros included.
    """
    counts = dict.fromkeys(KINDS, 0)
    ids = list({int(i) for i in company_ids})
    if not ids:
        return counts
    conditions = [Outcome.company_id.in_(ids)]
    for subject in SUBJECTS.values():
        if subject.involved is not None:
            conditions.append((Outcome.subject_type == subject.type) & Outcome.subject_id.in_(subject.involved(ids)))
    rows = db.session.execute(select(Outcome.kind, func.count(Outcome.id)).where(or_(*conditions))
                              .group_by(Outcome.kind))
    for kind, count in rows:
        if kind in counts:
            counts[kind] = count
    return counts


# --- Privacy ----------------------------------------------------------------------------------------

@register_export_contributor
def _export(user) -> tuple[str, Any]:
    rows = db.session.scalars(select(Outcome).where(Outcome.recorded_by_id == user.id).order_by(Outcome.id))
    return "outcomes_recorded", [
        {"subject_type": row.subject_type, "subject_id": row.subject_id, "kind": row.kind,
         "occurred_on": row.occurred_on.isoformat(), "note": row.note, "recorded_at": row.created_at.isoformat()}
        for row in rows]


@register_erasure_hook
def _erase(user) -> None:
    """The outcome belongs to the company's record and stays; the note is the person's words and goes."""
    db.session.execute(update(Outcome).where(Outcome.recorded_by_id == user.id)
                       .values(recorded_by_id=None, note=""))

