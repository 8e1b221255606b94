"""Benchmarking: quartiles of comparable clusters and of consenting members, never below five of them."""
from __future__ import annotations

import csv
import io

from marketplace.cluster_figures.benchmark import cluster_comparisons, member_benchmark, quartiles
from marketplace.companies.models import Company
from marketplace.extensions import db

from ..factories import make_cluster
from .conftest import add_members


def test_quartiles_need_five_values():
    assert quartiles([1, 2, 3, 4]) is None
    assert quartiles([1, 2, 3, 4, 10]) == (2, 3, 4)


def _clusters_with_members(counts, sector="wood"):
    return [make_cluster(f"Peer {i}", sectors=(sector,), members=add_members_later(count)) for i, count in
            enumerate(counts)]


def add_members_later(count):
    from ..factories import make_company

    return [make_company() for _ in range(count)]


def test_group_figures_stay_hidden_below_five_clusters(client, auth, world):
    # Wood CZ (2 members) and Forest PL (1) are two wood clusters; two more make four
    _clusters_with_members([3, 5])
    db.session.commit()
    members = cluster_comparisons(world.cluster)["members"]
    assert [(row.group, row.size, row.value, row.quartiles) for row in members] == [
        ("sector:wood", 4, 2, None), ("all", 4, 2, None)]
    auth.sign_in(world.manager)
    page = client.get(f"/clusters/{world.cluster.slug}/figures/benchmark").get_data(as_text=True)
    assert page.count("not enough clusters to compare") == 10  # five figures × (wood, all)
    assert "· median" not in page
    assert page.count('class="chart-iqr"') == page.count('class="chart-median"') == 5  # the five legends only
    assert "Peer" not in page and "Forest PL" not in page


def test_a_fifth_cluster_reveals_the_quartiles_without_naming_anyone(client, auth, world):
    _clusters_with_members([3, 5, 8])
    make_cluster("Tourism hub", sectors=("tourism",), members=add_members_later(1))
    db.session.commit()
    members = cluster_comparisons(world.cluster)["members"]
    # wood: 2, 1, 3, 5, 8 → q1 2, median 3, q3 5; all: and 1 more tourism cluster
    assert [(row.group, row.size, row.value, row.quartiles) for row in members] == [
        ("sector:wood", 5, 2, (2, 3, 5)), ("all", 6, 2, (1.25, 2.5, 4.5))]
    listings = cluster_comparisons(world.cluster)["active-listings"]
    assert listings[0].value == 1 and listings[0].quartiles == (0, 0, 0)
    accepted = cluster_comparisons(world.cluster)["interests-accepted"]
    assert accepted[0].value == 1
    auth.sign_in(world.manager)
    page = client.get(f"/clusters/{world.cluster.slug}/figures/benchmark").get_data(as_text=True)
    assert "This cluster: 2 · median 3 · middle half 2–5" in page
    assert "Clusters in Wood industry (5)" in page and "All clusters (6)" in page
    assert "Peer" not in page and "Forest PL" not in page and "Tourism hub" not in page
    rows = list(csv.reader(io.StringIO(client.get(f"/clusters/{world.cluster.slug}/figures/benchmark.csv")
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Figure", "Group", "Clusters in the group", "This cluster", "Lower quartile", "Median",
                       "Upper quartile"]
    assert rows[1] == ["Member companies", "Clusters in Wood industry (5)", "5", "2", "2.0", "3.0", "5.0"]


def test_member_companies_are_compared_only_when_five_consent(client, auth, world):
    world.alpha.is_in_benchmarks = True
    others = add_members(world.cluster, 3, is_in_benchmarks=True)
    add_members(world.cluster, 2)  # not consenting: never named
    db.session.commit()
    assert member_benchmark(world.cluster).consenting == 4 and member_benchmark(world.cluster).companies == []
    auth.sign_in(world.manager)
    page = client.get(f"/clusters/{world.cluster.slug}/figures/benchmark").get_data(as_text=True)
    assert "Not enough consenting companies to compare: 4 member companies have agreed so far" in page
    assert "Alpha Wood" not in page and others[0].name not in page

    world.beta.is_in_benchmarks = True
    db.session.commit()
    result = member_benchmark(world.cluster)
    figures = {company.name: values for company, values in result.companies}
    assert figures["Alpha Wood"] == {"active-listings": 1, "interests-sent": 1, "interests-received": 1,
                                     "interests-accepted": 1}
    assert figures["Beta Soft"] == {"active-listings": 0, "interests-sent": 0, "interests-received": 1,
                                    "interests-accepted": 0}
    assert result.quartiles["interests-received"] == (0, 0, 1)
    page = client.get(f"/clusters/{world.cluster.slug}/figures/benchmark").get_data(as_text=True)
    assert "Alpha Wood" in page and "Beta Soft" in page
    shown = db.session.query(Company).filter(Company.is_in_benchmarks.is_(False)).all()
    assert all(company.name not in page for company in shown if company.id not in (world.alpha.id, world.beta.id))


def test_company_members_give_consent_on_the_company_form(client, auth, world):
    auth.sign_in(world.insider)
    form = client.get(f"/companies/{world.alpha.slug}/edit").get_data(as_text=True)
    assert 'name="is_in_benchmarks"' in form and "benchmarking" in form
    data = {"name": "Alpha Wood", "country": "CZ", "sectors": ["wood"], "size_class": "small",
            "is_published": "y", "is_in_benchmarks": "y"}
    assert client.post(f"/companies/{world.alpha.slug}/edit", data=data).status_code == 302
    db.session.refresh(world.alpha)
    assert world.alpha.is_in_benchmarks is True
