"""The words of a demo listing: title, summary, Markdown description and partner sought, in its language."""
from __future__ import annotations

import random
from dataclasses import dataclass

from babel import Locale

from ..listings.models import (ADVANTAGES_MAX, DESCRIPTION_MAX, KEYWORD_MAX, KEYWORDS_MAX, OFFER, PARTNER_ROLE_MAX,
                               SUMMARY_MAX, TITLE_MAX)
from ..reference import SIZE_CLASSES
from . import data_listings as en
from .compose import PlannedCompany
from .data_listings import Topic
from .data_listings_local import FRAMES, TYPE_GROUPS
from .data_listings_names import PRODUCT_NAMES
from .data_topics_industry import INDUSTRY_TOPICS
from .data_topics_services import SERVICE_TOPICS

TOPICS: tuple[Topic, ...] = INDUSTRY_TOPICS + SERVICE_TOPICS
TOPICS_BY_SECTOR: dict[str, tuple[Topic, ...]] = {}
for _topic in TOPICS:
    TOPICS_BY_SECTOR[_topic.sector] = TOPICS_BY_SECTOR.get(_topic.sector, ()) + (_topic,)

LOCAL_LANGUAGES = tuple(FRAMES)
SIZES = tuple(SIZE_CLASSES)
PARTNER_TYPES = ("company",) * 15 + ("any",) * 3 + ("cluster", "public")


@dataclass
class ListingText:
    title: str
    summary: str
    description: str
    advantages: str
    partner_role: str
    keywords: list[str]
    cooperation_types: list[str]
    development_stage: str
    partner_sizes: list[str]
    partner_type: str


