"""The main pages in each language show no English string of ours left untranslated."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from marketplace.extensions import db
from marketplace.i18n import DEFAULT_LANGUAGE, LANGUAGES
from marketplace.partnerships import services as partnerships

from ..factories import make_cluster, make_company, make_listing, make_user

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# Words that are the same in every language, or names: they may stand untranslated.
ALLOWED = {"CLUSTERS-CORD", "Marketplace", "CLUSTERS-CORD Marketplace", "OK", "E-mail", "Atom feed"}


def _untranslatable(lang: str) -> set[str]:
    """Our English strings (no placeholders, two words or more) whose translation differs from them."""
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = set()
    for message in catalog:
        if not message.id or isinstance(message.id, tuple) or PLACEHOLDER.search(message.id):
            continue
        if len(message.id.split()) >= 2 and message.string and message.string != message.id:
            found.add(message.id)
    return found - ALLOWED


def _text_segments(page: str) -> set[str]:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    segments = set()
    for chunk in re.split(r"<[^>]+>", page):
        text = " ".join(html.unescape(chunk).split())
        if text:
            segments.add(text)
    for attribute in re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', page):
        segments.add(" ".join(html.unescape(attribute).split()))
    return segments


@pytest.fixture
def app(translated_app):
    return translated_app


@pytest.fixture
def world(app):
    member = make_user("member@example.com", name="Member Person")
    manager = make_user("manager@example.com", name="Manager Person")
    company = make_company("Lesna d.o.o.", country="SI", members=[member])
    make_cluster("Celje Wood Cluster", country="SI", managers=[manager], members=[company])
    listing = make_listing(company, title="Wood pellets for export", keywords=["pellets"])
    make_listing(company, status="pending", title="Pending pellets")
    partnership = partnerships.create_partnership(
        member, partnerships.PartnershipData(name="Biomass alliance", goal="Pellets across borders.", sector="wood"),
        ("company", company.id))
    partnerships.publish(partnership)
    db.session.commit()
    return {"member": member, "manager": manager, "company": company, "listing": listing,
            "partnership": partnership}


PAGES = [
    ("anonymous", "/"), ("anonymous", "/listings"), ("anonymous", "/listings/{listing}"),
    ("anonymous", "/companies/{company}"), ("anonymous", "/account/sign-in"), ("anonymous", "/account/sign-up"),
    ("anonymous", "/partnerships/{partnership}"), ("member", "/inbox"), ("manager", "/moderation"),
]


@pytest.mark.parametrize("lang", sorted(set(LANGUAGES) - {DEFAULT_LANGUAGE}))
def test_main_pages_are_fully_translated(app, client, auth, world, lang):
    ours = _untranslatable(lang)
    leftovers = {}
    signed_in = None
    for who, path in PAGES:
        if who != signed_in:
            if signed_in:
                auth.sign_out()
            if who != "anonymous":
                auth.sign_in(world[who])
            signed_in = who if who != "anonymous" else None
        url = path.format(listing=world["listing"].id, company=world["company"].slug,
                          partnership=world["partnership"].slug)
        response = client.get(url, query_string={"lang": lang}, follow_redirects=True)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        english = sorted(_text_segments(page) & ours)
        if english:
            leftovers[url] = english
    assert not leftovers, leftovers
