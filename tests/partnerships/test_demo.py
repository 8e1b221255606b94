"""Demo partnerships: three of them on top of the demo world, one a meta-cluster of wood clusters."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from marketplace.demo.generator import load_demo
from marketplace.extensions import db
from marketplace.partnerships.models import ACTIVE, INVITED, REQUESTED, Partnership, PartnershipMessage

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def test_three_published_partnerships_one_a_meta_cluster_of_three_countries(client, app):
    counts = load_demo(db.session, companies=150, clusters=12, listings=200, now=NOW).partnerships
    db.session.commit()
    partnerships = list(db.session.scalars(select(Partnership).order_by(Partnership.id)))
    assert counts.partnerships == len(partnerships) == 3 and counts.meta_clusters == 1
    assert all(p.status == ACTIVE and p.is_cross_border for p in partnerships)
    meta = partnerships[0]
    assert meta.is_meta_cluster and len(meta.countries) >= 3 and {"SI", "AT", "CZ"} <= set(meta.countries)
    assert all(m.cluster is not None for m in meta.members)
    assert all(p.open_roles and len(p.open_roles) < len(p.roles) for p in partnerships)  # open and filled roles
    statuses = {m.status for p in partnerships for m in p.members}
    assert {INVITED, REQUESTED} <= statuses
    messages = list(db.session.scalars(select(PartnershipMessage)))
    assert len(messages) == counts.messages >= 6
    active_ids = {m.id for p in partnerships for m in p.active_members}
    assert all(m.member_id in active_ids and m.created_at <= NOW for m in messages)

    directory = client.get("/partnerships").get_data(as_text=True)
    assert "3 partnerships found" in directory and "Meta-cluster" in directory
    assert client.get(f"/partnerships/{meta.slug}").status_code == 200


def test_a_small_world_gets_no_fake_meta_cluster(app):
    counts = load_demo(db.session, companies=40, clusters=2, listings=0, now=NOW).partnerships
    db.session.commit()
    assert counts.meta_clusters == 0
    assert not any(p.is_meta_cluster for p in db.session.scalars(select(Partnership)))
