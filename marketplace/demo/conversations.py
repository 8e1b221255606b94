"""Demo expressions of interest, the conversations of the accepted ones, and what came of them.

Everything goes through the domain services (send_interest, accept_interest, post_message,
record_outcome, expire_due), so the rows agree as in real use: each interest's log, the
conversation's markers and read state, notifications, and contact details disclosed only on
acceptance. Two things are undone afterwards: the services stamp notifications with the clock, so
each step's are moved to the moment of the step; and they queue e-mails, which are dropped, since
nobody should be mailed about a demo.

Interests need a listing that takes interest now (published, not expired), so the history
reaches back as far as the demo's published listings do (up to a year). The demo's company
accounts get interests of their own, in both directions, so that their inbox is alive.
"""
from __future__ import annotations

import random
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app, has_request_context
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..companies.models import Company, CompanyLanguage
from ..database import utcnow
from ..interests import services as interests
from ..interests.models import ACCEPTED, ANSWER_WITHIN, DECLINED, EXPIRED, PENDING, Interest
from ..listings.models import PUBLISHED, Listing
from ..mail.models import OutboxMessage
from ..messaging import services as messaging
from ..messaging.models import Conversation
from ..notifications.models import Notification
from ..outcomes.models import AGREEMENT, CONTRACT, JOINT_PROJECT, MEETING
from ..outcomes.services import record_outcome
from ..partnerships.models import Partnership
from .data_conversations import SCRIPTS
from .data_countries import COUNTRIES

RECENT = timedelta(days=ANSWER_WITHIN.days - 1)  # sent within this: possibly still waiting
READ_AFTER = timedelta(days=4)  # notifications and messages older than this have been read


