"""Small text helpers: slugs for stable, readable addresses."""
from __future__ import annotations

import re
import unicodedata

_TRANSLITERATE = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "æ": "ae"})


def slugify(text: str, max_length: int = 80) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-") or "item"
