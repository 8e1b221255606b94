"""Candidates for an open role: the right sector and country, members left out, found by the indexes."""
from __future__ import annotations

from marketplace.extensions import db
from marketplace.partnerships import membership, services
from marketplace.partnerships.candidates import candidates_for_role, capability_query

from ..factories import make_cluster, make_company, make_listing, make_user


def _role(world, sector="wood", country="CZ", capability="Pellet press maker for biomass pellets"):
    return services.add_role(world.partnership, services.RoleData(sector, country, capability))


def test_capability_words_become_one_or_group_without_filler():
    query = capability_query("A partner who makes pellet presses and dryers for the biomass market")
    (group,) = query.groups
    assert [t.words[0] for t in group] == ["makes", "pelle", "press", "dryer", "bioma"]
    assert [t.prefix for t in group] == [False, True, True, True, True]
    assert not capability_query("the and of")


def test_companies_of_the_roles_sector_and_country_best_text_match_first(world):
    matching = make_company("Press Works", country="CZ", sectors=("wood",))
    make_listing(matching, title="Pellet presses for biomass plants", keywords=["pellet press"])
    other_text = make_company("Joinery CZ", country="CZ", sectors=("wood",))
    make_listing(other_text, title="Oak furniture for hotels", keywords=["furniture"],
                 summary="Tables and chairs of solid oak.", description="Made to measure.")
    make_company("Quiet Sawmill", country="CZ", sectors=("wood",))  # registered in the sector, no listing
    wrong_country = make_company("Press Austria", country="AT", sectors=("wood",))
    make_listing(wrong_country, title="Pellet presses from Austria", keywords=["pellet press"])
    wrong_sector = make_company("Press Food", country="CZ", sectors=("food",))
    make_listing(wrong_sector, sector="food", title="Pellet presses for feed", keywords=["pellet press"])
    unpublished = make_company("Hidden Press", country="CZ", sectors=("wood",), is_published=False)
    make_listing(unpublished, title="Pellet presses, hidden")
    expired = make_company("Old Press", country="CZ", sectors=("wood",))
    from datetime import timedelta

    from marketplace.database import utcnow

    make_listing(expired, title="Pellet presses of old", expires_at=utcnow() - timedelta(days=1))
    role = _role(world)
    db.session.commit()

    found = candidates_for_role(world.partnership, role)
    names = [c.company.name for c in found.companies]
    assert names[0] == "Press Works" and found.companies[0].text_match
    assert found.companies[0].listing.title == "Pellet presses for biomass plants"
    assert {"Joinery CZ", "Quiet Sawmill", "Old Press"} <= set(names)  # by sector, then by registration
    assert not found.companies[names.index("Joinery CZ")].text_match
    assert found.companies[names.index("Old Press")].listing is None  # its only listing has expired
    assert {"Press Austria", "Press Food", "Hidden Press"}.isdisjoint(names)
    assert all(c.company.country == "CZ" and "wood" in c.company.sectors for c in found.companies)


def test_members_invitees_and_applicants_are_left_out(world):
    role = _role(world, country=None)  # any country: the members' own countries would qualify
    applicant_user = make_user()
    applicant = make_company("Applicant", country="SK", sectors=("wood",), members=[applicant_user])
    membership.request_to_join(applicant_user, world.partnership, ("company", applicant.id))
    declined_user = make_user()
    declined = make_company("Declined Before", country="SK", sectors=("wood",), members=[declined_user])
    invitation = membership.invite(world.lead_user, world.partnership, declined)
    membership.answer_invitation(declined_user, invitation, False)
    for company in (world.partner_company, world.invitee_company, world.lead_company, applicant, declined):
        make_listing(company, title="Pellet press maker")
    db.session.commit()
    names = {c.company.name for c in candidates_for_role(world.partnership, role).companies}
    assert "Declined Before" in names  # may be asked again
    assert names.isdisjoint({"Alpen Holz", "Dřevo Ústí", "Celje Pellets", "Applicant"})


def test_clusters_of_the_sector_and_country_busiest_first(world):
    role = _role(world, country="PL")
    busy = make_cluster("Busy Wood PL", country="PL", sectors=("wood", "production"),
                        members=[make_company(country="PL"), make_company(country="PL")])
    make_cluster("Wood AT", country="AT", sectors=("wood",))
    make_cluster("Food PL", country="PL", sectors=("food",))
    db.session.commit()
    found = candidates_for_role(world.partnership, role)
    assert [c.cluster.name for c in found.clusters] == ["Busy Wood PL", "Silesian Wood Cluster"]
    assert found.clusters[0].member_count == 2
    membership.invite(world.lead_user, world.partnership, busy)
    assert [c.cluster.name for c in candidates_for_role(world.partnership, role).clusters] == ["Silesian Wood Cluster"]


def test_candidates_take_a_constant_number_of_queries(world, count_queries):
    for n in range(30):
        company = make_company(f"Wood {n}", country="CZ", sectors=("wood",))
        make_listing(company, title=f"Pellet press number {n}")
    role = _role(world)
    db.session.commit()
    with count_queries() as counted:
        found = candidates_for_role(world.partnership, role)
    assert len(found.companies) == 10
    # Text, sector window, companies (+ their sectors and languages), listings (+ rows), clusters (+ counts).
    assert len(counted.selects) <= 14, "\n".join(counted.selects)


def test_the_candidates_page_offers_invitations(client, auth, world):
    target = make_company("Press Works", country="CZ", sectors=("wood",))
    make_listing(target, title="Pellet press maker for hire")
    db.session.commit()
    auth.sign_in(world.lead_user)
    url = f"/partnerships/{world.partnership.slug}/roles/{world.open_role.id}/candidates"
    page = client.get(url).get_data(as_text=True)
    assert "Press Works" in page and "Its listing matches the capability" in page
    assert f'value="company:{target.id}"' in page and 'name="invite-role"' in page
    response = client.post(f"/partnerships/{world.partnership.slug}/invitations",
                           data={"invite-target": f"company:{target.id}", "invite-role": world.open_role.id,
                                 "next": url})
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    page = client.get(url).get_data(as_text=True)
    assert "Press Works was invited" in page and f'value="company:{target.id}"' not in page
    evil = client.post(f"/partnerships/{world.partnership.slug}/invitations",
                       data={"invite-target": f"cluster:{world.other_cluster.id}", "next": "https://evil.example/"})
    assert evil.headers["Location"].endswith(f"/partnerships/{world.partnership.slug}/manage#invitations")