def interest_count(companies: int) -> int:
    """A few dozen: the services take some milliseconds a step, and a big demo world loads in seconds."""
    return min(companies // 6, 30 + companies // 500, 80)


@dataclass
class ConversationCounts:
    interests: Counter = field(default_factory=Counter)  # stored status -> count
    conversations: int = 0
    messages: int = 0
    outcomes: int = 0
    languages: Counter = field(default_factory=Counter)  # language of each conversation


@dataclass(frozen=True)
class _Listing:
    id: int
    company_id: int
    country: str
    sector: str
    published_at: datetime


@dataclass
class _Plan:
    listing: _Listing
    sender_company_id: int
    sent_at: datetime
    fate: str  # PENDING | ACCEPTED | DECLINED | EXPIRED
    featured: int | None = None  # a demo account's company: the other side has the last, unread word


def load_conversations(session: Session, now: datetime, rng: random.Random, featured_emails: list[str],
                       count: int) -> ConversationCounts:
    """Add interests, conversations and outcomes through the services; flush only (the caller commits)."""
    # The services link to pages in their mails and notifications: outside a request they need one.
    context = nullcontext() if has_request_context() else current_app.test_request_context()
    with context:
        loader = _Loader(session, now, rng)
        loader.run(featured_emails, count)
        loader.partnership_outcomes()
        loader.finish()
    return loader.counts


class _Loader:
    def __init__(self, session: Session, now: datetime, rng: random.Random):
        self.session = session
        self.now = now
        self.rng = rng
        self.counts = ConversationCounts()
        self.started = utcnow()  # rows the services stamp with the clock have times from here on
        self.first_mail_id = (session.scalar(select(func.max(OutboxMessage.id))) or 0) + 1
        self.used: set[tuple[int, int]] = set()  # (sender company, listing)
        self.latest = now - timedelta(minutes=20)
        self.people: dict[int, list[int]] = {}  # company id -> its active members' user ids
        self.languages: dict[int, set[str]] = {}  # company id -> languages it speaks

    # What there is to work with -------------------------------------------------------------------

    def _listings(self) -> list[_Listing]:
        # Open to interest by the clock too: tests load a world dated in the past.
        open_until = max(self.now, utcnow()) + timedelta(days=1)
        rows = self.session.execute(
            select(Listing.id, Listing.company_id, Company.country, Listing.sector, Listing.published_at)
            .join(Company, Company.id == Listing.company_id)
            .where(Listing.status == PUBLISHED, Listing.expires_at > open_until, Listing.published_at < self.latest,
                   Company.is_published.is_(True), Company.suspended_at.is_(None))
            .order_by(Listing.id))
        return [_Listing(*row) for row in rows]

    def _people(self) -> dict[int, list[int]]:
        """Company id -> its active members' user ids, oldest first."""
        people: dict[int, list[int]] = {}
        for company_id, user_id in self.session.execute(
                select(User.company_id, User.id).where(User.company_id.is_not(None), User.deleted_at.is_(None))
                .order_by(User.id)):
            people.setdefault(company_id, []).append(user_id)
        return people

    def _countries(self) -> dict[int, str]:
        return dict(self.session.execute(select(Company.id, Company.country).where(
            Company.is_published.is_(True), Company.suspended_at.is_(None))).all())

    # Planning ---------------------------------------------------------------------------------------

    def run(self, featured_emails: list[str], count: int) -> None:
        listings = self._listings()
        people = self._people()
        countries = {cid: c for cid, c in self._countries().items() if cid in people}
        if not listings or len(countries) < 2:
            return
        plans = self._featured_plans(featured_emails, listings, countries)
        wanted = len(plans) + count
        company_ids = sorted(countries)
        for _ in range(count * 3):  # a few draws may find nothing that fits
            if len(plans) >= wanted:
                break
            plan = self._plan(self.rng.choice(listings), company_ids, countries)
            if plan is not None:
                plans.append(plan)
        self.languages = self._languages({p.listing.company_id for p in plans} | {p.sender_company_id for p in plans})
        self.people = people
        for plan in sorted(plans, key=lambda p: p.sent_at):
            self._carry_out(plan)
        self._expire()

    def _sent_at(self, listing: _Listing, recent: bool) -> datetime | None:
        earliest = listing.published_at + timedelta(hours=2)
        latest = self.latest if recent else self.now - ANSWER_WITHIN - timedelta(days=1)
        if recent:
            earliest = max(earliest, self.now - RECENT)
        if earliest >= latest:
            return None
        # Most interest comes while a listing is fresh.
        return earliest + (latest - earliest) * self.rng.random() ** 2

    def _plan(self, listing: _Listing, company_ids: list[int], countries: dict[int, str]) -> _Plan | None:
        # A company from abroad: cross-border contact is what the marketplace is for.
        sender = next((c for c in (self.rng.choice(company_ids) for _ in range(12))
                       if countries[c] != listing.country), None)
        recent = self.rng.random() < 0.25
        sent_at = self._sent_at(listing, recent)
        if sender is None or sent_at is None or (sender, listing.id) in self.used:
            return None
        self.used.add((sender, listing.id))
        roll = self.rng.random()
        if recent:
            fate = PENDING if roll < 0.6 else ACCEPTED if roll < 0.9 else DECLINED
        else:
            fate = ACCEPTED if roll < 0.55 else DECLINED if roll < 0.75 else EXPIRED
        return _Plan(listing, sender, sent_at, fate)

    def _featured_plans(self, emails: list[str], listings: list[_Listing], countries: dict[int, str]) -> list[_Plan]:
        """Each demo company account: interests received and sent, waiting, answered and talked over."""
        plans = []
        for email in emails:
            company_id = self.session.scalar(select(User.company_id).where(User.email == email))
            if company_id is None or company_id not in countries:
                continue
            home = countries[company_id]
            own = [item for item in listings if item.company_id == company_id]
            abroad = [item for item in listings if item.country != home]
            others = self.rng.sample(abroad, min(6, len(abroad)))
            senders = [cid for cid, country in countries.items() if country != home]
            # Received: one waiting for an answer, one being talked over, one from months ago.
            for listing, fate, recent in zip(own, (PENDING, ACCEPTED, ACCEPTED), (True, True, False)):
                sender = self.rng.choice(senders) if senders else None
                sent_at = self._sent_at(listing, recent)
                if sender is not None and sent_at is not None and (sender, listing.id) not in self.used:
                    self.used.add((sender, listing.id))
                    plans.append(_Plan(listing, sender, sent_at, fate, featured=company_id))
            # Sent: accepted and talked over, declined, still waiting.
            for listing, fate, recent in zip(others, (ACCEPTED, DECLINED, PENDING), (True, False, True)):
                sent_at = self._sent_at(listing, recent)
                if sent_at is not None and (company_id, listing.id) not in self.used:
                    self.used.add((company_id, listing.id))
                    plans.append(_Plan(listing, company_id, sent_at, fate, featured=company_id))
        return plans

    def _languages(self, company_ids: set[int]) -> dict[int, set[str]]:
        spoken: dict[int, set[str]] = {}
        for company_id, language in self.session.execute(
                select(CompanyLanguage.company_id, CompanyLanguage.language)
                .where(CompanyLanguage.company_id.in_(company_ids))):
            spoken.setdefault(company_id, set()).add(language)
        return spoken

    def _language(self, listing: _Listing, sender_company_id: int) -> str:
        """One both companies speak other than English if there is one; else, often, the listing's
        country's language (the sender makes the effort), else English."""
        shared = self.languages.get(listing.company_id, set()) & self.languages.get(sender_company_id, set())
        own = sorted(language for language in shared & set(SCRIPTS) if language != "en")
        if own:
            return self.rng.choice(own)
        local = COUNTRIES[listing.country].language if listing.country in COUNTRIES else "en"
        return local if local in SCRIPTS and self.rng.random() < 0.5 else "en"

    # Carrying out ----------------------------------------------------------------------------------

    def _person(self, company_id: int) -> User:
        return self.session.get(User, self.rng.choice(self.people[company_id][:2]))

    def _carry_out(self, plan: _Plan) -> None:
        listing = self.session.get(Listing, plan.listing.id)
        sender = self._person(plan.sender_company_id)
        language = self._language(plan.listing, plan.sender_company_id)
        script = SCRIPTS[language]
        try:
            interest = interests.send_interest(sender, listing, self.rng.choice(script.openings), now=plan.sent_at)
        except interests.InterestError:
            return  # e.g. the sender's daily limit: the demo simply has one interest fewer
        self._stamp(plan.sent_at)
        if plan.fate in (PENDING, EXPIRED):
            return
        answered_at = min(plan.sent_at + timedelta(hours=self.rng.uniform(2, 24 * 9)), self.latest)
        answerer = self.session.get(User, listing.author_id) if listing.author_id else None
        if answerer is None or answerer.company_id != listing.company_id or not answerer.is_active:
            answerer = self._person(listing.company_id)
        if plan.fate == DECLINED:
            interests.decline_interest(answerer, interest, self.rng.choice(script.declines), now=answered_at)
            self._stamp(answered_at)
            return
        note = self.rng.choice(script.accepts) if self.rng.random() < 0.7 else ""
        conversation = interests.accept_interest(answerer, interest, note, now=answered_at)
        self._stamp(answered_at)
        self.counts.conversations += 1
        self.counts.languages[language] += 1
        self._talk(conversation, interest, script, answered_at, plan.featured)
        self._outcomes(conversation, answered_at)

    def _talk(self, conversation: Conversation, interest: Interest, script, since: datetime,
              featured: int | None) -> None:
        """The thread goes on for a few messages, the sender first, then the two sides in turn."""
        length = self.rng.randint(2, len(script.thread))
        if featured is not None:  # odd lengths end with the sender's message: news for the listing's side
            length = 3 if featured == interest.recipient_company_id else 2
        moment = since
        sides = (interest.sender_company_id, interest.recipient_company_id)
        longest = min(timedelta(hours=70), (self.latest - since) / (length + 1))  # the thread fits before now
        for n, body in enumerate(script.thread[:length]):
            moment += longest * self.rng.uniform(0.05, 1)
            author = self._person(sides[n % 2])
            messaging.post_message(author, conversation, body, f"demo-{conversation.id}-{n}", now=moment)
            self._stamp(moment)
            self.counts.messages += 1
        if moment < self.now - READ_AFTER and featured is None:
            self._read_everything(conversation)

    def _read_everything(self, conversation: Conversation) -> None:
        last = conversation.last_message_id
        for company_id in (conversation.company_a_id, conversation.company_b_id):
            for user_id in self.people[company_id]:
                messaging.mark_read(self.session.get(User, user_id), conversation.id, last)

    def _outcomes(self, conversation: Conversation, since: datetime) -> None:
        """Of the older conversations, many led to a meeting, fewer to an agreement, a contract, a project."""
        moment = since
        for kind, chance in ((MEETING, 0.65), (AGREEMENT, 0.5), (self.rng.choice((CONTRACT, JOINT_PROJECT)), 0.6)):
            moment += timedelta(days=self.rng.uniform(7, 60))
            if moment > self.now - timedelta(days=1) or self.rng.random() > chance:
                return
            side = self.rng.choice((conversation.company_a_id, conversation.company_b_id))
            self._record(self._person(side), "conversation", conversation.id, kind, moment)

    def _record(self, actor: User, subject_type: str, subject_id: int, kind: str, moment: datetime) -> None:
        outcome = record_outcome(actor, subject_type, subject_id, kind, moment.date())
        outcome.created_at = moment + timedelta(hours=self.rng.uniform(1, 30))
        self.counts.outcomes += 1

    def _expire(self) -> None:
        """What the daily job would have done: each lapsed interest marked expired the day it lapsed."""
        lapsed = self.session.scalars(select(Interest.expires_at).where(
            Interest.status == PENDING, Interest.expires_at <= self.now).order_by(Interest.expires_at))
        for due in list(lapsed):
            moment = due + timedelta(hours=self.rng.uniform(0, 20))
            if moment >= self.now:
                moment = due
            if interests.expire_due(moment):
                self._stamp(moment)

    def partnership_outcomes(self) -> None:
        """The demo partnerships' leads record meetings and, for the oldest, a joint project."""
        partnerships = self.session.scalars(select(Partnership).order_by(Partnership.created_at))
        for n, partnership in enumerate(partnerships):
            lead = self.session.get(User, partnership.created_by_id)
            kinds = [(MEETING, 10), (JOINT_PROJECT, 75)] if n == 0 else [(MEETING, 12), (AGREEMENT, 25)]
            for kind, days in kinds:
                moment = partnership.created_at + timedelta(days=days)
                if lead is not None and moment < self.now - timedelta(days=1):
                    self._record(lead, "partnership", partnership.id, kind, moment)

    # Undoing the clock and the mail ----------------------------------------------------------------

    def _stamp(self, moment: datetime) -> None:
        """Notifications of the step just taken happened at `moment`; old ones have been read."""
        self.session.flush()
        read_at = moment + timedelta(hours=self.rng.uniform(1, 40)) if moment < self.now - READ_AFTER else None
        self.session.execute(update(Notification).where(Notification.created_at >= self.started)
                             .values(created_at=moment, read_at=read_at).execution_options(synchronize_session=False))

    def finish(self) -> None:
        self.session.flush()
        self.session.execute(delete(OutboxMessage).where(OutboxMessage.id >= self.first_mail_id)
                             .execution_options(synchronize_session=False))
        for status, number in self.session.execute(select(Interest.status, func.count()).group_by(Interest.status)):
            self.counts.interests[status] = number
