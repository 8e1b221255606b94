"""Domain knowledge of the matching: related sectors, compatible cooperation types, words that say nothing."""
from __future__ import annotations

# Sectors whose companies commonly trade with or supply each other (symmetric).
# Kept short on purpose: a relation everyone has says nothing about a pair.
_SECTOR_PAIRS: tuple[tuple[str, str], ...] = (
    ("wood", "energy-environment"),        # biomass, pellets, wood chips for heating
    ("wood", "production"),                # woodworking machinery, components
    ("energy-environment", "production"),  # equipment for renewables and recycling
    ("automotive-aerospace", "production"),
    ("automotive-aerospace", "logistics"),
    ("food", "production"),                # processing and packaging machinery
    ("food", "logistics"),                 # cold chain
    ("food", "tourism"),                   # regional produce for hotels and restaurants
    ("health", "ict"),                     # e-health
    ("health", "tourism"),                 # spa and medical tourism
    ("ict", "professional-services"),
    ("ict", "production"),                 # industry 4.0
    ("logistics", "tourism"),              # passenger mobility
)

RELATED_SECTORS: dict[str, frozenset[str]] = {}
for _a, _b in _SECTOR_PAIRS:
    RELATED_SECTORS[_a] = RELATED_SECTORS.get(_a, frozenset()) | {_b}
    RELATED_SECTORS[_b] = RELATED_SECTORS.get(_b, frozenset()) | {_a}


def related_sectors(sector: str) -> frozenset[str]:
    return RELATED_SECTORS.get(sector, frozenset())


def sectors_related(a: str, b: str) -> bool:
    return b in related_sectors(a)


# Different cooperation types that still describe one deal seen from its two sides,
# e.g. a manufacturer offering to be a "supplier" and a buyer seeking "subcontracting".
_COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(frozenset(pair) for pair in (
    ("commercial-agency", "supplier"),
    ("subcontracting", "supplier"),
    ("subcontracting", "technical"),
    ("technical", "research"),
    ("technical", "services"),
    ("joint-venture", "investment"),
))


def compatible_type_pairs(mine: list[str], theirs: list[str]) -> list[tuple[str, str]]:
    """Pairs (my type, their type) of different but compatible cooperation types."""
    return [(a, b) for a in mine for b in theirs if a != b and frozenset((a, b)) in _COMPATIBLE_TYPES]


# Two listings of the same kind may match when both seek one of these partnerships:
# two research groups offering R&D partnership want each other, as do two joint-venture seekers.
PARTNERSHIP_TYPES: tuple[str, ...] = ("research", "joint-venture")


def partnership_types(types: list[str]) -> list[str]:
    return [t for t in types if t in PARTNERSHIP_TYPES]


# Words that occur in listings of every sector and language and so cannot tell two listings
# apart; the folded forms (search.text.fold) of en, de, pl, cs, sk, sl, hu, it.
STOPWORDS: frozenset[str] = frozenset("""
a an and are as at be by for from has have in into is it its of on or our the their this to we with you your
who which what that these those will can all also more new other such than very well per via
seek seeking sought looking look search searching want wanted offer offers offering offered request requests
partner partners partnership company companies firm cooperation collaboration business customer customers
service services product products provide provides providing solution solutions based long term market markets
international european europe cross border region regional country countries experience years quality high
seeks offers lets sells buy sell help make made
und der die das den dem des ein eine einen einem einer mit fur fuer uber ueber von zu zur zum auf im in ist
sind wir unsere
unser unseren sucht suchen gesucht bieten biete bietet anbieten partner partnerschaft kooperation
zusammenarbeit
firma unternehmen kunden markt maerkte bereich sowie oder als auch nach bei aus
i w z na do dla o od po oraz lub jest sa szuka oferuje nasz nasza nasze naszych firma firmy szukamy
poszukujemy oferujemy
oferta partnera partnerow wspolpraca wspolpracy rynku rynek usluga uslugi
a v ve se s na do pro od po za je jsou nase nasi nasich hleda hledame nabizi nabizime firma firmy spolecnost
partnera
partnery spoluprace spolupraci trh trhu sluzby sluzba
hlada hladame ponuka ponukame spolocnost spolupracu spolupraca partnerov nasej nase
in za iz ki je so smo nase naso isce iscemo ponuja ponujamo podjetje podjetja partnerja partnerje sodelovanje
trg storitve
es egy az a es szamara vagy mint keres keresnek keresunk kinal kinalunk ceg cegek partnert partner
egyuttmukodes piac szolgaltatas
il lo la le gli i di da del della delle dei per con su nel nella e o un una uno cerchiamo offriamo cerca offre
azienda aziende partner collaborazione mercato servizi servizio nostro nostra nostri sono siamo
""".split())
