"""The public directory of partnerships: only published open ones, filters from the query string, no N+1."""
from __future__ import annotations

import html

import pytest

from marketplace.extensions import db
from marketplace.partnerships import membership, services

from ..factories import make_cluster, make_company, make_user
from .conftest import make_partnership


def names_on(response) -> set[str]:
    text = html.unescape(response.get_data(as_text=True))
    return {name for name in ("Timber SI-AT", "Food HU", "Draft wood", "Closed wood", "Pellets for the Alps")
            if f">{name}</a>" in text}


@pytest.fixture
def listed(world):
    """Besides the world's partnership (wood, SI+AT): a food one in HU+PL, a draft and a closed one."""
    hu_user = make_user()
    hu = make_company("Tokaj Foods", country="HU", sectors=("food",), members=[hu_user])
    food = make_partnership(hu_user, hu, name="Food HU", sector="food", publish=True)
    pl_manager = make_user()
    pl_cluster = make_cluster(country="PL", sectors=("food",), managers=[pl_manager])
    membership.answer_invitation(pl_manager, membership.invite(hu_user, food, pl_cluster), True)
    make_partnership(world.lead_user, world.lead_company, name="Draft wood")
    closed = make_partnership(world.lead_user, world.lead_company, name="Closed wood", publish=True)
    services.close(closed)
    db.session.commit()
    return food


def test_only_published_open_partnerships_are_listed(client, listed):
    response = client.get("/partnerships")
    assert names_on(response) == {"Pellets for the Alps", "Food HU"}
    assert "2 partnerships found" in response.get_data(as_text=True)


@pytest.mark.parametrize("query, expected", [
    ("sector=food", {"Food HU"}),
    ("sector=wood", {"Pellets for the Alps"}),
    ("country=PL", {"Food HU"}),           # a member cluster's country counts
    ("country=AT", {"Pellets for the Alps"}),
    ("country=CZ", set()),                 # the Czech company is only invited
    ("country=HU&sector=wood", set()),
    ("q=pellets", {"Pellets for the Alps"}),
    ("sector=mining&country=ZZ", {"Pellets for the Alps", "Food HU"}),  # unknown values are ignored
])
def test_filters(client, listed, query, expected):
    response = client.get(f"/partnerships?{query}")
    assert names_on(response) == expected
    text = response.get_data(as_text=True)
    assert ("Some filters were not recognised" in text) == ("mining" in query)


def test_pages(client, app, listed):
    app.config["PAGE_SIZE"] = 1
    first, second, beyond = (client.get(f"/partnerships?page={n}") for n in (1, 2, 99))
    assert names_on(first) == {"Food HU"} and names_on(second) == {"Pellets for the Alps"}
    assert beyond.status_code == 200 and names_on(beyond) == set()
    assert client.get("/partnerships?page=abc").status_code == 200


def test_the_directory_reads_a_constant_number_of_queries(client, world, count_queries):
    for n in range(12):
        user = make_user()
        company = make_company(country="DE", members=[user])
        partnership = make_partnership(user, company, name=f"Partnership {n}", publish=True)
        services.add_role(partnership, services.RoleData("wood", None, "Anything"))
        membership.invite(user, partnership, make_cluster(country="IT"))
    db.session.commit()
    with count_queries() as counted:
        response = client.get("/partnerships")
    assert response.status_code == 200 and "13 partnerships found" in response.get_data(as_text=True)
    assert len(counted.selects) <= 10, "\n".join(counted.selects)
