"""Partnership pages over HTTP: what they show, the forms with bad input, the lead's work from start to publication."""
from __future__ import annotations

import html

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.partnerships import membership, thread
from marketplace.partnerships.models import DRAFT, INVITED, MEMBER, REQUESTED, Partnership

from ..factories import make_cluster, make_user


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_the_page_shows_members_with_countries_roles_and_a_rendered_goal(client, world):
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "<strong>wood pellets</strong>" in page  # the goal's Markdown
    assert "Celje Pellets" in page and "Slovenia" in page and "Alpen Holz" in page and "Austria" in page
    assert "Cross-border" in page and "Meta-cluster" not in page
    assert "1 filled, 1 open" in page
    assert "Filled by Alpen Holz" in page and "Pellet press maker" in page
    assert "Dřevo Ústí" not in page  # invited, not a member yet
    assert "Sign in to ask for your company or cluster to join." in page


def test_user_text_is_escaped(client, auth, world):
    world.partnership.name = "<script>alert(1)</script> Pellets"
    thread.post_message(world.partner_user, world.partnership, "<img src=x onerror=alert(2)>")
    db.session.commit()
    auth.sign_in(world.lead_user)
    raw = client.get(f"/partnerships/{world.partnership.slug}").get_data(as_text=True)
    assert "<script>alert(1)" not in raw and "&lt;script&gt;alert(1)" in raw
    assert "<img src=x" not in raw and "&lt;img src=x onerror=alert(2)&gt;" in raw


def test_a_meta_cluster_is_labelled(client, app):
    managers = [make_user(f"m{n}@example.com") for n in range(3)]
    clusters = [make_cluster(f"Wood {c}", country=c, sectors=("wood",), managers=[m])
                for c, m in zip(("SI", "AT", "CZ"), managers)]
    from .conftest import make_partnership

    partnership = make_partnership(managers[0], clusters[0], name="Wood meta", publish=True)
    for cluster, manager in zip(clusters[1:], managers[1:]):
        membership.answer_invitation(manager, membership.invite(managers[0], partnership, cluster), True)
    db.session.commit()
    page = text_of(client.get(f"/partnerships/{partnership.slug}"))
    assert "Meta-cluster" in page and "clusters of one sector from several countries" in page
    assert "Czechia" in page and "Austria" in page and "Slovenia" in page
    assert "Meta-cluster" in text_of(client.get("/partnerships"))


