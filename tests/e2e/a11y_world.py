"""A small marketplace where every main page has real content, and the list of those pages.

Shared by the accessibility (axe-core) and markup (Nu HTML Checker) tests, so that both check
the same pages: public ones, a company member's, a cluster manager's and an administrator's.
"""
from __future__ import annotations

from dataclasses import dataclass

from marketplace.alerts import queries as alert_queries
from marketplace.alerts import services as alerts
from marketplace.clusters.models import ClusterMembership
from marketplace.extensions import db
from marketplace.interests import services as interests
from marketplace.messaging import services as messaging
from marketplace.partnerships import membership, services as partnerships
from marketplace.partnerships.models import COMPANY
from tests.factories import make_cluster, make_company, make_listing, make_user

SEARCH_TERM = "pellets"
NO_RESULTS_TERM = "zeppelin"
LANGUAGES = ("en", "de")

# Who sees a page: nobody signed in, or a company member, a cluster manager, an administrator.
ANONYMOUS, MEMBER, MANAGER, ADMIN = None, "jana@pellets.example", "petra@wood-cluster.example", "ada@admin.example"


def account(viewer: str, language: str) -> str:
    """The e-mail address of the viewer's account that prefers `language`.

    Each viewer has one account per language, all alike, so that both languages can be checked side
    by side: a signed-in person's pages follow their stored preference, not the browser's.
    """
    return viewer if language == LANGUAGES[0] else f"{language}.{viewer}"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    viewer: str | None = ANONYMOUS
    form: dict | None = None  # posted instead of fetched: a form sent back with its errors shown
    status: int = 200


def _people(email: str, name: str, **fields) -> list:
    return [make_user(account(email, language), name=name, locale=language, **fields) for language in LANGUAGES]


def build_world(app) -> dict[str, object]:
    """People, companies, a cluster, listings, an interest, a conversation, a partnership; returns ids."""
    with app.test_request_context(method="POST"):  # URLs for the mails; a writing transaction
        janas = _people(MEMBER, "Jana Nováková")
        jana = janas[0]
        sven = make_user("sven@holz.example", name="Sven Sender")
        paul = make_user("paul@drewno.example", name="Paweł Partner")
        managers = _people(MANAGER, "Petra Manager")
        _people(ADMIN, "Ada Admin", is_admin=True)
        pellets = make_company("Novák Wood Pellets", country="CZ", sectors=("wood", "energy-environment"),
                               members=janas, region="Ústí nad Labem Region", city="Děčín",
                               website="https://pellets.example",
                               description="We press **certified wood pellets** from sawmill residues.")
        holz = make_company("Holz Linz GmbH", country="AT", sectors=("wood",), members=[sven],
                            description="A wholesaler of heating fuels in Upper Austria.")
        drewno = make_company("Drewno Legnica", country="PL", sectors=("wood",), members=[paul])
        cluster = make_cluster("Moravian Wood Cluster", sectors=("wood",), managers=managers, members=[pellets, holz])
        cluster.description = "Sawmills, joiners and pellet makers of the Ústí region."
        db.session.add(ClusterMembership(cluster=cluster, company=drewno, message="We would like to join."))

        offer = make_listing(pellets, jana, kind="offer", title="Certified wood pellets for heating plants",
                             keywords=["wood pellets", "biomass"], target_countries=["AT", "SI"])
        make_listing(pellets, jana, status="draft", title="Sawdust briquettes (draft)")
        make_listing(pellets, jana, status="pending", title="Beech firewood, kiln-dried")
        request = make_listing(holz, sven, kind="request", title="Supplier of wood pellets sought for Austria",
                               cooperation_types=["supplier", "commercial-agency"], keywords=["wood pellets"],
                               target_countries=["CZ", "PL"])
        make_listing(drewno, paul, kind="offer", title="Oak boards from Lower Silesia", keywords=["oak"])
        db.session.commit()

        # Holz writes to Jana's offer and she accepts: a conversation with an unread reply.
        conversation = interests.accept_interest(jana, interests.send_interest(sven, offer, "Hello from Linz!"),
                                                 "Welcome, let us talk.")
        db.session.commit()
        messaging.post_message(sven, conversation, "Which bag sizes do you offer?", "a11y-1")
        # Drewno's interest in Jana's offer waits for her company's answer (and notifies its people).
        interests.send_interest(paul, offer, "We could distribute your pellets in Poland.")
        for person in janas:
            alerts.save_search(person, alert_queries.filters_from(f"q={SEARCH_TERM}&country=AT"),
                               "Pellets in Austria", "weekly")

        partnership = partnerships.create_partnership(
            jana, partnerships.PartnershipData("Pellets for the Alps", "Supply **wood pellets** to Alpine hotels.",
                                               "wood"), (COMPANY, pellets.id))
        partnerships.publish(partnership)
        role = partnerships.add_role(partnership, partnerships.RoleData("wood", "AT", "Wholesaler in Austria"))
        invitation = membership.invite(jana, partnership, holz, role)
        membership.answer_invitation(sven, invitation, True)
        partnerships.add_role(partnership, partnerships.RoleData("logistics", "SI", "Carrier to Slovenia"))
        db.session.commit()
        return {"offer": offer.id, "request": request.id, "company": pellets.slug, "cluster": cluster.slug,
                "partnership": partnership.slug, "conversation": conversation.id}


