"""What must hold in the database after load or a fault: every object whole, every acknowledged write once.

Each check returns a list of problems (empty when all is well), so a test can show them all at once.
"""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select, text

from marketplace.interests.models import Interest
from marketplace.listings.models import Listing, ListingCooperationType, ListingKeyword, ListingTargetCountry
from marketplace.messaging.models import Conversation, Message
from marketplace.moderation.models import ModerationAction

# What the posting clients (locustfile.py, test_worker_killed.py) send with every listing.
POSTED_TYPES, POSTED_KEYWORDS, POSTED_COUNTRIES = 2, 3, 2
POSTED_TITLE = "Load test listing %"


def _counts(connection, table, key) -> Counter:
    return Counter(dict(connection.execute(select(key, func.count()).select_from(table).group_by(key)).all()))


def posted_listings_whole(connection) -> list[str]:
    """Each listing the clients posted has all its rows: types, keywords, countries and its history."""
    listings = Listing.__table__
    ids = list(connection.scalars(select(listings.c.id).where(listings.c.title.like(POSTED_TITLE))))
    types = _counts(connection, ListingCooperationType.__table__, ListingCooperationType.__table__.c.listing_id)
    keywords = _counts(connection, ListingKeyword.__table__, ListingKeyword.__table__.c.listing_id)
    countries = _counts(connection, ListingTargetCountry.__table__, ListingTargetCountry.__table__.c.listing_id)
    history = ModerationAction.__table__
    actions = Counter(connection.execute(
        select(history.c.subject_id, history.c.action).where(history.c.subject_type == "listing")).all())
    problems = []
    for listing_id in ids:
        found = (types[listing_id], keywords[listing_id], countries[listing_id],
                 actions[(listing_id, "create")], actions[(listing_id, "submit")])
        if found != (POSTED_TYPES, POSTED_KEYWORDS, POSTED_COUNTRIES, 1, 1):
            problems.append(f"listing {listing_id} is incomplete: types, keywords, countries, create, submit = {found}")
    return problems


def acknowledged_listings_once(connection, acks: list[dict], *, answers_lost: bool = False) -> list[str]:
    """Each acknowledged listing once; with `answers_lost` (a fault cut answers off) a stored one may lack its ack."""
    listings = Listing.__table__
    stored = Counter(connection.scalars(select(listings.c.client_token).where(listings.c.title.like(POSTED_TITLE))))
    expected = {ack["client_token"] for ack in acks if ack["kind"] == "listing"}
    problems = [f"listing {token} stored {stored[token]} times" for token in expected | set(stored)
                if stored[token] > 1 or (token in expected and not stored[token])]
    if not answers_lost:
        problems += [f"listing {token} stored but never acknowledged" for token in set(stored) - expected]
    return problems


def acknowledged_messages_once(connection, acks: list[dict]) -> list[str]:
    messages = Message.__table__
    stored = {}
    for client_id, conversation_id, count in connection.execute(
            select(messages.c.client_id, messages.c.conversation_id, func.count())
            .where(messages.c.body.like("load message %")).group_by(messages.c.client_id, messages.c.conversation_id)):
        stored[client_id] = (conversation_id, count)
    problems = []
    for ack in (a for a in acks if a["kind"] == "message"):
        if stored.get(ack["client_id"]) != (ack["conversation_id"], 1):
            problems.append(f"message {ack['client_id']}: expected once in {ack['conversation_id']}, "
                            f"found {stored.get(ack['client_id'])}")
    return problems


def acknowledged_interests_once(connection, acks: list[dict]) -> list[str]:
    interests = Interest.__table__
    stored = Counter(connection.execute(select(interests.c.sender_company_id, interests.c.listing_id)).all())
    return [f"interest of company {a['company_id']} in listing {a['listing_id']} stored "
            f"{stored[(a['company_id'], a['listing_id'])]} times"
            for a in acks if a["kind"] == "interest" and stored[(a["company_id"], a["listing_id"])] != 1]


def conversations_consistent(connection) -> list[str]:
    """A conversation's newest-message markers point at its newest stored messages."""
    conversations, messages = Conversation.__table__, Message.__table__
    newest = dict(connection.execute(select(messages.c.conversation_id, func.max(messages.c.id))
                                     .group_by(messages.c.conversation_id)).all())
    per_side = dict(((c, company), last) for c, company, last in connection.execute(
        select(messages.c.conversation_id, messages.c.company_id, func.max(messages.c.id))
        .group_by(messages.c.conversation_id, messages.c.company_id)))
    problems = []
    for row in connection.execute(select(conversations)).mappings():
        found = (row["last_message_id"], row["company_a_last_message_id"], row["company_b_last_message_id"])
        expected = (newest.get(row["id"]), per_side.get((row["id"], row["company_a_id"]), 0),
                    per_side.get((row["id"], row["company_b_id"]), 0))
        if found != expected:
            problems.append(f"conversation {row['id']}: markers {found}, messages say {expected}")
    return problems


def sqlite_file_sound(connection) -> list[str]:
    """SQLite only: the file, its foreign keys and the full-text index agree with themselves."""
    if connection.dialect.name != "sqlite":
        return []
    problems = []
    integrity = connection.execute(text("PRAGMA integrity_check")).scalars().all()
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {integrity[:5]}")
    orphans = connection.execute(text("PRAGMA foreign_key_check")).all()
    if orphans:
        problems.append(f"foreign_key_check: {orphans[:5]}")
    try:
        connection.execute(text("INSERT INTO listings_fts(listings_fts) VALUES ('integrity-check')"))
    except Exception as error:  # noqa: BLE001 - reported as a problem
        problems.append(f"full-text index: {error}")
    return problems


def everything(connection, acks: list[dict], *, answers_lost: bool = False) -> list[str]:
    return (posted_listings_whole(connection) + acknowledged_listings_once(connection, acks, answers_lost=answers_lost)
            + acknowledged_messages_once(connection, acks) + acknowledged_interests_once(connection, acks)
            + conversations_consistent(connection) + sqlite_file_sound(connection))