def fit(text: str, limit: int) -> str:
    """Cut at a word boundary so a limit is never exceeded (the data is written to stay well inside it)."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class ListingWriter:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.country_names = {lang: dict(Locale(lang).territories) for lang in ("en",) + LOCAL_LANGUAGES}

    def markets(self, targets: list[str], language: str) -> str:
        if not targets:
            return en.ANY_MARKET if language == "en" else FRAMES[language].any_market
        names = [self.country_names[language].get(code, code) for code in targets]
        if language == "en":
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return ", ".join(names)

    def write(self, topic: Topic, kind: str, language: str, company: PlannedCompany, targets: list[str],
              contact_details: bool = False) -> ListingText:
        rng = self.rng
        offer = kind == OFFER
        types = self._types(topic.offer_types if offer else topic.request_types)
        figures = {"a": rng.randint(3, 40), "b": rng.randint(2, 90) * 10, "c": f"{rng.randint(2, 60) * 1000:,}"}
        employees = rng.randint(*en.EMPLOYEES[company.size_class])
        context = dict(company=company.name, city=company.city, region=company.region, year=company.founded_year,
                       employees=employees, markets=self.markets(targets, language), **figures)
        if language == "en":
            title, summary, description, advantages, role, local_keyword = self._english(
                topic, offer, types, company, context)
        else:
            title, summary, description, advantages, role, local_keyword = self._local(
                topic, offer, types, language, context)
        if contact_details:  # what a moderator rejects: partners meet through the marketplace
            person = company.people[0]
            description += f"\n\nE-mail: {person.email}, Tel. {person.phone}"
        stage = rng.choice(topic.stages) if offer or rng.random() < 0.3 else ""
        sizes = [] if rng.random() < 0.4 else sorted(rng.sample(SIZES, rng.randint(1, 3)), key=SIZES.index)
        partner_type = "research" if types[0] == "research" and rng.random() < 0.6 else rng.choice(PARTNER_TYPES)
        return ListingText(
            title=fit(title, TITLE_MAX), summary=fit(summary, SUMMARY_MAX),
            description=fit(description, DESCRIPTION_MAX), advantages=fit(advantages, ADVANTAGES_MAX),
            partner_role=fit(role, PARTNER_ROLE_MAX), keywords=self._keywords(topic, local_keyword),
            cooperation_types=types, development_stage=stage, partner_sizes=sizes, partner_type=partner_type)

    # English ------------------------------------------------------------------------------------

    def _english(self, topic: Topic, offer: bool, types: list[str], company: PlannedCompany, context: dict):
        rng = self.rng
        country = self.country_names["en"].get(company.country, company.country)
        partner = topic.offer_partner if offer else topic.request_partner
        words = dict(context, who=en.WHO[company.size_class], size_word=en.SIZE_WORD[company.size_class],
                     place=f"{company.city} ({country})", country=country, product=topic.product, partner=partner)
        title = rng.choice(topic.offer_titles if offer else topic.request_titles).format(**words)
        summary = rng.choice(en.OFFER_SUMMARIES if offer else en.REQUEST_SUMMARIES).format(**words)
        about = rng.choice(en.ABOUT).format(**words)
        if offer:
            body = f"{rng.choice(en.OFFER_BODIES)} {rng.choice(en.OFFER_EXTRAS)}".format(**words)
            heading, points = f"\n\n**{en.KEY_FACTS}**", self._some(topic.facts)
        else:
            body = rng.choice(en.REQUEST_BODIES).format(**words)
            heading, points = "", self._some(topic.needs)
        phrases = [en.COOPERATION_PHRASES[t] for t in types]
        proposal = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
        role = f"We are looking for {partner}. {en.ROLES[(kind_of(offer), types[0])]} We propose {proposal}."
        bullets = "\n".join(f"- {point.format(**words)}" for point in points)
        description = f"{about} {body}{heading}\n\n{bullets}\n\n{rng.choice(en.CLOSINGS)}"
        if offer:
            advantages = " ".join(p.format(**words) for p in rng.sample(en.OFFER_ADVANTAGES, 2))
        else:
            advantages = rng.choice(en.REQUEST_ADVANTAGES) if rng.random() < 0.4 else ""
        return title, summary, description, advantages, role, None

    # The partner countries' languages ------------------------------------------------------------

    def _local(self, topic: Topic, offer: bool, types: list[str], language: str, context: dict):
        rng = self.rng
        frames = FRAMES[language]
        product = PRODUCT_NAMES[topic.key][language]
        words = dict(context, product=product, Product=_capitalised(product))
        title = rng.choice(frames.offer_titles if offer else frames.request_titles).format(**words)
        summary = rng.choice(frames.offer_summaries if offer else frames.request_summaries).format(**words)
        about = rng.choice(frames.about).format(**words)
        body = rng.choice(frames.offer_bodies if offer else frames.request_bodies).format(**words)
        points = self._some(frames.facts if offer else frames.needs)
        bullets = "\n".join(f"- {point.format(**words)}" for point in points)
        role = frames.partner[(kind_of(offer), TYPE_GROUPS[types[0]])]
        heading = frames.headings[0 if offer else 1]
        description = f"{about}\n\n**{heading}**\n\n{body}\n\n{bullets}"
        advantages = " ".join(rng.sample(frames.advantages, rng.randint(1, 2))) if offer else ""
        return title, summary, description, advantages, role, product

    # Shared pieces -------------------------------------------------------------------------------

    def _types(self, options: tuple[str, ...]) -> list[str]:
        """The best-fitting type, and sometimes one or two more of those that fit the deal."""
        wanted = min(len(options), self.rng.choices((1, 2, 3), cum_weights=(40, 85, 100))[0])
        return [options[0]] + self.rng.sample(options[1:], wanted - 1)

    def _some(self, points: tuple[str, ...]) -> list[str]:
        count = self.rng.randint(min(3, len(points)), min(5, len(points)))
        return [points[i] for i in sorted(self.rng.sample(range(len(points)), count))]

    def _keywords(self, topic: Topic, local: str | None) -> list[str]:
        """3–8 of the topic's English keywords (shared vocabulary across borders), led by the local name."""
        pool = topic.keywords
        count = self.rng.randint(3, min(8, len(pool)))
        chosen = [pool[i] for i in sorted(self.rng.sample(range(len(pool)), count))]
        if local and len(local) <= KEYWORD_MAX:
            chosen = [local] + chosen[:7]
        return list(dict.fromkeys(chosen))[:min(8, KEYWORDS_MAX)]


def kind_of(offer: bool) -> str:
    return "offer" if offer else "request"
