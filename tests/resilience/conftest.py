"""A small marketplace in the run's database (SQLite file, or TEST_DATABASE_URL), ready to be served by gunicorn."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine

from marketplace.config import normalise_database_url
from marketplace.extensions import db
from marketplace.interests import services as interest_services

from ..factories import DEFAULT_PASSWORD, make_company, make_listing, make_user

COUNTRIES = ("CZ", "PL", "SK", "SI", "DE", "HU", "AT", "IT")
LOCALES = ("en", "de", "pl", "cs", "sk", "sl", "hu", "it")
WORDS = ("wood pellets", "biomass", "cnc machining", "logistics", "software", "tourism", "food safety", "sensors")


@dataclass
class Person:
    email: str
    locale: str
    company_id: int
    conversation_id: int
    password: str = DEFAULT_PASSWORD


@dataclass
class World:
    url: str
    people: list[Person] = field(default_factory=list)
    listings: list[tuple[int, int]] = field(default_factory=list)  # (listing id, company id), published

    def engine(self):
        """A separate engine for checking what the served app stored (dispose it after use)."""
        return create_engine(normalise_database_url(self.url))

    def as_json(self) -> dict:
        return {"people": [vars(p) for p in self.people], "listings": self.listings}


def build_world(app, companies: int) -> World:
    """`companies` companies of one member each, three published listings each, paired into conversations."""
    world = World(url=app.config["DATABASE_URL"])
    with app.app_context():
        members = []
        for n in range(companies):
            locale = LOCALES[n % len(LOCALES)]
            user = make_user(f"member{n}@served.example", name=f"Member {n}", locale=locale)
            company = make_company(f"Served Company {n}", country=COUNTRIES[n % len(COUNTRIES)], members=[user])
            for k in range(3):
                listing = make_listing(company, user, title=f"Served offer {n}-{k}: {WORDS[(n + k) % len(WORDS)]}",
                                       keywords=[WORDS[(n + k) % len(WORDS)], WORDS[(n + k + 1) % len(WORDS)]])
                world.listings.append((listing.id, company.id))
            members.append((user, company, listing))
        db.session.commit()
        for (seller, seller_company, listing), (buyer, _company, _listing) in zip(members[::2], members[1::2]):
            interest = interest_services.send_interest(buyer, listing, "Let us talk about a partnership.")
            db.session.commit()
            conversation = interest_services.accept_interest(seller, interest, "")
            db.session.commit()
            for user in (seller, buyer):
                world.people.append(Person(user.email, user.locale, user.company_id, conversation.id))
        db.session.remove()
        db.engine.dispose()
    return world


@pytest.fixture
def world(make_app):
    """Twenty companies (ten conversations) in a fresh database of the run's kind."""
    return build_world(make_app(), companies=20)


@pytest.fixture
def empty_world(make_app):
    """A fresh database of the run's kind with the schema and nothing else."""
    app = make_app()
    with app.app_context():
        db.engine.dispose()
    return World(url=app.config["DATABASE_URL"])
