"""Matches and suggested partners from the database: only active listings of other companies, grouped, ranked."""
from __future__ import annotations

from datetime import timedelta

import pytest

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.listings.models import DRAFT, PENDING, PUBLISHED, REJECTED, WITHDRAWN, Listing
from marketplace.matching.candidates import match_query
from marketplace.matching.services import find_matches, suggested_partners
from ..factories import make_company, make_listing

PELLETS = dict(sector="wood", cooperation_types=["supplier"], keywords=["pellets", "biomass"])


def offer(company, **fields):
    return make_listing(company, **{"kind": "offer", "title": "Wood pellets producer seeks distributors",
                                    "summary": "Certified wood pellets ENplus A1 for distributors.", **PELLETS,
                                    **fields})


def request(company, **fields):
    return make_listing(company, **{"kind": "request", "title": "Distributor seeks wood pellets suppliers",
                                    "summary": "We sell pellets to households and seek producers.", **PELLETS,
                                    **fields})


@pytest.fixture
def producer(app):
    return make_company("Lesna Energija", country="SI")


@pytest.fixture
def mine(producer):
    return offer(producer, target_countries=["AT", "DE"])


def ids(matches) -> list[int]:
    return [m.listing.id for m in matches]


def test_a_request_abroad_matches_with_reasons_in_words(app, mine):
    distributor = make_company("Pellets Handel", country="AT")
    theirs = request(distributor, target_countries=["SI"])
    db.session.commit()
    matches = find_matches(mine)
    assert ids(matches) == [theirs.id]
    match = matches[0]
    assert match.listing.company.name == "Pellets Handel"
    assert match.band == "excellent" and 70 <= match.score <= 100 and isinstance(match.score, int)
    assert match.cross_border
    with app.test_request_context():
        assert match.band_label == "Excellent match"
        texts = [r.text for r in match.reasons]
    assert texts[0] == "Offer ↔ request"
    assert {"Same sector: Wood industry", "They target Slovenia; you are in Slovenia",
            "You target Austria; they are in Austria", "Shared keywords: pellets, biomass",
            "Posted recently"} <= set(texts)


def _hidden_listings(now):
    """A perfect counterpart in every state the public must never see."""
    hidden = {}
    for status in (DRAFT, PENDING, REJECTED, WITHDRAWN):
        hidden[status] = request(make_company(country="AT"), status=status)
    hidden["expired"] = request(make_company(country="AT"), published_at=now - timedelta(days=400),
                                expires_at=now - timedelta(days=35))
    hidden["suspended company"] = request(make_company(country="AT", suspended_at=now - timedelta(days=1)))
    hidden["unpublished company"] = request(make_company(country="AT", is_published=False))
    return hidden


def test_only_active_listings_are_ever_matched(app, mine):
    now = utcnow()
    hidden = _hidden_listings(now)
    visible = request(make_company(country="AT"))
    db.session.commit()
    assert ids(find_matches(mine, now=now)) == [visible.id]


def test_suggested_partners_never_include_inactive_listings(app, producer, mine):
    now = utcnow()
    _hidden_listings(now)
    visible = request(make_company("Visible", country="AT"))
    db.session.commit()
    suggestions = suggested_partners(producer, now=now)
    assert [s.company.name for s in suggestions] == ["Visible"]
    assert [p.match.listing.id for p in suggestions[0].pairs] == [visible.id]


def test_expiry_is_judged_at_the_given_moment(app, mine):
    theirs = request(make_company(country="AT"))
    db.session.commit()
    assert ids(find_matches(mine)) == [theirs.id]
    assert find_matches(mine, now=theirs.expires_at + timedelta(seconds=1)) == []


def test_never_the_listing_own_company(app, producer, mine):
    request(producer)  # a perfect request, but ours
    db.session.commit()
    assert find_matches(mine) == []


def test_same_kind_listings_do_not_match(app, mine):
    offer(make_company(country="AT"))
    db.session.commit()
    assert find_matches(mine) == []


def test_research_partnerships_match_whatever_their_kind(app):
    institute = make_company(country="DE")
    mine = offer(institute, sector="energy-environment", cooperation_types=["research"],
                 title="Partners sought for hydrogen storage research", keywords=["hydrogen"],
                 summary="Horizon Europe consortium on hydrogen storage.")
    university = offer(make_company(country="PL"), sector="energy-environment", cooperation_types=["research"],
                       title="University offers hydrogen research cooperation", keywords=["hydrogen"],
                       summary="Laboratory for hydrogen storage.")
    unrelated_offer = offer(make_company(country="PL"), sector="energy-environment", cooperation_types=["supplier"],
                            title="Hydrogen tanks supplied", keywords=["hydrogen"], summary="Tanks.")
    db.session.commit()
    matches = find_matches(mine)
    assert ids(matches) == [university.id]
    assert matches[0].reasons[0].code == "same-partnership"
    assert unrelated_offer.id not in ids(matches)


def test_same_country_pairs_rank_lower_and_are_labelled(app, mine):
    at_home = request(make_company(country="SI"), target_countries=["SI"],
                      published_at=utcnow() - timedelta(hours=1))
    abroad = request(make_company(country="AT"), target_countries=["SI"],
                     published_at=utcnow() - timedelta(days=3))
    db.session.commit()
    matches = find_matches(mine)
    assert ids(matches) == [abroad.id, at_home.id]
    assert matches[1].cross_border is False and matches[1].reasons[-1].code == "same-country"
    assert matches[0].cross_border is True and "same-country" not in [r.code for r in matches[0].reasons]


