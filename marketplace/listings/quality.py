"""Warnings (never blocks) about a listing before it is submitted for review."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask_babel import lazy_gettext as _l

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\w/])\+?\d[\d ()./-]{7,}\d(?!\w)")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|eu|de|at|cz|sk|pl|hu|si|it|net|org)\b", re.IGNORECASE)

MESSAGES = {
    "summary-repeats-title": _l("The summary repeats the title. Use it to say what you offer or seek and why it matters."),
    "capitals": _l("Much of the text is in capital letters, which reads as shouting. Please use normal case."),
    "no-keywords": _l("Add a few keywords so that partners and the matching find your listing."),
    "contact-details": _l("The text seems to contain contact details (e-mail, phone or web address). They are shared only after both sides accept an expression of interest, so please remove them."),
}


@dataclass(frozen=True)
class Warning:
    code: str

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) / len(letters) > 0.6


def _repeats(title: str, summary: str) -> bool:
    a, b = title.strip().lower(), summary.strip().lower()
    if not a or not b:
        return False
    return b.startswith(a) and len(b) < len(a) + 20 or SequenceMatcher(None, a, b).ratio() > 0.8


def check(title: str, summary: str, texts: list[str], keywords: list[str]) -> list[Warning]:
    warnings = []
    if _repeats(title, summary):
        warnings.append(Warning("summary-repeats-title"))
    if any(_mostly_capitals(t) for t in (title, summary, *texts)):
        warnings.append(Warning("capitals"))
    if not keywords:
        warnings.append(Warning("no-keywords"))
    joined = "\n".join((title, summary, *texts))
    if EMAIL.search(joined) or PHONE.search(joined) or URL.search(joined):
        warnings.append(Warning("contact-details"))
    return warnings
