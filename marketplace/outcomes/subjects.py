"""The registry of things outcomes can be recorded on: each domain registers its own subject type.

Outcomes never import the domains they serve (conversations, partnerships): a domain calls
`register_subject` at import time with small functions that answer for its objects, e.g.

    register_subject("conversation", can_record_fn=lambda user, id: ..., url_fn=lambda id: ...)

- can_record_fn(user, subject_id) -> bool: may this person record (and see) outcomes on it?
- url_fn(subject_id) -> str | None: the subject's page; None when there is no such subject (404).
- recorder_fn(user, subject_id) -> (company_id, cluster_id): whom the person speaks for; by default
  their company.
- involved_fn(company_ids) -> a SELECT of subject ids in which these companies take part (beyond
  having recorded an outcome themselves), for the figures of `outcomes_for_companies`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional


def _own_company(user, _subject_id: int) -> tuple[Optional[int], Optional[int]]:
    return user.company_id, None


@dataclass(frozen=True)
class Subject:
    type: str
    can_record: Callable[[Any, int], bool]
    url: Callable[[int], Optional[str]]
    recorder: Callable[[Any, int], tuple[Optional[int], Optional[int]]] = _own_company
    involved: Optional[Callable[[list[int]], Any]] = None


SUBJECTS: dict[str, Subject] = {}


def register_subject(subject_type: str, can_record_fn, url_fn, recorder_fn=None, involved_fn=None) -> Subject:
    """Register (or replace, e.g. on re-import) the functions answering for one subject type."""
    subject = Subject(subject_type, can_record_fn, url_fn, recorder_fn or _own_company, involved_fn)
    SUBJECTS[subject_type] = subject
    return subject


def subject_for(subject_type: str) -> Subject | None:
    return SUBJECTS.get(subject_type)
