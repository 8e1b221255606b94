"""Text folding and the search query language, shared by the SQLite and PostgreSQL backends.

Documents and queries are folded in Python the same way for both databases, so "Łódź",
"Lodz" and "lodz" meet, and German umlauts are indexed in both spellings ("Müller" is
found as "Muller" and as "Mueller").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Letters that Unicode decomposition does not reduce to a base letter.
_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ẞ": "ss", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o",
                          "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MIN_PREFIX = 3  # shorter words match only themselves: "di"* would read most of the index


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def document(*parts: str) -> str:
    """The indexed form of some text: folded words, plus the ae/oe/ue spelling of umlaut words."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        out.extend(words(part))
        for raw in re.findall(r"\w*[äöüÄÖÜ]\w*", part):
            out.extend(words(raw.translate(_UMLAUTS)))
    return " ".join(out)


@dataclass
class Term:
    words: list[str]          # one word, or several for a "quoted phrase"
    prefix: bool = True       # a lone word also matches longer words ("logist" → "logistics")

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class Query:
    """All groups must match; a group matches when any of its terms does; excluded terms must not."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def plain_words(self) -> list[str]:
        return [w for group in self.groups for term in group for w in term.words]


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# People quote as their language and keyboard do: „Kälte“, “cold chain”, «catena del freddo».
_PHRASE_QUOTES = str.maketrans({q: '"' for q in "“”„‟«»″"})


def parse(raw: str | None) -> Query:
    """Parse what a person typed: words, "quoted phrases", OR between alternatives, -word to exclude.

    Anything else (operators of either engine, brackets, SQL, control characters) is just text
    that folds to words or to nothing: the output can only ever contain [a-z0-9] words.
    """
    query = Query()
    if not raw:
        return query
    raw = raw[:MAX_QUERY_LENGTH].translate(_PHRASE_QUOTES)
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(raw):
        negate, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR":
                pending_or = bool(query.groups)
                continue
            negate = "-" if bare.startswith("-") and len(bare) > 1 else ""
            found = words(bare.lstrip("-") if negate else bare)
            terms = [Term([w]) for w in found]
        else:
            found = words(phrase)
            terms = [Term(found, prefix=False)] if len(found) > 1 else [Term(found)] if found else []
        for term in terms:
            if count >= MAX_TERMS:
                return query
            if term.prefix and len(term.words[0]) < MIN_PREFIX and not term.words[0].isdigit():
                term.prefix = False
            count += 1
            if negate:
                query.excluded.append(term)
            elif pending_or:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
            pending_or = False
    return query


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression; every word is quoted, so no FTS5 syntax can come from the user."""

    def term(t: Term) -> str:
        return f'"{" ".join(t.words)}"' + ("*" if t.prefix and not t.is_phrase else "")

    if not query.groups:
        return ""
    groups = ["(" + " OR ".join(term(t) for t in group) + ")" for group in query.groups]
    expression = " AND ".join(groups)
    for t in query.excluded:
        expression += f" NOT {term(t)}"
    return expression


def to_tsquery(query: Query) -> str:
    """A PostgreSQL to_tsquery('simple', …) expression built only from [a-z0-9] words."""

    def term(t: Term) -> str:
        if t.is_phrase:
            return "(" + " <-> ".join(t.words) + ")"
        return t.words[0] + (":*" if t.prefix else "")

    if not query.groups:
        return ""
    groups = ["(" + " | ".join(term(t) for t in group) + ")" for group in query.groups]
    groups += ["!" + term(t) for t in query.excluded]
    return " & ".join(groups)
