"""Atom 1.0 (RFC 4287) documents built with ElementTree, which escapes every text and attribute."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all, not even escaped; they are dropped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

ET.register_namespace("", ATOM_NS)


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC, as Atom's date constructs require."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    id: str
    title: str
    link: str
    updated: datetime
    published: datetime | None = None
    summary: str = ""
    language: str | None = None
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


@dataclass
class Feed:
    id: str
    title: str
    self_link: str
    alternate_link: str
    updated: datetime
    author: str
    author_uri: str
    language: str
    subtitle: str = ""
    entries: list[Entry] = field(default_factory=list)


def _add(parent: ET.Element, tag: str, text: object | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def render(feed: Feed) -> bytes:
    root = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: feed.language})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "updated", timestamp(feed.updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    author = _add(root, "author")
    _add(author, "name", feed.author)
    _add(author, "uri", feed.author_uri)
    for entry in feed.entries:
        element = _add(root, "entry")
        if entry.language:
            element.set(XML_LANG, entry.language)
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.published:
            _add(element, "published", timestamp(entry.published))
        _add(element, "updated", timestamp(entry.updated))
        for term, label in entry.categories:
            _add(element, "category", term=term, label=label)
        if entry.summary:
            _add(element, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
