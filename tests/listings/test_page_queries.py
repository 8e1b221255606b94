"""The pages `make bench` loads send the same few queries however many listings there are."""
from __future__ import annotations

import pytest

from marketplace.extensions import db

from ..factories import make_company
from .conftest import make_listing

# Measured: the listing page 3 (the listing with its company and sectors, its three row sets in one,
# the company's clusters), the Matches tab 6 (the listing with its company, its row sets, the candidates,
# the cards), the search 7 (the facet index's three, built per request in tests and once a minute
# outside them, the text's matches, the results' ranks, the page, its types); every one a lookup by key or index, none
# per listing shown.
MOST_QUERIES = {"/listings/{id}": 3, "/listings/{id}/matches": 6, "/listings?q=pellets&country=PL&type=technical": 7}


def _selects(client, count_queries, path: str) -> int:
    with count_queries() as counted:
        response = client.get(path)
    assert response.status_code == 200, path
    assert "Wood pellets" in response.get_data(as_text=True)
    return len(counted.selects)


def _crowd(n: int, kind: str) -> None:
    for i in range(n):
        company = make_company(f"Crowd {kind} {i}", country="PL" if i % 2 else "AT")
        make_listing(company, kind=kind, title=f"Wood pellets {kind} {i}", keywords=["wood pellets", "biomass"],
                     cooperation_types=["technical", "commercial-agency"], target_countries=["CZ", "SK"])


@pytest.mark.parametrize("path", sorted(MOST_QUERIES))
def test_a_benchmarked_page_reads_the_same_few_times_for_many_listings(client, people, count_queries, path):
    most = MOST_QUERIES[path]
    path = path.format(id=make_listing(people.company, kind="offer", title="Wood pellets offer").id)
    _crowd(2, "request")
    db.session.commit()
    few = _selects(client, count_queries, path)
    _crowd(12, "request")
    db.session.commit()
    db.session.expunge_all()
    assert _selects(client, count_queries, path) == few <= most


def test_the_listing_page_shows_its_lists_in_order_and_its_company_clusters(client, people):
    from ..factories import make_cluster

    make_cluster("Alpine Wood Network", members=[people.company])
    listing = make_listing(people.company, title="Wood pellets offer", keywords=["sawdust", "biomass", "pellets"],
                           cooperation_types=["technical", "commercial-agency", "subcontracting"],
                           target_countries=["SI", "AT", "DE"])
    make_listing(people.other_company, keywords=["other words"], cooperation_types=["joint-venture"],
                 target_countries=["PL"])
    db.session.commit()
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    at_a_glance = page[page.index("At a glance"):]
    assert at_a_glance.index(">sawdust<") < at_a_glance.index(">biomass<") < at_a_glance.index(">pellets<")
    assert ("Technical cooperation, Commercial agency &amp; distribution, Subcontracting &amp; manufacturing"
            in at_a_glance)
    assert "Austria, Germany, Slovenia" in at_a_glance
    assert "other words" not in page and "Joint venture" not in at_a_glance and "Poland" not in at_a_glance
    sidebar = page[page.index("Member of"):page.index("At a glance")]
    assert sidebar.index("Alpine Wood Network") < sidebar.index("Wood Cluster Ústí")
    assert "Other Cluster" not in page
