"""Signed-in clients that keep reading and writing while a test breaks something, recording every answer.

Each client is one person with their own cookies and Accept-Language, as a browser sends it. A write
that gets no answer, or a 503, is sent again with the same client token (as a browser's retry
does); each write the site acknowledges is recorded for the database checks afterwards.
"""
from __future__ import annotations

import random
import re
import string
import threading
import time
import uuid
from dataclasses import dataclass, field

from ..served import Browser, CSRF_TOKEN
from .conftest import Person
from .integrity import POSTED_TITLE

RETRIES = 5
LISTING_FORM = {"action": "submit", "kind": "offer", "sector": "production",
                "cooperation_types": ["subcontracting", "technical"],
                "summary": "Spare capacity on five-axis machines for partners in neighbouring regions.",
                "description": "We machine aluminium and steel parts in small and medium series.",
                "keywords": "machining, aluminium, steel", "target_countries": ["DE", "AT"], "language": "en",
                "development_stage": "", "partner_type": ""}


@dataclass
class Answer:
    started: float
    finished: float
    method: str
    path: str
    status: int  # 0: no answer at all (refused, reset, timed out)
    locale: str
    body: str = ""


@dataclass
class Traffic:
    port: int
    people: list[Person]
    post_listings: bool = False
    answers: list[Answer] = field(default_factory=list)
    acks: list[dict] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    _signed_in: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))

    def start(self, timeout: float = 90) -> "Traffic":
        """Once every client has signed in and is reading and writing: the fault comes after that."""
        for person in self.people:
            thread = threading.Thread(target=self._run, args=(person,), daemon=True)
            thread.start()
            self._threads.append(thread)
        deadline = time.monotonic() + timeout
        for _ in self.people:
            if not self._signed_in.acquire(timeout=max(0.1, deadline - time.monotonic())):
                self.finish()
                raise AssertionError("the clients could not sign in")
        return self

    def finish(self, timeout: float = 120) -> None:
        self.stop.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(1, deadline - time.monotonic()))
        assert not any(t.is_alive() for t in self._threads), "a client hung past the deadline"
        assert not self.crashes, self.crashes[:5]

    def _request(self, browser: Browser, person: Person, method: str, path: str, form=None) -> Answer:
        started = time.monotonic()
        try:
            status, _headers, body = browser.exchange(method, path, form,
                                                      headers={"Accept-Language": person.locale})
        except OSError as error:
            status, body = 0, repr(error)
        answer = Answer(started, time.monotonic(), method, path, status, person.locale, body)
        with self._lock:
            self.answers.append(answer)
        return answer

    def _token(self, browser: Browser, person: Person, path: str) -> dict | None:
        answer = self._request(browser, person, "GET", path)
        if answer.status != 200:
            return None
        found = {"csrf_token": CSRF_TOKEN.search(answer.body).group(1)}
        client_token = re.search(r'name="client_token"[^>]*value="([^"]*)"', answer.body)
        if client_token:
            found["client_token"] = client_token.group(1)
        return found

    def _write(self, browser: Browser, person: Person, path: str, form: dict, ack: dict) -> None:
        for _ in range(RETRIES):
            answer = self._request(browser, person, "POST", path, form)
            if answer.status == 302:
                with self._lock:
                    self.acks.append(ack)
                return
            if self.stop.is_set() or answer.status not in (0, 503):
                return
            time.sleep(0.5)

    def _run(self, person: Person) -> None:
        try:
            browser = Browser(self.port, timeout=30)
            browser.sign_in(person.email, person.password)
            self._signed_in.release()
            thread = f"/inbox/{person.conversation_id}"
            while not self.stop.is_set():
                self._request(browser, person, "GET", "/listings?q=machining")
                tokens = self._token(browser, person, "/listings/new" if self.post_listings else thread)
                if tokens is None:
                    time.sleep(0.3)
                    continue
                if self.post_listings:
                    # Letters only: digits in a title can read as a phone number, which asks for confirmation.
                    title = POSTED_TITLE.replace("%", "".join(random.choices(string.ascii_lowercase, k=12)))
                    self._write(browser, person, "/listings/new", {**LISTING_FORM, **tokens, "title": title},
                                {"kind": "listing", "client_token": tokens["client_token"]})
                client_id = str(uuid.uuid4())
                csrf = {"csrf_token": tokens["csrf_token"]}
                self._write(browser, person, thread, {**csrf, "body": f"load message {client_id}",
                                                      "client_id": client_id},
                            {"kind": "message", "client_id": client_id, "conversation_id": person.conversation_id})
        except Exception as error:  # noqa: BLE001 - reported by finish(), not lost in a thread
            self.crashes.append(f"{person.email}: {error!r}")
