"""Demo partnerships: a meta-cluster of wood clusters and two company-led cross-border partnerships.

Runs after the clusters, companies and listings of the demo are in the session (it reads them
back), so it works for any size of demo world; with too few clusters the meta-cluster is left
out rather than faked. Rows go in through the ORM: there are only a few dozen.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..clusters.models import Cluster, ClusterManager, ClusterSector
from ..companies.models import Company, CompanySector
from ..companies.services import unique_slug
from ..partnerships.models import (ACTIVE, INVITED, MEMBER, REQUESTED, Partnership, PartnershipMember,
                                   PartnershipMessage, PartnershipRole)
from ..partnerships.services import RESERVED_SLUGS

# Countries of the meta-cluster, lead first: the wood clusters of the partner regions.
META_SECTOR = "wood"
META_COUNTRIES = ("SI", "AT", "CZ", "PL", "SK", "DE", "HU", "IT")


@dataclass
class PartnershipCounts:
    partnerships: int = 0
    meta_clusters: int = 0
    members: int = 0
    pending: int = 0
    roles: int = 0
    messages: int = 0


@dataclass(frozen=True)
class _Party:
    kind: str  # "company" | "cluster"
    id: int
    country: str
    person_id: int  # who speaks for it: the company's first member, the cluster's manager


def load_partnerships(session: Session, now: datetime, rng: random.Random) -> PartnershipCounts:
    """Add three published partnerships (one a meta-cluster) with roles, members and threads; flush only."""
    loader = _Loader(session, now, rng)
    loader.meta_cluster()
    loader.biomass_heating()
    loader.food_cold_chain()
    session.flush()
    return loader.counts


class _Loader:
    def __init__(self, session: Session, now: datetime, rng: random.Random):
        self.session = session
        self.now = now
        self.rng = rng
        self.counts = PartnershipCounts()
        self.used: set[tuple[str, int]] = set()

    # Finding parties ---------------------------------------------------------------------------

    def _clusters(self, sector: str) -> dict[str, list[_Party]]:
        rows = self.session.execute(
            select(Cluster.id, Cluster.country, func.min(ClusterManager.user_id))
            .join(ClusterSector, ClusterSector.cluster_id == Cluster.id)
            .join(ClusterManager, ClusterManager.cluster_id == Cluster.id)
            .where(ClusterSector.sector == sector).group_by(Cluster.id, Cluster.country).order_by(Cluster.id))
        found: dict[str, list[_Party]] = {}
        for cluster_id, country, manager_id in rows:
            found.setdefault(country, []).append(_Party("cluster", cluster_id, country, manager_id))
        return found

    def _company(self, sector: str, countries: tuple[str, ...], exclude_countries: set[str] = frozenset()
                 ) -> _Party | None:
        """A random company of the sector in the first of `countries` that has one (any country if none)."""
        first_member = (select(func.min(User.id)).where(User.company_id == Company.id, User.deleted_at.is_(None))
                        .scalar_subquery())
        # Companies of this one sector only: a company's name and description are written for its
        # main sector, which the database does not record, so a single-sector company reads right.
        single = (select(CompanySector.company_id).group_by(CompanySector.company_id)
                  .having(func.count() == 1))
        query = (select(Company.id, Company.country, first_member.label("person"))
                 .join(CompanySector, CompanySector.company_id == Company.id)
                 .where(CompanySector.sector == sector, Company.id.in_(single), Company.is_published.is_(True),
                        Company.suspended_at.is_(None), first_member.is_not(None))
                 .order_by(Company.id).limit(400))
        rows = [r for r in self.session.execute(query)
                if r.country not in exclude_countries and ("company", r.id) not in self.used]
        for country in (*countries, None):
            pool = [r for r in rows if country is None or r.country == country]
            if pool:
                row = self.rng.choice(pool)
                self.used.add(("company", row.id))
                return _Party("company", row.id, row.country, row.person)
        return None

    # Writing rows ------------------------------------------------------------------------------

    def _partnership(self, name: str, goal: str, sector: str, lead: _Party, age_days: int) -> Partnership:
        created = self.now - timedelta(days=age_days, hours=self.rng.randint(0, 20))
        partnership = Partnership(slug=unique_slug(Partnership, name, RESERVED_SLUGS), name=name, goal=goal,
                                  sector=sector, status=ACTIVE, created_by_id=lead.person_id, created_at=created,
                                  updated_at=created, published_at=created + timedelta(days=2))
        setattr(partnership, f"lead_{lead.kind}_id", lead.id)
        self.session.add(partnership)
        self._member(partnership, lead, MEMBER, created, is_lead=True)
        self.counts.partnerships += 1
        return partnership

    def _role(self, partnership: Partnership, sector: str, country: str | None, capability: str) -> PartnershipRole:
        role = PartnershipRole(sector=sector, country=country, capability=capability,
                               position=len(partnership.roles), created_at=partnership.created_at)
        partnership.roles.append(role)
        self.counts.roles += 1
        return role

    def _member(self, partnership: Partnership, party: _Party, status: str, when: datetime,
                role: PartnershipRole | None = None, is_lead: bool = False, message: str = "",
                by: int | None = None) -> PartnershipMember:
        member = PartnershipMember(status=status, is_lead=is_lead, role=role, message=message, created_at=when,
                                   **{f"{party.kind}_id": party.id})
        if status == REQUESTED:
            member.requested_by_id = party.person_id
        elif not is_lead:
            member.invited_by_id = by
        if status == MEMBER:
            member.answered_at = when + timedelta(hours=self.rng.randint(3, 72))
            member.answered_by_id = party.person_id
        partnership.members.append(member)
        self.used.add((party.kind, party.id))
        if not is_lead:
            self.counts.members += int(status == MEMBER)
            self.counts.pending += int(status in (INVITED, REQUESTED))
        return member

    def _thread(self, partnership: Partnership, posts: list[tuple[PartnershipMember, _Party, str]]) -> None:
        moment = partnership.published_at
        for member, party, body in posts:
            moment = min(moment + timedelta(hours=self.rng.randint(5, 60)), self.now - timedelta(minutes=30))
            self.session.add(PartnershipMessage(partnership=partnership, member=member, author_id=party.person_id,
                                                body=body, created_at=moment))
            self.counts.messages += 1

    # The three partnerships --------------------------------------------------------------------

    def meta_cluster(self) -> None:
        """Wood clusters of at least three countries, led from Slovenia; a Polish cluster invited."""
        by_country = self._clusters(META_SECTOR)
        countries = [c for c in META_COUNTRIES if c in by_country] + sorted(set(by_country) - set(META_COUNTRIES))
        if len(countries) < 3:
            return  # a small demo world: no honest meta-cluster to show
        lead, *others = [by_country[c][0] for c in countries]
        partnership = self._partnership(
            "Central European Timber Construction Meta-Cluster",
            "Wood clusters of Central Europe join forces to bring **multi-storey timber construction** to the "
            "region:\n\n- shared testing of cross-laminated timber from local beech and spruce\n"
            "- joint stands at the trade fairs in Munich, Milan and Poznań\n"
            "- exchange of apprentices between the member companies' workshops",
            META_SECTOR, lead, age_days=120)
        members = []
        for party, capability in zip(others[:2], ("Timber house builders with prefabrication know-how",
                                                  "Furniture and interior design for timber buildings")):
            role = self._role(partnership, META_SECTOR, party.country, capability)
            members.append((self._member(partnership, party, MEMBER, partnership.created_at + timedelta(days=3),
                                         role, by=lead.person_id), party))
        invited = others[2] if len(others) > 2 else None
        open_role = self._role(partnership, META_SECTOR, invited.country if invited else "PL",
                               "A wood cluster with sawmills and pellet producers")
        if invited is not None:
            self._member(partnership, invited, INVITED, self.now - timedelta(days=4), open_role,
                         message="Your sawmills would complete our supply chain. Join us!", by=lead.person_id)
        self.counts.meta_clusters += 1
        lead_member = partnership.lead_member
        self._thread(partnership, [
            (lead_member, lead, "Welcome to the meta-cluster! Let us agree on the first joint trade fair stand."),
            (members[0][0], members[0][1], "Our members can show two prefabricated timber houses in Munich."),
            (members[1][0], members[1][1], "We will bring interior designers. Shall we meet online next week?"),
            (lead_member, lead, "Agreed: Tuesday at 10:00. I will send the link in this thread."),
        ])

    def biomass_heating(self) -> None:
        """A company-led partnership across three countries, one role filled, one invited, one open."""
        lead = self._company("wood", ("AT", "SI"))
        if lead is None:
            return
        partnership = self._partnership(
            "Biomass heating for Alpine hotels",
            "Pellet producers, boiler installers and hotels team up to replace oil heating in Alpine hotels "
            "with local wood pellets. We offer a complete package: fuel, boiler, installation and service.",
            "energy-environment", lead, age_days=60)
        installer = self._company("energy-environment", ("SI", "CZ", "DE"), {lead.country})
        role = self._role(partnership, "energy-environment", installer.country if installer else None,
                          "Installer of biomass boilers for buildings of 500 kW and more")
        posts = [(partnership.lead_member, lead, "Hello all, the first three hotels are ready for an energy audit.")]
        if installer is not None:
            member = self._member(partnership, installer, MEMBER, partnership.created_at + timedelta(days=5), role,
                                  by=lead.person_id)
            posts.append((member, installer, "We can send two engineers for the audits in the week after next."))
        hotel = self._company("tourism", ("AT", "IT", "SI"))
        hotel_role = self._role(partnership, "tourism", hotel.country if hotel else "AT",
                                "Hotel group willing to pilot biomass heating")
        if hotel is not None:
            self._member(partnership, hotel, INVITED, self.now - timedelta(days=2), hotel_role,
                         message="Would one of your hotels host the pilot?", by=lead.person_id)
        self._role(partnership, "logistics", "SI", "Logistics partner for bulk pellet delivery")
        self._thread(partnership, posts)

    def food_cold_chain(self) -> None:
        """A Hungarian-led food partnership with one partner abroad and a request to join waiting."""
        lead = self._company("food", ("HU", "PL", "SK"))
        if lead is None:
            return
        partnership = self._partnership(
            "Cold chain for regional food exports",
            "Regional food producers share refrigerated transport and warehousing to reach supermarkets in "
            "Austria and Germany at lower cost.",
            "food", lead, age_days=30)
        carrier = self._company("logistics", ("AT", "SK", "CZ"), {lead.country})
        role = self._role(partnership, "logistics", carrier.country if carrier else None,
                          "Refrigerated transport along the Danube corridor")
        posts = [(partnership.lead_member, lead, "Our first joint shipment could leave in spring.")]
        if carrier is not None:
            member = self._member(partnership, carrier, MEMBER, partnership.created_at + timedelta(days=4), role,
                                  by=lead.person_id)
            posts.append((member, carrier, "We have two refrigerated trucks free on Tuesdays and Thursdays."))
        open_role = self._role(partnership, "food", "DE", "Wholesaler for regional products in Bavaria")
        applicant = self._company("food", ("DE", "AT"), {lead.country})
        if applicant is not None:
            self._member(partnership, applicant, REQUESTED, self.now - timedelta(days=1), open_role,
                         message="We supply 40 organic shops in Bavaria and would like to take part.")
        self._thread(partnership, posts)
