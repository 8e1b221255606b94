"""Precision@5 of the matching on the labelled evaluation set, on whichever database the tests use."""
from __future__ import annotations

from marketplace.database import utcnow
from marketplace.extensions import db
from marketplace.matching.services import find_matches

from .evaluation_set import LISTINGS, NEVER, RELEVANT, load, precision_at_5

# README reports this threshold and the measured value (1.000 on SQLite and on PostgreSQL when
# it was set): the margin allows tuning, a real regression of the ranking fails.
PRECISION_AT_5_THRESHOLD = 0.9


def _rankings(app) -> dict[str, list[str]]:
    now = utcnow()
    listings = load(now)
    db.session.commit()
    key_of = {listing.id: key for key, listing in listings.items()}
    return {key: [key_of[m.listing.id] for m in find_matches(listing, limit=20, now=now)]
            for key, listing in listings.items()}


def test_evaluation_set_is_broad_enough():
    assert len(LISTINGS) >= 40
    assert len({e.sector for e in LISTINGS}) == 10
    assert {"en", "de", "pl", "cs", "sk", "sl", "hu", "it"} <= {e.language for e in LISTINGS}
    keys = {e.key for e in LISTINGS}
    assert len(keys) == len(LISTINGS)
    assert all(key in keys and relevant <= keys for key, relevant in RELEVANT.items())


def test_precision_at_5(app, capsys):
    ranked = _rankings(app)
    precision = precision_at_5(ranked)
    with capsys.disabled():
        print(f"\nprecision@5 on {db.engine.dialect.name}: {precision:.3f}")
        for key in RELEVANT:
            missing = RELEVANT[key] - set(ranked[key][:5])
            if missing:
                print(f"  {key}: top5={ranked[key][:5]} missing={sorted(missing)}")
    assert precision >= PRECISION_AT_5_THRESHOLD


def test_pairs_without_a_counterpart_never_match(app):
    ranked = _rankings(app)
    for key, never in NEVER.items():
        assert not never & set(ranked[key])
