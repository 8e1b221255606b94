"""Demo data: what companies offer and seek, per sector, as English topics with both sides of each deal.

Every topic carries its offer side and its request side, so an offer and a request made from
the same topic are natural matches. Placeholders: {markets} (target countries, in English),
{a} (a small number), {b} (tens to hundreds), {c} (thousands).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    sector: str
    key: str
    product: str
    keywords: tuple[str, ...]
    offer_titles: tuple[str, ...]
    request_titles: tuple[str, ...]
    offer_types: tuple[str, ...]    # the first fits best; one to three are picked in order of fit
    request_types: tuple[str, ...]
    offer_partner: str              # who the offering company seeks (a noun phrase)
    request_partner: str            # who the requesting company seeks
    facts: tuple[str, ...]          # what the offering company can show
    needs: tuple[str, ...]          # what the requesting company needs
    stages: tuple[str, ...] = ("on-market",)




# English frames. {who}: "A small company"; {place}: "Celje (Slovenia)"; {partner}: a topic's partner phrase.
WHO = {"micro": "A micro company", "small": "A small company", "medium": "A medium-sized company",
       "large": "A large company"}
SIZE_WORD = {"micro": "micro", "small": "small", "medium": "medium-sized", "large": "large"}
EMPLOYEES = {"micro": (2, 9), "small": (10, 49), "medium": (50, 249), "large": (250, 1200)}
ANY_MARKET = "Europe"

OFFER_SUMMARIES = (
    "{who} from {place} offers {product}. It is looking for {partner} in {markets} for long-term cooperation.",
    "{who} based in {place}, founded in {year}, offers {product} and seeks {partner} in {markets}.",
    "We offer {product}. As a {size_word} company from {place} we are looking for {partner} in {markets} "
    "to grow our exports.",
)
REQUEST_SUMMARIES = (
    "{who} from {place} is looking for {partner}. The cooperation concerns {product}; partners from {markets} "
    "are preferred.",
    "We are a {size_word} company from {place} and need {partner} ({product}). Partners from {markets} are preferred.",
    "{who} based in {place} seeks {partner} for {product}, ideally in {markets}.",
)
ABOUT = (
    "{company} was founded in {year} in {city}, {country}, and employs {employees} people.",
    "We are a {size_word} company from {city} ({region}, {country}) with {employees} employees, in business "
    "since {year}.",
)
OFFER_BODIES = ("We offer **{product}** to customers across Europe.", "Our core business is **{product}**.")
OFFER_EXTRAS = (
    "Small and large orders get the same care.",
    "Most of our customers have worked with us for more than ten years.",
    "We already export to {a} countries and want to grow in Central Europe.",
    "Our team speaks English and German as well as our own language.",
)
REQUEST_BODIES = ("We need a reliable partner for **{product}**. What we need:",
                  "To grow our business we are looking for a partner for **{product}**. Our requirements:")
KEY_FACTS = "Key facts"
# The partner sought has its own field; the description ends on what happens next.
CLOSINGS = ("References and a visit to our premises are welcome.", "We are happy to send samples and references.",
            "We look forward to a first video call.", "We can meet at the next cluster matchmaking event.")

# What the partner would do, by kind and by the listing's first cooperation type.
ROLES = {
    ("offer", "commercial-agency"): "The partner would represent our products, find customers and handle local sales.",
    ("offer", "supplier"): "The partner would buy regular volumes from us under a framework agreement.",
    ("offer", "subcontracting"): "The partner would place manufacturing orders with us for its own products.",
    ("offer", "technical"): "Together we would adapt our technology to the partner's needs and customers.",
    ("offer", "research"): "We would run a joint research and development project, possibly with EU funding.",
    ("offer", "joint-venture"): "We are open to a joint venture to serve new markets together.",
    ("offer", "services"): "The partner would use our services for its own customers or operations.",
    ("offer", "investment"): "We are open to an investor joining the company to finance growth.",
    ("request", "commercial-agency"): "The partner would let us distribute its products in our market.",
    ("request", "supplier"): "The partner would supply regular volumes at agreed quality and prices.",
    ("request", "subcontracting"): "The partner would manufacture to our drawings and specifications.",
    ("request", "technical"): "The partner would bring technical know-how and work with our engineers.",
    ("request", "research"): "The partner would join a research and development project with us.",
    ("request", "joint-venture"): "We would set up a joint venture with the partner.",
    ("request", "services"): "The partner would provide the service under a framework contract.",
    ("request", "investment"): "We are looking for an investor or financing partner for the project.",
}
COOPERATION_PHRASES = {
    "commercial-agency": "a distribution or agency agreement", "supplier": "a supply agreement",
    "subcontracting": "a subcontracting agreement", "technical": "technical cooperation",
    "research": "a research and development partnership", "joint-venture": "a joint venture",
    "services": "a services agreement", "investment": "an investment or financing agreement",
}
OFFER_ADVANTAGES = (
    "Short lead times thanks to our location in the heart of Europe.",
    "Western European quality standards at competitive prices.",
    "Flexible batch sizes and a personal contact person from the first enquiry to delivery.",
    "Certified quality management and full traceability.",
    "Experience with customers in {a} countries and documents in several languages.",
)
REQUEST_ADVANTAGES = (
    "We offer a long-term contract with regular orders.",
    "We pay within 30 days and plan our volumes a year ahead.",
    "Our company is growing quickly and knows its home market well.",
)

# What a moderator writes when rejecting, by reason code ("reported" is for unpublishing after a report).
REJECTION_NOTES = {
    "incomplete": ("Please add the volumes, the timing and what you expect from the partner.",
                   "The description is too short for partners to judge the offer; please add details."),
    "unclear": ("It is not clear whether you offer or seek this cooperation; please rephrase the summary.",
                "Please explain what kind of partner you need and for which role."),
    "contact-details": ("Please remove the e-mail address and phone number: partners contact you through the "
                        "marketplace.",),
    "advertising": ("This reads like an advertisement; please describe the cooperation you offer or seek.",),
    "duplicate": ("This repeats a listing you published recently; please update that one instead.",),
    "wrong-sector": ("Please choose the sector that fits the cooperation, not the company's main sector.",),
    "inappropriate": ("The text contains claims we cannot publish; please keep to the facts.",),
    "other": ("Please write the listing in one language only.",
              "Please split the two different cooperation offers into two listings."),
}