def main_pages(ids: dict[str, object]) -> list[Page]:
    """Every main page, with the person who sees it."""
    return [
        Page("home", "/"),
        Page("listings", f"/listings?q={SEARCH_TERM}&sector=wood"),
        Page("listings-none", f"/listings?q={NO_RESULTS_TERM}"),
        Page("listing", f"/listings/{ids['offer']}"),
        Page("companies", "/companies"),
        Page("company", f"/companies/{ids['company']}"),
        Page("clusters", "/clusters"),
        Page("cluster", f"/clusters/{ids['cluster']}"),
        Page("partnerships", "/partnerships"),
        Page("partnership", f"/partnerships/{ids['partnership']}"),
        Page("sign-in", "/account/sign-in"),
        Page("sign-up", "/account/sign-up"),
        Page("forgot-password", "/account/forgot-password"),
        Page("not-found", "/no-such-page", status=404),
        Page("observatory", "/observatory"),
        Page("member-company", f"/companies/{ids['company']}", MEMBER),
        Page("member-listings", "/my/listings", MEMBER),
        Page("member-listing", f"/listings/{ids['offer']}", MEMBER),
        Page("member-new-listing", "/listings/new", MEMBER),
        Page("member-new-listing-errors", "/listings/new", MEMBER, form={"title": "x", "action": "submit"}),
        Page("member-matches", f"/listings/{ids['offer']}/matches", MEMBER),
        Page("member-partners", "/my/partners", MEMBER),
        Page("member-inbox", "/inbox", MEMBER),
        Page("member-interests", "/interests", MEMBER),
        Page("member-conversation", f"/inbox/{ids['conversation']}", MEMBER),
        Page("member-notifications", "/notifications", MEMBER),
        Page("member-saved-searches", "/account/saved-searches", MEMBER),
        Page("member-settings", "/account/", MEMBER),
        Page("member-company-edit", f"/companies/{ids['company']}/edit", MEMBER),
        Page("member-new-partnership", "/partnerships/new", MEMBER),
        Page("member-partnership", f"/partnerships/{ids['partnership']}", MEMBER),
        Page("member-partnership-manage", f"/partnerships/{ids['partnership']}/manage", MEMBER),
        Page("manager-clusters", "/my/clusters", MANAGER),
        Page("manager-requests", f"/clusters/{ids['cluster']}/requests", MANAGER),
        Page("manager-queue", "/moderation", MANAGER),
        Page("manager-figures", f"/clusters/{ids['cluster']}/figures", MANAGER),
        Page("admin", "/admin", ADMIN),
        Page("admin-overview", "/admin/overview", ADMIN),
    ]
