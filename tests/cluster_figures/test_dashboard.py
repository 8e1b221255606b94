"""The cluster dashboard: every number of a known world, on the page and in the CSV; access; query count."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest

from marketplace.cluster_figures.queries import _from_json, _to_json, cluster_figures
from marketplace.extensions import db
from marketplace.figures.periods import month_key

from .conftest import add_members, interest


def test_figures_of_the_known_world(world):
    figures = cluster_figures(world.cluster)
    assert figures.totals == {
        "members": 2, "listings": 2, "interests-sent": 1, "interests-received": 2, "interests-accepted": 1,
        "conversations": 1, "partnerships": 1, "meeting": 1, "agreement": 1, "contract": 0, "joint-project": 0}
    assert figures.listing_statuses == {"draft": 1, "pending": 1, "published": 1, "expired": 1, "rejected": 1,
                                        "withdrawn": 0}
    summary = figures.interests
    assert (summary.sent, summary.received, summary.sent_accepted, summary.received_accepted) == (1, 2, 1, 0)
    assert summary.received_answered == 1 and summary.answer_days == pytest.approx(2.0, abs=0.01)
    assert summary.from_matches == 1
    assert figures.meta_clusters == 1
    assert figures.by_country == {
        "CZ": {"members": 2},
        "DE": {"interests": 2, "interests-accepted": 1, "conversations": 1},
        "AT": {"interests": 1, "partnerships": 1},
        "PL": {"partnerships": 1},
    }
    assert figures.by_sector == {
        "wood": {"members": 2, "offer": 1, "interests": 2, "partnerships": 1},
        "ict": {"members": 1, "interests": 1},
    }


def test_figures_survive_the_cache_unchanged(world):
    figures = cluster_figures(world.cluster)
    assert _from_json(json.loads(json.dumps(_to_json(figures)))) == figures


def test_months_place_each_event_in_its_calendar_month(world):
    figures = cluster_figures(world.cluster)
    assert len(figures.months) == 24 and figures.months[-1] == date.today().replace(day=1)
    index = {month_key(month): i for i, month in enumerate(figures.months)}
    now = world.now
    expected = {
        "members": Counter([month_key(now - timedelta(days=40))] * 2),
        # the expired listing was published 400 days ago: inside the 24 months, far from now
        "listings": Counter([month_key(now - timedelta(days=2)), month_key(now - timedelta(days=400))]),
        "interests-sent": Counter([month_key(now - timedelta(days=10))]),
        "interests-received": Counter([month_key(now - timedelta(days=5)), month_key(now - timedelta(days=3))]),
        "conversations": Counter([month_key(now - timedelta(days=9))]),
        "partnerships": Counter([month_key(now - timedelta(days=8))]),
        "meeting": Counter([month_key(date.today())]),
    }
    for series, counts in expected.items():
        shown = {key: figures.monthly[series][i] for key, i in index.items() if figures.monthly[series][i]}
        assert shown == dict(counts), series


def test_a_sent_interest_between_two_members_counts_on_both_sides(world):
    interest(world.offer, world.beta, days_ago=1)
    db.session.commit()
    figures = cluster_figures(world.cluster)
    assert (figures.interests.sent, figures.interests.received) == (2, 3)
    assert figures.by_country["CZ"] == {"members": 2, "interests": 2}


def _stat(page: str, code: str) -> str:
    match = re.search(rf'id="stat-{code}"><span class="stat-value">([^<]*)</span>', page)
    assert match, code
    return match.group(1)


def test_the_page_shows_the_numbers(client, auth, world):
    auth.sign_in(world.manager)
    response = client.get(f"/clusters/{world.cluster.slug}/figures")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Figures of Wood CZ" in page
    shown = {code: _stat(page, code) for code in (
        "members", "active-listings", "matches-taken-up", "interests-sent", "interests-sent-accepted",
        "interests-received", "interests-received-accepted", "interests-answered", "answer-days", "conversations",
        "partnerships", "meta-clusters", "meeting", "agreement", "contract", "joint-project")}
    assert shown == {"members": "2", "active-listings": "1", "matches-taken-up": "1", "interests-sent": "1",
                     "interests-sent-accepted": "1", "interests-received": "2", "interests-received-accepted": "0",
                     "interests-answered": "1", "answer-days": "2.0", "conversations": "1", "partnerships": "1",
                     "meta-clusters": "1", "meeting": "1", "agreement": "1", "contract": "0", "joint-project": "0"}
    # each figure: a heading, its explanation, an accessible chart, a table and its CSV link
    for key in ("members-listings", "listing-status", "interests", "cooperation", "outcomes", "countries", "sectors"):
        section = page.split(f'id="figure-{key}"', 1)[1].split("</section>", 1)[0]
        assert 'role="img"' in section and f'aria-labelledby="chart-{key}-title chart-{key}-desc"' in section
        assert '<p class="figure-explain">' in section and "<table" in section
        assert f"/clusters/{world.cluster.slug}/figures/{key}.csv" in section
    countries = page.split('id="figure-countries"', 1)[1].split("</section>", 1)[0]
    assert re.search(r'<th scope="row">Germany</th><td>0</td><td>2</td><td>1</td><td>1</td><td>0</td>', countries)
    assert re.search(r'<th scope="row">Austria</th><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>', countries)
    assert re.search(r'<th scope="row">Czechia</th><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td>', countries)
    statuses = page.split('id="figure-listing-status"', 1)[1].split("</section>", 1)[0]
    assert '<th scope="row">Expired</th><td>1</td>' in statuses and "Expired: 1" in statuses  # table and chart
    assert 'style="' not in page.split("<main", 1)[1] and "Epsilon" not in page


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_csv_downloads_carry_the_same_numbers(client, auth, world):
    auth.sign_in(world.manager)
    base = f"/clusters/{world.cluster.slug}/figures"
    sectors = _csv(client.get(f"{base}/sectors.csv"))
    assert sectors[0] == ["Code", "Sector", "Member companies", "Offer", "Request", "Expressions of interest",
                          "Partnerships"]
    assert sectors[1:] == [["wood", "Wood industry", "2", "1", "0", "2", "1"],
                           ["ict", "Information & communication technologies", "1", "0", "0", "1", "0"]]
    months = _csv(client.get(f"{base}/interests.csv"))
    assert months[0] == ["Code", "Month", "Interests sent", "Interests received", "Interests accepted"]
    assert len(months) == 25 and sum(int(row[3]) for row in months[1:]) == 2
    summary = {row[0]: row[2] for row in _csv(client.get(f"{base}/summary.csv"))[1:]}
    assert summary["interests-received"] == "2" and summary["answer-days"] == "2.0"
    statuses = {row[0]: row[2] for row in _csv(client.get(f"{base}/listing-status.csv"))[1:]}
    assert statuses == {"draft": "1", "pending": "1", "published": "1", "expired": "1", "rejected": "1",
                        "withdrawn": "0"}
    assert client.get(f"{base}/nothing.csv").status_code == 404


PATHS = ["/clusters/{slug}/figures", "/clusters/{slug}/figures/summary.csv", "/clusters/{slug}/figures/benchmark",
         "/clusters/{slug}/figures/benchmark.csv", "/clusters/{slug}/figures/benchmark-members.csv"]


@pytest.mark.parametrize("who, status", [
    (None, 302), ("insider", 403), ("outsider", 403), ("other_manager", 403), ("manager", 200), ("admin", 200)])
def test_only_managers_and_admins_see_the_figures(client, auth, world, who, status):
    if who:
        auth.sign_in(getattr(world, who))
    for path in PATHS:
        response = client.get(path.format(slug=world.cluster.slug))
        assert response.status_code == status, path
        if status == 302:
            assert "/account/sign-in" in response.headers["Location"]


def test_another_clusters_figures_stay_closed_and_unknown_slugs_are_not_found(client, auth, world):
    auth.sign_in(world.manager)
    assert client.get(f"/clusters/{world.forest.slug}/figures").status_code == 403
    assert client.get(f"/clusters/{world.forest.slug}/figures/countries.csv").status_code == 403
    assert client.get(f"/clusters/{world.forest.id}/figures").status_code == 404
    assert client.get("/clusters/no-such-cluster/figures").status_code == 404


def test_managers_find_the_dashboard(client, auth, world):
    auth.sign_in(world.manager)
    link = f'href="/clusters/{world.cluster.slug}/figures"'
    assert link in client.get("/my/clusters").get_data(as_text=True)
    assert link in client.get(f"/clusters/{world.cluster.slug}").get_data(as_text=True)
    auth.sign_out()
    auth.sign_in(world.insider)
    assert link not in client.get(f"/clusters/{world.cluster.slug}").get_data(as_text=True)


def test_the_query_count_does_not_grow_with_the_data(client, auth, world, count_queries):
    auth.sign_in(world.manager)
    url = f"/clusters/{world.cluster.slug}/figures"
    client.get(url)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    companies = add_members(world.cluster, 6, country="SK")
    from ..factories import make_listing

    for company in companies:
        make_listing(company)
        interest(world.offer, company)
    db.session.commit()
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert len(large.selects) == len(small.selects) <= 10, small.selects


def test_a_second_look_within_the_minute_reads_the_shared_cache(app, client, auth, world, count_queries):
    app.config["CACHE_TTL"] = 60
    auth.sign_in(world.manager)
    url = f"/clusters/{world.cluster.slug}/figures"
    first = client.get(url).get_data(as_text=True)
    with count_queries() as second_look:
        again = client.get(url).get_data(as_text=True)
    assert _stat(again, "interests-received") == _stat(first, "interests-received") == "2"
    assert not any("interests.sender_company_id IN" in statement for statement in second_look.statements)
    assert len(second_look.selects) <= 5
    assert client.get(f"{url}/summary.csv").status_code == 200
