"""The Matches tab and suggested partners, as pages."""
from __future__ import annotations

import re

from marketplace.extensions import db

from ..factories import make_company, make_listing, make_user


def _world():
    si_owner = make_user("si@example.com")
    si = make_company("Lesna d.o.o.", country="SI", members=[si_owner])
    at = make_company("Holzhandel Wien", country="AT")
    cz = make_company("Pelety CZ", country="CZ")
    offer = make_listing(si, kind="offer", sector="wood", title="Wood pellets from Slovenia",
                         keywords=["pellets", "biomass"], cooperation_types=["commercial-agency"],
                         target_countries=["AT"])
    request = make_listing(at, kind="request", sector="wood", title="Distributor of pellets sought",
                           keywords=["pellets"], cooperation_types=["commercial-agency"], target_countries=["SI"])
    make_listing(cz, kind="request", sector="wood", title="Hidden pending pellets request", status="pending",
                 keywords=["pellets"])
    db.session.commit()
    return si_owner, offer, request


def test_matches_tab_shows_reasons_in_words(client, app):
    _, offer, _ = _world()
    html = client.get(f"/listings/{offer.id}/matches").get_data(as_text=True)
    assert "Distributor of pellets sought" in html
    assert "Hidden pending" not in html
    reasons = re.findall(r'<li class="reason reason-[\w-]+">([^<]+)</li>', html)
    assert any("Same sector" in r for r in reasons)
    assert any("pellets" in r for r in reasons)
    assert f'href="/listings/{offer.id}/matches" aria-current="page"' in html


def test_matches_of_a_listing_one_may_not_see_are_not_found(client, app):
    si = make_company(country="SI")
    draft = make_listing(si, status="draft")
    db.session.commit()
    assert client.get(f"/listings/{draft.id}/matches").status_code == 404
    assert client.get("/listings/999999/matches").status_code == 404


def test_suggested_partners_for_my_company(client, auth, app):
    owner, _, _ = _world()
    auth.sign_in(owner)
    html = client.get("/my/partners").get_data(as_text=True)
    assert "Holzhandel Wien" in html and "Pelety CZ" not in html


def test_suggested_partners_need_sign_in(client, app):
    assert client.get("/my/partners").status_code == 302
