"""Locust workload of tests/resilience/test_load.py: members browse, search, sign in, post and message.

Run by the test as `locust --headless` in its own process (locust patches the standard library with
gevent, which must not happen inside pytest). SERVED_WORLD names a JSON file with the people and
listings; every write the site acknowledges is appended to SERVED_ACKS, one JSON line each, so the
test can check afterwards that the database holds each exactly once.
"""
from __future__ import annotations

import itertools
import json
import os
import random
import re
import string
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import HttpUser, between, events, task

WORLD = json.loads(Path(os.environ["SERVED_WORLD"]).read_text())
ACKS = open(os.environ["SERVED_ACKS"], "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run
SEARCHES = ("wood pellets", "biomass", "cnc", "logistics", "software", "sensors", "obrabeni", "food")
SECTORS = ("wood", "ict", "logistics", "production", "food")
_next_person = itertools.count()
# The run lasts SERVED_MIN_SECONDS, and longer if some user has not yet sent one request of each kind
# (on a busy machine); locust's --run-time bounds it.
MIN_SECONDS = float(os.environ.get("SERVED_MIN_SECONDS", "30"))
USERS = int(os.environ.get("SERVED_USERS", "1"))
_users_through_every_kind = 0


@events.test_start.add_listener
def _quit_once_long_enough_and_every_kind_sent(environment, **_kwargs) -> None:
    def watch() -> None:
        began = time.monotonic()
        while time.monotonic() - began < MIN_SECONDS or _users_through_every_kind < USERS:
            gevent.sleep(0.5)
        environment.runner.quit()

    gevent.spawn(watch)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else ""


def acknowledge(kind: str, **values) -> None:
    ACKS.write(json.dumps({"kind": kind, **values}) + "\n")
    ACKS.flush()


class Member(HttpUser):
    """One signed-in member of a company; each simulated user is a different person."""

    wait_time = between(0.1, 0.8)

    def on_start(self) -> None:
        people = WORLD["people"]
        self.person = people[next(_next_person) % len(people)]
        partner = {p["company_id"] for p in people if p["conversation_id"] == self.person["conversation_id"]}
        self.foreign_listings = [listing for listing, company in WORLD["listings"] if company not in partner]
        self.all_listings = [listing for listing, _company in WORLD["listings"]]
        self.sign_in()
        # Every kind of request at least once, however few tasks a slow machine gets through.
        self.search()
        self.get(f"/listings/{random.choice(self.all_listings)}", "browse: listing")
        self.post_listing()
        self.express_interest()
        self.send_message()
        global _users_through_every_kind
        _users_through_every_kind += 1

    def get(self, path: str, name: str, expect=(200,)) -> str:
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code} on GET {path}")
            return response.text

    def post(self, path: str, name: str, form: dict, expect=(302,)):
        with self.client.post(path, data=form, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code not in expect:
                said = re.findall(r'class="(?:error|flash[^"]*)"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', response.text)
                response.failure(f"{response.status_code} on POST {path}: {said[:3] or response.text[:200]!r}")
                return None
            return response

    def sign_in(self) -> None:
        page = self.get("/account/sign-in", "sign in: form")
        self.post("/account/sign-in", "sign in", {"email": self.person["email"], "password": self.person["password"],
                                                  "csrf_token": hidden(page, "csrf_token")})

    @task(2)
    def sign_out_and_in(self) -> None:
        page = self.get("/", "browse: home")
        self.post("/account/sign-out", "sign out", {"csrf_token": hidden(page, "csrf_token")})
        self.sign_in()

    @task(8)
    def browse(self) -> None:
        self.get("/", "browse: home")
        self.get(f"/listings/{random.choice(self.all_listings)}", "browse: listing")
        self.get("/companies", "browse: companies")

    @task(6)
    def search(self) -> None:
        query = {"q": random.choice(SEARCHES)}
        if random.random() < 0.5:
            query["sector"] = random.choice(SECTORS)
        self.get("/listings?" + urlencode(query), "search")

    @task(2)
    def post_listing(self) -> None:
        page = self.get("/listings/new", "post listing: form")
        token = hidden(page, "client_token")
        # Letters only: a run of digits in a title reads as a phone number, which asks the author to confirm.
        title = f"Load test listing {''.join(random.choices(string.ascii_lowercase, k=12))}: machining capacity"
        form = {"csrf_token": hidden(page, "csrf_token"), "client_token": token, "action": "submit",
                "kind": random.choice(("offer", "request")), "sector": "production",
                "cooperation_types": ["subcontracting", "technical"], "title": title,
                "summary": "Spare capacity on five-axis machines for partners in neighbouring regions.",
                "description": "We machine aluminium and steel parts in small and medium series.",
                "keywords": "machining, aluminium, steel", "target_countries": ["DE", "AT"], "language": "en",
                "development_stage": "", "partner_type": ""}  # a browser sends the unchosen selects empty
        for _ in range(2 if random.random() < 0.2 else 1):  # now and then a double click
            response = self.post("/listings/new", "post listing", form)
            if response is not None:
                acknowledge("listing", client_token=token, title=title, company_id=self.person["company_id"])

    @task(1)
    def express_interest(self) -> None:
        listing = random.choice(self.foreign_listings)
        page = self.get(f"/listings/{listing}/interest", "express interest: form", expect=(200, 302))
        if "csrf_token" not in page:
            return  # already expressed: the form redirects to that interest
        response = self.post(f"/listings/{listing}/interest", "express interest",
                             {"csrf_token": hidden(page, "csrf_token"), "message": "We would like to talk."})
        if response is not None:
            acknowledge("interest", listing_id=listing, company_id=self.person["company_id"])

    @task(5)
    def send_message(self) -> None:
        path = f"/inbox/{self.person['conversation_id']}"
        page = self.get(path, "read thread")
        client_id = str(uuid.uuid4())
        body = f"load message {client_id}"
        form = {"csrf_token": hidden(page, "csrf_token"), "body": body, "client_id": client_id}
        if self.post(path, "send message", form) is not None:
            acknowledge("message", client_id=client_id, conversation_id=self.person["conversation_id"])