def test_full_text_finds_partners_in_unrelated_sectors_too(app, producer):
    maker = make_company(country="AT")
    mine = offer(producer, sector="tourism", cooperation_types=["services"], keywords=["wellness", "spa"],
                 title="Spa hotel offers wellness stays", summary="Thermal spa wellness stays for groups.")
    theirs = request(maker, sector="production", cooperation_types=["services"], keywords=["sauna", "spa"],
                     title="Sauna maker seeks spa hotels for pilot installations", summary="Wellness saunas.")
    stranger = request(make_company(country="AT"), sector="automotive-aerospace", cooperation_types=["services"],
                       keywords=["gearbox"], title="Gearbox testing", summary="Testing of gearboxes.")
    db.session.commit()
    matches = find_matches(mine)
    assert ids(matches) == [theirs.id]  # words in common; the gearbox has neither words nor a related sector
    assert stranger.id not in ids(matches)


def test_matches_are_ranked_and_limited(app, mine):
    best = request(make_company(country="AT"), target_countries=["SI"])
    others = [request(make_company(country="DE"), published_at=utcnow() - timedelta(days=100 + i))
              for i in range(5)]
    db.session.commit()
    matches = find_matches(mine, limit=3)
    assert len(matches) == 3 and matches[0].listing.id == best.id
    scores = [m.score for m in find_matches(mine)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 6
    assert {m.listing.id for m in find_matches(mine)} == {best.id, *[o.id for o in others]}


def test_match_query_uses_keywords_as_prefixes_then_significant_title_words(app, producer):
    listing = offer(producer, keywords=["Holzpellets", "Biomasse", "CNC"],
                    title="Wir suchen Händler für Pellets und die Biomasse", summary="Summary words stay out")
    query = match_query(listing)
    assert [(t.words[0], t.prefix) for t in query.groups[0]] == [
        ("holzpelle", True), ("biomas", True), ("cnc", False), ("handler", False), ("pellets", False)]
    assert not match_query(offer(producer, keywords=[], title="Wir suchen die", summary="und für"))


def test_suggested_partners_group_pairs_by_company(app, producer):
    pellets = offer(producer, target_countries=["AT"])
    chips = offer(producer, title="Wood chips for heating plants", keywords=["wood chips", "biomass"],
                  summary="Wood chips from forestry.")
    offer(producer, status=DRAFT)  # drafts are not ours to match yet
    both = make_company("Both Listings GmbH", country="AT")
    pellet_request = request(both, target_countries=["SI"])
    chips_request = request(both, title="Heating plant seeks wood chips", keywords=["wood chips"],
                            summary="Biomass heating plant seeks wood chips suppliers.")
    one = make_company("One Listing s.r.o.", country="CZ")
    request(one, title="Wood chips wanted", keywords=["wood chips"], summary="Wood chips.",
            published_at=utcnow() - timedelta(days=200))
    request(producer)  # our own request never suggests ourselves
    db.session.commit()

    suggestions = suggested_partners(producer)
    assert [s.company.name for s in suggestions] == ["Both Listings GmbH", "One Listing s.r.o."]
    first = suggestions[0]
    assert first.score == first.pairs[0].match.score >= first.pairs[1].match.score
    assert {(p.mine.id, p.match.listing.id) for p in first.pairs} >= {(pellets.id, pellet_request.id),
                                                                       (chips.id, chips_request.id)}
    assert first.band == "excellent" and first.cross_border
    assert 1 <= len(first.reasons) <= 4 and first.reasons[0].code == "offer-request"
    assert suggested_partners(producer, limit=1)[0].company.name == "Both Listings GmbH"


def test_suggested_partners_of_a_company_without_active_listings(app, producer):
    offer(producer, status=PENDING)
    request(make_company(country="AT"))
    db.session.commit()
    assert suggested_partners(producer) == []


def test_inactive_source_listing_still_gets_matches_for_its_owner(app, producer):
    draft = offer(producer, status=DRAFT)
    theirs = request(make_company(country="AT"))
    db.session.commit()
    assert ids(find_matches(draft)) == [theirs.id]
    assert draft.status == DRAFT and db.session.get(Listing, theirs.id).status == PUBLISHED


@pytest.mark.parametrize("text", ['"pellets OR" NEAR(wood', "pellets'; DROP TABLE listings; --", "(((pellets",
                                  "pellets* AND -biomass ^ {col}: \x1f\x7f", "ŁÓDŹ Müller " * 40])
def test_any_listing_text_is_safe_in_the_full_text_query(app, producer, text):
    mine = offer(producer, title=text[:200], keywords=[text[:40], "pellets"])
    theirs = request(make_company(country="AT"))
    db.session.commit()
    assert ids(find_matches(mine)) == [theirs.id]


def test_a_listing_of_stopwords_only_still_finds_its_sector(app, producer):
    mine = offer(producer, title="We offer", keywords=[], summary="Our company offers partners")
    theirs = request(make_company(country="AT"), keywords=[], title="Request", summary="Partner sought")
    db.session.commit()
    assert not match_query(mine)
    assert ids(find_matches(mine)) == [theirs.id]
