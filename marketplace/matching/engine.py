"""Pure scoring of a pair of listings: which fits, how well (0–100, a band) and why, in words.

Nothing here touches the database: candidates.py finds the candidates and their full-text
rank, and this module only reads plain values, so every rule can be tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Callable

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from .. import reference
from ..database import utcnow
from ..search.text import words
from .related import compatible_type_pairs, partnership_types, sectors_related

OFFER, REQUEST = "offer", "request"

# Points per reason. The positive ones add up to a little over 100, so a pair needs to fit
# on most counts to reach the top band; the score is clamped to 0–100.
KIND_POINTS = 10
SAME_SECTOR = 20
RELATED_SECTOR = 10
SHARED_TYPE = 15
COMPATIBLE_TYPE = 8
TARGETED = 10            # one side's country is among the other's explicit target countries
OPEN_TO_ANY = 4          # the other side accepts partners from any country: a weaker fit
KEYWORD_POINTS = 7
KEYWORDS_MAX = 20
TEXT_MAX = 15
RECENT_POINTS = 5
RECENT = timedelta(days=30)
FAIRLY_RECENT_POINTS = 2
FAIRLY_RECENT = timedelta(days=90)
SAME_COUNTRY_PENALTY = 20  # cross-border pairs are what the marketplace is for

SIMILAR_TEXT = 0.5        # normalised full-text rank from which "similar wording" is named
RELEVANT_TEXT = 0.25      # ... and from which wording alone makes a pair worth showing
MIN_SCORE = 25

BANDS: tuple[tuple[str, int], ...] = (("excellent", 70), ("good", 50), ("possible", MIN_SCORE))
BAND_LABELS = {"excellent": _l("Excellent match"), "good": _l("Good match"), "possible": _l("Possible match")}

KIND_CODES = ("offer-request", "request-offer", "same-partnership")


def band_for(score: int) -> str | None:
    for code, floor in BANDS:
        if score >= floor:
            return code
    return None


def _ceiling(band: str) -> int:
    """The highest score still in `band`."""
    floors = [floor for _, floor in BANDS]
    index = [code for code, _ in BANDS].index(band)
    return 100 if index == 0 else floors[index - 1] - 1


def _types(codes) -> str:
    return ", ".join(str(reference.COOPERATION_TYPES.get(c, c)) for c in codes)


def _sector(code: str) -> str:
    return str(reference.SECTORS.get(code, code))


# Rendered when read, in the reader's language; codes and parameters are what is stored.
_TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "offer-request": lambda p: _("Offer ↔ request"),
    "request-offer": lambda p: _("Request ↔ offer"),
    "same-partnership": lambda p: _("Both seek the same partnership: %(types)s", types=_types(p["types"])),
    "same-sector": lambda p: _("Same sector: %(sector)s", sector=_sector(p["sector"])),
    "related-sector": lambda p: _("Related sector: %(sector)s", sector=_sector(p["sector"])),
    "shared-types": lambda p: ngettext("Shared cooperation type: %(types)s", "Shared cooperation types: %(types)s",
                                       len(p["types"]), types=_types(p["types"])),
    "compatible-types": lambda p: _("Compatible cooperation types: %(mine)s ↔ %(theirs)s",
                                    mine=_types([p["mine"]]), theirs=_types([p["theirs"]])),
    "they-target-you": lambda p: _("They target %(country)s; you are in %(country)s",
                                   country=reference.country_name(p["country"])),
    "they-target-any": lambda p: _("They are open to partners from any country"),
    "you-target-them": lambda p: _("You target %(country)s; they are in %(country)s",
                                   country=reference.country_name(p["country"])),
    "you-target-any": lambda p: _("You are open to partners from any country"),
    "shared-keywords": lambda p: ngettext("Shared keyword: %(keywords)s", "Shared keywords: %(keywords)s",
                                          len(p["keywords"]), keywords=", ".join(p["keywords"])),
    "similar-text": lambda p: _("Similar wording in title and description"),
    "recent": lambda p: _("Posted recently"),
    "same-country": lambda p: _("Same country: not cross-border"),
}


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return _TEXTS[self.code](self.params)

    def __str__(self) -> str:
        return self.text


class _computed_once:
    """functools.cached_property without its lock, which Python 3.11 takes on every first read; a
    Matches tab reads three such properties of each of some 200 profiles, all in one thread."""

    def __init__(self, compute: Callable) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class Profile:
    """What the scoring reads of one listing (and of its company's country)."""

    kind: str
    sector: str
    country: str
    company_id: int | None = None
    id: int | None = None
    types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()            # as the author wrote them
    targets: frozenset[str] = frozenset()     # explicit target countries
    targets_any: bool = True
    title: str = ""
    published_at: datetime | None = None
    indexed_title: str = ""  # the folded title and keywords the full-text index holds, if known

    @classmethod
    def of(cls, listing) -> "Profile":
        return cls(kind=listing.kind, sector=listing.sector, country=listing.company.country,
                   company_id=listing.company_id, id=listing.id, types=tuple(listing.cooperation_types),
                   keywords=tuple(listing.keywords), targets=frozenset(listing.target_countries),
                   targets_any=listing.targets_any_country or not listing.target_countries,
                   title=listing.title or "", published_at=listing.published_at,
                   indexed_title=listing.search_title or "")

    @_computed_once
    def vocabulary(self) -> frozenset[str]:
        """Folded words of the title and keywords."""
        if self.indexed_title:
            return frozenset(self.indexed_title.split())
        return frozenset(words(self.title)).union(*(_phrase(k) for k in self.keywords))

    @_computed_once
    def inflected(self) -> frozenset[str]:
        """The vocabulary's words and their shorter forms (_shorter_forms: words of six letters or more)."""
        vocabulary = self.vocabulary
        return vocabulary.union(*[_shorter_forms(word) for word in vocabulary if len(word) > 5])

    @_computed_once
    def covered(self) -> dict[tuple[str, ...], bool]:
        """Which keyword phrases this profile's words cover, as looked up: the source of a Matches
        tab meets the same keywords in many candidates."""
        return {}


@dataclass
class Assessment:
    score: int
    band: str
    reasons: list[Reason]
    cross_border: bool

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


def kind_reason(mine: Profile, theirs: Profile) -> Reason | None:
    """Offer meets request; two listings of one kind meet only when both seek R&D or a joint venture."""
    if mine.kind != theirs.kind:
        return Reason("offer-request" if mine.kind == OFFER else "request-offer", KIND_POINTS)
    shared = [t for t in partnership_types(list(mine.types)) if t in theirs.types]
    if shared:
        return Reason("same-partnership", KIND_POINTS, {"types": shared})
    return None


@lru_cache(maxsize=16384)
def _shorter_forms(word: str) -> frozenset[str]:
    """The word and its short inflections: its prefixes of five letters or more at most three letters
    shorter ("pellet" of "pellets", "biomass" of "biomasse"). Two words are the same word when one
    is among the other's shorter forms."""
    return frozenset([word, *(word[:end] for end in range(max(5, len(word) - 3), len(word)))])


def _same_word(word: str, forms: set[str] | frozenset[str], known: set[str] | frozenset[str]) -> bool:
    """`word` is the same word as one of `known`, whose shorter forms together are `forms`."""
    return word in forms or not known.isdisjoint(_shorter_forms(word))


@lru_cache(maxsize=4096)
def _phrase(keyword: str) -> tuple[str, ...]:
    """A keyword's folded words; keywords repeat across listings, so folding each once pays."""
    return tuple(words(keyword))


def _covered(phrase: tuple[str, ...], profile: Profile) -> bool:
    covered = profile.covered.get(phrase)
    if covered is None:
        inflected, vocabulary = profile.inflected, profile.vocabulary
        covered = profile.covered[phrase] = bool(phrase) and all(
            _same_word(w, inflected, vocabulary) for w in phrase)
    return covered


def shared_keywords(mine: Profile, theirs: Profile) -> list[str]:
    """My keywords found among theirs or in their title, then theirs found in mine; as written."""
    shared: list[str] = []
    named: set[str] = set()
    named_forms: set[str] = set()
    for keywords, other in ((mine.keywords, theirs), (theirs.keywords, mine)):
        for keyword in keywords:
            phrase = _phrase(keyword)
            if _covered(phrase, other) and not (named and all(_same_word(w, named_forms, named) for w in phrase)):
                shared.append(keyword)
                named.update(phrase)
                named_forms.update(*map(_shorter_forms, phrase))
    return shared


def _type_reasons(kind: Reason, mine: Profile, theirs: Profile) -> list[Reason]:
    """Shared cooperation types, or else compatible ones; may move points onto the kind reason."""
    shared = [t for t in mine.types if t in theirs.types]
    if kind.code == "same-partnership":
        named = [t for t in shared if t not in kind.params["types"]]
        return [Reason("shared-types", SHARED_TYPE, {"types": named})] if named else []
    if shared:
        return [Reason("shared-types", SHARED_TYPE, {"types": shared})]
    pairs = compatible_type_pairs(list(mine.types), list(theirs.types))
    if pairs:
        return [Reason("compatible-types", COMPATIBLE_TYPE, {"mine": pairs[0][0], "theirs": pairs[0][1]})]
    return []


def _country_reasons(mine: Profile, theirs: Profile) -> list[Reason]:
    """Each side's country inside the other's targets; "any country" is a weaker fit."""
    reasons = []
    if mine.country in theirs.targets:
        reasons.append(Reason("they-target-you", TARGETED, {"country": mine.country}))
    elif theirs.targets_any:
        reasons.append(Reason("they-target-any", OPEN_TO_ANY))
    if theirs.country in mine.targets:
        reasons.append(Reason("you-target-them", TARGETED, {"country": theirs.country}))
    elif mine.targets_any:
        reasons.append(Reason("you-target-any", OPEN_TO_ANY))
    if mine.country == theirs.country:
        reasons.append(Reason("same-country", -SAME_COUNTRY_PENALTY))
    return reasons


def assess(mine: Profile, theirs: Profile, text_similarity: float = 0.0,
           now: datetime | None = None) -> Assessment | None:
    """Score `theirs` as a partner for `mine`; None when the pair does not fit at all.

    `text_similarity` is the full-text rank of their listing for a query made of mine,
    normalised to 0–1 by the caller.
    """
    kind = kind_reason(mine, theirs)
    if kind is None or (mine.company_id is not None and mine.company_id == theirs.company_id):
        return None
    reasons = [kind]
    if mine.sector == theirs.sector:
        reasons.append(Reason("same-sector", SAME_SECTOR, {"sector": theirs.sector}))
    elif sectors_related(mine.sector, theirs.sector):
        reasons.append(Reason("related-sector", RELATED_SECTOR, {"sector": theirs.sector}))
    types = _type_reasons(kind, mine, theirs)
    if kind.code == "same-partnership" and not types:
        # The partnership reason already names the shared type, so it earns the type's points.
        reasons[0] = Reason(kind.code, KIND_POINTS + SHARED_TYPE, kind.params)
    reasons += types
    keywords = shared_keywords(mine, theirs)
    if keywords:
        reasons.append(Reason("shared-keywords", min(KEYWORDS_MAX, KEYWORD_POINTS * len(keywords)),
                              {"keywords": keywords[:5]}))
    reasons += _country_reasons(mine, theirs)

    unnamed = 0  # points of signals too faint to be worth saying
    text_similarity = max(0.0, min(1.0, text_similarity))
    if text_similarity >= SIMILAR_TEXT:
        reasons.append(Reason("similar-text", round(TEXT_MAX * text_similarity)))
    else:
        unnamed += round(TEXT_MAX * text_similarity)
    if theirs.published_at is not None:
        age = (now or utcnow()) - theirs.published_at
        if age <= RECENT:
            reasons.append(Reason("recent", RECENT_POINTS))
        elif age <= FAIRLY_RECENT:
            unnamed += FAIRLY_RECENT_POINTS

    codes = {r.code for r in reasons}
    worded = bool(keywords) or text_similarity >= RELEVANT_TEXT
    if not (worded or {"same-sector", "related-sector"} & codes):
        return None  # countries and kind alone do not make two listings relevant to each other
    score = max(0, min(100, sum(r.points for r in reasons) + unnamed))
    if not worded:
        # Without a word in common the pair fits on paper only: a good match at best when sector
        # and cooperation type coincide, otherwise a possible one.
        on_paper = "same-sector" in codes and bool({"shared-types", "same-partnership"} & codes)
        score = min(score, _ceiling("good" if on_paper else "possible"))
    band = band_for(score)
    if band is None:
        return None
    reasons.sort(key=lambda r: (r.code not in KIND_CODES, -r.points))
    return Assessment(score=score, band=band, reasons=reasons, cross_border=mine.country != theirs.country)
