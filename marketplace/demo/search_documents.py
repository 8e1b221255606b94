"""The folded search documents of demo listings, exactly as listings.models.search_fields makes them, faster."""
from __future__ import annotations

import re

from ..search.text import document, fold, words

_NOT_WORD = re.compile(r"[^a-z0-9]+")  # search.text's words are the runs of [a-z0-9]
_RUN = re.compile(r"\w+")
_UMLAUTS = frozenset("äöüÄÖÜ")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class SearchDocuments:
    """listings.models.search_fields, computed at C speed for 100,000 texts made of the same phrases.

    search.text.fold works character by character (NFKD, drop combining marks, lower case), so
    folding each run of non-ASCII characters once (ASCII only needs lower case) gives the same
    words; umlaut spellings are looked up per word. A test checks that the documents equal
    search_fields' exactly.
    """

    def __init__(self):
        self.folded: dict[str, str] = {}  # run of non-ASCII characters -> its folded form
        self.spellings: dict[str, str] = {}
        self.parts: dict[str, str] = {}

    def _fold_run(self, match: re.Match) -> str:
        run = match.group()
        known = self.folded.get(run)
        if known is None:
            known = self.folded[run] = fold(run)
        return known

    def _words(self, text: str) -> str:
        if not text.isascii():
            text = _NON_ASCII.sub(self._fold_run, text)
        # " ".join(findall("[a-z0-9]+")) without making a string per word
        return _NOT_WORD.sub(" ", text.lower()).strip()

    def _spelling(self, word: str) -> str:
        known = self.spellings.get(word)
        if known is None:
            plain = words(word)
            known = self.spellings[word] = " ".join(document(word).split()[len(plain):])
        return known

    def document(self, *parts: str) -> str:
        out = []
        for part in parts:
            if part:
                out.append(self._words(part))
                if not _UMLAUTS.isdisjoint(part):
                    # the matches of search.text's r"\w*[äöüÄÖÜ]\w*": whole \w runs holding an umlaut
                    out.extend(self._spelling(run) for run in _RUN.findall(part) if not _UMLAUTS.isdisjoint(run))
        return " ".join(chunk for chunk in out if chunk)

    def _repeated(self, part: str) -> str:
        """The document of a part that recurs across listings (keywords, advantages, partner sought)."""
        known = self.parts.get(part)
        if known is None:
            known = self.parts[part] = self.document(part)
        return known

    def fields(self, title: str, summary: str, description: str, advantages: str, partner_role: str,
               keywords: list[str]) -> dict[str, str]:
        # A document is the documents of its parts in order, so parts can be folded separately.
        title_parts = (self.document(title), self._repeated(" ".join(keywords)))
        body_parts = (self.document(summary, description), self._repeated(advantages), self._repeated(partner_role))
        return {"search_title": " ".join(p for p in title_parts if p),
                "search_body": " ".join(p for p in body_parts if p)}
