"""The scoring rules on plain profiles: kinds, sectors, types, countries, keywords, text, freshness, bands."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from marketplace.matching import engine
from marketplace.matching.engine import Profile, assess, band_for, kind_reason, shared_keywords
from marketplace.matching.related import RELATED_SECTORS, compatible_type_pairs, sectors_related
from marketplace import reference

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)

OFFER = Profile(kind="offer", sector="wood", country="SI", company_id=1, id=1, types=("supplier",),
                keywords=("wood pellets", "biomass"), targets=frozenset({"AT"}), targets_any=False,
                title="Wood pellets producer seeks distributors", published_at=NOW - timedelta(days=200))
REQUEST = Profile(kind="request", sector="wood", country="AT", company_id=2, id=2, types=("supplier",),
                  keywords=("pellets", "Biomasse"), targets=frozenset({"SI"}), targets_any=False,
                  title="Distributor seeks pellets", published_at=NOW - timedelta(days=200))


def codes(assessment) -> list[str]:
    return [r.code for r in assessment.reasons]


def test_an_offer_meets_a_request_and_the_other_way_round():
    assert kind_reason(OFFER, REQUEST).code == "offer-request"
    assert kind_reason(REQUEST, OFFER).code == "request-offer"


def test_two_offers_or_two_requests_do_not_meet():
    assert kind_reason(OFFER, replace(REQUEST, kind="offer")) is None
    assert assess(OFFER, replace(REQUEST, kind="offer"), 1.0, NOW) is None
    assert assess(replace(OFFER, kind="request"), REQUEST, 1.0, NOW) is None


@pytest.mark.parametrize("kind", ["offer", "request"])
@pytest.mark.parametrize("partnership", ["research", "joint-venture"])
def test_two_listings_seeking_the_same_partnership_meet_whatever_their_kind(kind, partnership):
    mine = replace(OFFER, kind=kind, types=(partnership, "technical"))
    theirs = replace(REQUEST, kind=kind, types=("services", partnership))
    result = assess(mine, theirs, 0.0, NOW)
    assert result is not None
    assert result.reasons[0].code == "same-partnership"
    assert result.reasons[0].params == {"types": [partnership]}
    # The shared type is named once, in the partnership reason, and earns the type's points there.
    assert "shared-types" not in codes(result)
    assert result.reasons[0].points == engine.KIND_POINTS + engine.SHARED_TYPE


def test_the_same_partnership_must_be_sought_by_both():
    mine = replace(OFFER, types=("research",))
    assert assess(mine, replace(OFFER, company_id=2, types=("joint-venture",)), 1.0, NOW) is None
    assert assess(mine, replace(OFFER, company_id=2, types=("technical",)), 1.0, NOW) is None
    # Other shared kinds of cooperation never make two offers meet.
    supplier = replace(OFFER, types=("supplier", "technical"))
    assert assess(supplier, replace(OFFER, company_id=2, types=("supplier", "technical")), 1.0, NOW) is None


def test_never_a_listing_of_the_same_company():
    assert assess(OFFER, replace(REQUEST, company_id=OFFER.company_id), 1.0, NOW) is None


def test_a_perfect_cross_border_pair_is_excellent_with_all_reasons_in_order():
    result = assess(OFFER, replace(REQUEST, published_at=NOW - timedelta(days=3)), 0.8, NOW)
    assert result.band == "excellent" and result.score >= 90
    assert result.cross_border
    assert codes(result)[0] == "offer-request"
    assert set(codes(result)) == {"offer-request", "same-sector", "shared-types", "shared-keywords",
                                  "they-target-you", "you-target-them", "similar-text", "recent"}
    points = [r.points for r in result.reasons[1:]]
    assert points == sorted(points, reverse=True)


def test_same_sector_and_related_sector():
    assert "same-sector" in codes(assess(OFFER, REQUEST, 0, NOW))
    related = assess(OFFER, replace(REQUEST, sector="energy-environment"), 0, NOW)
    assert "related-sector" in codes(related) and "same-sector" not in codes(related)
    assert related.score < assess(OFFER, REQUEST, 0, NOW).score
    unrelated = assess(OFFER, replace(REQUEST, sector="tourism"), 0, NOW)
    assert not {"same-sector", "related-sector"} & set(codes(unrelated))  # kept for the shared keywords


def test_related_sectors_are_symmetric_and_known():
    for sector, related in RELATED_SECTORS.items():
        assert sector in reference.SECTORS and sector not in related
        assert all(sector in RELATED_SECTORS[other] and other in reference.SECTORS for other in related)
    assert sectors_related("wood", "energy-environment") and sectors_related("energy-environment", "wood")
    assert not sectors_related("wood", "tourism")


def test_cooperation_types_shared_compatible_or_neither():
    shared = assess(OFFER, REQUEST, 0, NOW)
    assert next(r for r in shared.reasons if r.code == "shared-types").params == {"types": ["supplier"]}
    compatible = assess(OFFER, replace(REQUEST, types=("subcontracting",)), 0, NOW)
    reason = next(r for r in compatible.reasons if r.code == "compatible-types")
    assert reason.params == {"mine": "supplier", "theirs": "subcontracting"}
    neither = assess(OFFER, replace(REQUEST, types=("investment",)), 0, NOW)
    assert not {"shared-types", "compatible-types"} & set(codes(neither))
    assert shared.score > compatible.score > neither.score
    assert compatible_type_pairs(["supplier"], ["commercial-agency", "research"]) == [("supplier", "commercial-agency")]


def test_countries_each_side_inside_the_others_targets():
    result = assess(OFFER, REQUEST, 0, NOW)
    they = next(r for r in result.reasons if r.code == "they-target-you")
    you = next(r for r in result.reasons if r.code == "you-target-them")
    assert they.params == {"country": "SI"} and you.params == {"country": "AT"}
    open_to_all = assess(OFFER, replace(REQUEST, targets=frozenset(), targets_any=True), 0, NOW)
    assert "they-target-any" in codes(open_to_all) and "they-target-you" not in codes(open_to_all)
    outside = assess(OFFER, replace(REQUEST, targets=frozenset({"DE"})), 0, NOW)
    assert not {"they-target-you", "they-target-any"} & set(codes(outside))
    # An explicit target beats "any country", which beats a target elsewhere.
    assert result.score > open_to_all.score > outside.score


def test_same_country_pairs_rank_lower_and_are_labelled():
    abroad = assess(OFFER, REQUEST, 0.5, NOW)
    at_home = assess(OFFER, replace(REQUEST, country="SI"), 0.5, NOW)
    assert abroad.cross_border and not at_home.cross_border
    assert at_home.reasons[-1].code == "same-country"
    assert "same-country" not in codes(abroad)
    assert at_home.score <= abroad.score - engine.SAME_COUNTRY_PENALTY


def test_shared_keywords_fold_case_diacritics_and_plurals():
    mine = replace(OFFER, keywords=("Łódź logistics", "PELLETS", "Biomasse", "unrelated"), title="")
    theirs = replace(REQUEST, keywords=("lodz Logistics", "pellet", "biomass"), title="")
    assert shared_keywords(mine, theirs) == ["Łódź logistics", "PELLETS", "Biomasse"]


def test_shared_keywords_found_in_the_other_title_and_named_once():
    mine = replace(OFFER, keywords=("pellets",), title="Pellets")
    theirs = replace(REQUEST, keywords=("Pellets", "heating"), title="Pellets for heating")
    assert shared_keywords(mine, theirs) == ["pellets"]
    assert shared_keywords(replace(OFFER, keywords=(), title="Heating with wood"), theirs) == ["heating"]
    # Short words are not stretched into longer ones ("car" is not "cargo").
    assert shared_keywords(replace(OFFER, keywords=("car",)), replace(REQUEST, keywords=("cargo",))) == []


def test_keyword_points_grow_with_each_shared_keyword_up_to_a_cap():
    none = assess(OFFER, replace(REQUEST, keywords=(), title=""), 0, NOW)
    one = assess(OFFER, replace(REQUEST, keywords=("pellets",), title=""), 0, NOW)
    two = assess(OFFER, replace(REQUEST, keywords=("pellets", "biomass"), title=""), 0, NOW)
    assert "shared-keywords" not in codes(none)
    assert none.score < one.score < two.score


def test_text_similarity_adds_points_and_is_named_when_strong():
    faint = assess(OFFER, REQUEST, 0.3, NOW)
    strong = assess(OFFER, REQUEST, 1.0, NOW)
    assert "similar-text" not in codes(faint) and "similar-text" in codes(strong)
    assert assess(OFFER, REQUEST, 0.0, NOW).score < faint.score < strong.score


def test_freshness():
    recent = assess(OFFER, replace(REQUEST, published_at=NOW - timedelta(days=5)), 0, NOW)
    fairly = assess(OFFER, replace(REQUEST, published_at=NOW - timedelta(days=60)), 0, NOW)
    old = assess(OFFER, REQUEST, 0, NOW)
    assert "recent" in codes(recent) and "recent" not in codes(fairly) and "recent" not in codes(old)
    assert recent.score > fairly.score > old.score


def test_kind_and_countries_alone_are_not_a_match():
    stranger = replace(REQUEST, sector="tourism", keywords=("hotel",), title="Hotel")
    assert assess(OFFER, stranger, 0.1, NOW) is None
    assert assess(OFFER, stranger, engine.RELEVANT_TEXT, NOW) is not None  # similar wording suffices


def test_without_a_word_in_common_a_pair_is_at_most_good():
    silent = replace(REQUEST, keywords=(), title="", published_at=NOW)
    on_paper = assess(replace(OFFER, keywords=()), silent, 0, NOW)
    assert on_paper.band == "good"  # same sector, shared type, both countries targeted, recent
    loose = assess(replace(OFFER, keywords=()), replace(silent, types=("subcontracting",)), 0, NOW)
    assert loose.band == "possible"


@pytest.mark.parametrize(("score", "band"), [
    (100, "excellent"), (70, "excellent"), (69, "good"), (50, "good"), (49, "possible"),
    (engine.MIN_SCORE, "possible"), (engine.MIN_SCORE - 1, None), (0, None)])
def test_band_thresholds(score, band):
    assert band_for(score) == band


def test_reasons_and_bands_read_as_words(app):
    with app.test_request_context():
        result = assess(OFFER, replace(REQUEST, published_at=NOW, country="SI"), 1.0, NOW)
        texts = [r.text for r in result.reasons]
        assert texts[0] == "Offer ↔ request"
        assert "Same sector: Wood industry" in texts
        assert "Shared cooperation type: Supplier sought or offered" in texts
        assert "Shared keywords: biomass, pellets" in texts
        assert "They target Slovenia; you are in Slovenia" in texts
        assert "Posted recently" in texts
        assert texts[-1] == "Same country: not cross-border"
        related = assess(replace(OFFER, kind="request"), replace(REQUEST, kind="offer", sector="energy-environment",
                                                                 targets=frozenset()), 0, NOW)
        texts = [r.text for r in related.reasons]
        assert texts[0] == "Request ↔ offer"
        assert "Related sector: Energy & environment" in texts
        assert "You target Austria; they are in Austria" in texts
        assert "They are open to partners from any country" not in texts
        jv = assess(replace(OFFER, types=("joint-venture",)), replace(OFFER, company_id=2, country="AT",
                                                                      types=("joint-venture",)), 0, NOW)
        assert jv.reasons[0].text == "Both seek the same partnership: Joint venture"
        assert jv.band_label in {"Excellent match", "Good match", "Possible match"}


def test_reasons_are_translated_when_read(app):
    with app.test_request_context("/?lang=de"):
        from flask_babel import force_locale

        with force_locale("de"):
            result = assess(OFFER, REQUEST, 0, NOW)
            they = next(r for r in result.reasons if r.code == "they-target-you")
            assert "Slowenien" in they.text  # the country name comes from CLDR in the reader's language