def test_start_a_partnership_bad_input_keeps_what_was_typed(client, auth, world):
    auth.sign_in(world.manager)
    form = text_of(client.get("/partnerships/new"))
    assert "Upper Austria Wood Cluster" in form  # a manager leads for the cluster
    response = client.post("/partnerships/new", data={"name": "", "goal": "Our *long* goal", "sector": "mining",
                                                      "lead": f"cluster:{world.cluster.id}"})
    page = text_of(response)
    assert response.status_code == 400
    assert "Enter a name." in page and "Choose a sector from the list." in page and "Our *long* goal" in page
    response = client.post("/partnerships/new", data={"name": "Alpine timber", "goal": "Build", "sector": "wood",
                                                      "lead": f"cluster:{world.cluster.id}"})
    partnership = db.session.scalar(select(Partnership).where(Partnership.name == "Alpine timber"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/partnerships/{partnership.slug}/manage")
    assert partnership.status == DRAFT and partnership.lead_cluster_id == world.cluster.id


def test_the_lead_adds_roles_invites_by_address_and_publishes(client, auth, world):
    auth.sign_in(world.lead_user)
    slug = world.partnership.slug
    bad = client.post(f"/partnerships/{slug}/roles", data={"role-sector": "wood", "role-country": "XX",
                                                          "role-capability": "x" * 301})
    page = text_of(bad)
    assert bad.status_code == 400 and "Choose a country from the list." in page and "x" * 301 in page
    good = client.post(f"/partnerships/{slug}/roles", data={"role-sector": "logistics", "role-country": "",
                                                           "role-capability": "Rail transport"})
    assert good.status_code == 302
    role = next(r for r in world.partnership.roles if r.capability == "Rail transport")
    assert role.country is None and role.sector == "logistics"

    unknown = client.post(f"/partnerships/{slug}/invitations",
                          data={"invite-target": "https://marketplace.test/companies/nobody-here"})
    assert unknown.status_code == 400 and "No company or cluster has this address." in text_of(unknown)
    nonsense = client.post(f"/partnerships/{slug}/invitations", data={"invite-target": "hello world"})
    assert nonsense.status_code == 400 and "Paste the address of a company" in text_of(nonsense)
    invited = client.post(f"/partnerships/{slug}/invitations",
                          data={"invite-target": f"https://marketplace.test/clusters/{world.other_cluster.slug}",
                                "invite-role": role.id, "invite-message": "Join us"})
    assert invited.status_code == 302
    member = next(m for m in world.partnership.members if m.cluster_id == world.other_cluster.id)
    assert member.status == INVITED and member.role_id == role.id and member.message == "Join us"
    manage = text_of(client.get(f"/partnerships/{slug}/manage"))
    assert "Silesian Wood Cluster" in manage and "Invitations waiting for an answer" in manage

    draft = client.post("/partnerships/new", data={"name": "Second", "goal": "G", "sector": "wood",
                                                   "lead": f"company:{world.lead_company.id}"})
    second = db.session.scalar(select(Partnership).where(Partnership.name == "Second"))
    assert draft.status_code == 302 and "Second" not in text_of(client.get("/partnerships"))
    client.post(f"/partnerships/{second.slug}/publish")
    assert second.status == "active" and "Second" in text_of(client.get("/partnerships"))


def test_asking_to_join_and_being_accepted(client, auth, world):
    auth.sign_in(world.manager)
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Ask to join" in page and "Upper Austria Wood Cluster" in page
    long = client.post(f"/partnerships/{world.partnership.slug}/join",
                       data={"join-party": f"cluster:{world.cluster.id}", "join-message": "m" * 1001})
    assert long.status_code == 400 and "m" * 1001 in text_of(long)
    asked = client.post(f"/partnerships/{world.partnership.slug}/join",
                        data={"join-party": f"cluster:{world.cluster.id}", "join-role": world.open_role.id,
                              "join-message": "We bring 40 sawmills"})
    assert asked.status_code == 302
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Request pending" in page and "Ask to join" not in page
    member = next(m for m in world.partnership.members if m.cluster_id == world.cluster.id)
    assert member.status == REQUESTED

    auth.sign_in(world.lead_user)
    manage = text_of(client.get(f"/partnerships/{world.partnership.slug}/manage"))
    assert "We bring 40 sawmills" in manage
    client.post(f"/partnerships/{world.partnership.slug}/requests/{member.id}/accept")
    assert member.status == MEMBER
    assert world.partnership.open_roles == []


def test_thread_posts_and_bad_input(client, auth, world):
    auth.sign_in(world.partner_user)
    slug = world.partnership.slug
    too_long = client.post(f"/partnerships/{slug}/messages", data={"thread-body": "y" * 5001})
    assert too_long.status_code == 400 and "y" * 5001 in text_of(too_long)
    for _ in range(2):  # the same form sent twice
        client.post(f"/partnerships/{slug}/messages",
                    data={"thread-body": "See you in Celje", "thread-client_token": "a" * 22})
    page = text_of(client.get(f"/partnerships/{slug}"))
    assert page.count("See you in Celje") == 1 and "Paul Partner" in page


def test_invitee_answers_on_the_page_and_my_partnerships_lists_it(client, auth, world):
    auth.sign_in(world.invitee_user)
    mine = text_of(client.get("/my/partnerships"))
    assert "Pellets for the Alps" in mine and "Invited" in mine
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Dřevo Ústí is invited to join" in page and "Pellet press maker" in page
    client.post(f"/partnerships/{world.partnership.slug}/invitations/{world.invitation.id}/accept")
    assert world.invitation.status == MEMBER
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Members’ thread" in page and "Česko" in page  # country names in the reader's language


def test_a_closed_partnership_takes_no_posts(client, auth, world):
    auth.sign_in(world.lead_user)
    client.post(f"/partnerships/{world.partnership.slug}/close")
    assert world.partnership.status == "closed"
    assert client.post(f"/partnerships/{world.partnership.slug}/messages",
                       data={"thread-body": "Still here?"}).status_code == 403
    page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Closed" in page and "Pellets for the Alps" not in text_of(client.get("/partnerships"))


def test_the_page_reads_a_constant_number_of_queries(client, auth, world, count_queries):
    for n in range(8):
        manager = make_user(f"extra{n}@example.com")
        cluster = make_cluster(f"Extra {n}", country="IT", managers=[manager])
        membership.answer_invitation(manager, membership.invite(world.lead_user, world.partnership, cluster), True)
        thread.post_message(manager, world.partnership, f"Hello from {n}")
    db.session.commit()
    auth.sign_in(world.lead_user)
    db.session.expire_all()
    with count_queries() as counted:
        page = text_of(client.get(f"/partnerships/{world.partnership.slug}"))
    assert "Hello from 7" in page and "Extra 7" in page
    assert len(counted.selects) <= 16, "\n".join(counted.selects)
