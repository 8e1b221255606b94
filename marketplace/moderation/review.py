"""A listing as the moderator reads it: every field labelled, and a revision set against the published text."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from flask_babel import gettext as _, lazy_gettext as _l

from .. import reference
from ..listings import choices
from ..listings.models import Listing
from ..listings.services import ListingData

FIELD_LABELS = {
    "kind": _l("Offer or request"),
    "title": _l("Title"),
    "summary": _l("Summary"),
    "description": _l("Description"),
    "advantages": _l("Advantages and innovations"),
    "development_stage": _l("Stage of development"),
    "cooperation_types": _l("Cooperation types"),
    "sector": _l("Main sector"),
    "keywords": _l("Keywords"),
    "partner_role": _l("Role of the partner sought"),
    "partner_sizes": _l("Size of the partner sought"),
    "partner_type": _l("Type of partner sought"),
    "target_countries": _l("Target countries"),
    "language": _l("Language of the listing"),
}
# Free text a moderator must read in full, kept with its line breaks.
LONG_TEXT = {"summary", "description", "advantages", "partner_role"}


@dataclass
class FieldRow:
    name: str
    label: str
    current: str
    proposed: str | None  # None: no revision, the row shows the listing as it is

    @property
    def changed(self) -> bool:
        return self.proposed is not None and self.proposed != self.current

    @property
    def long(self) -> bool:
        return self.name in LONG_TEXT


def _label(labels: dict, code: str) -> str:
    return str(labels.get(code, code)) if code else ""


def display(name: str, value) -> str:
    """A field's value as words in the reader's language (codes become labels)."""
    if name == "kind":
        return _label(choices.KIND_LABELS, value)
    if name == "sector":
        return _label(reference.SECTORS, value)
    if name == "development_stage":
        return _label(choices.DEVELOPMENT_STAGES, value)
    if name == "partner_type":
        return _label(choices.PARTNER_TYPES, value)
    if name == "language":
        return reference.language_name(value) if value else ""
    if name == "cooperation_types":
        return ", ".join(_label(reference.COOPERATION_TYPES, code) for code in value)
    if name == "partner_sizes":
        return ", ".join(_label(reference.SIZE_SHORT, code) for code in value)
    if name == "target_countries":
        return ", ".join(reference.country_name(code) for code in value) if value else _("Any country")
    if name == "keywords":
        return ", ".join(value)
    return value or ""


def field_rows(listing: Listing) -> list[FieldRow]:
    """The listing's fields; with a pending revision, each with the proposed value beside it."""
    current = asdict(ListingData.of(listing))
    proposed = asdict(ListingData(**listing.revision)) if listing.has_pending_revision else None
    return [FieldRow(name, str(label), display(name, current[name]),
                     display(name, proposed[name]) if proposed is not None else None)
            for name, label in FIELD_LABELS.items()]
