"""Cooperation offers and requests, with their types, keywords and target countries."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..search.index import FullTextIndex
from ..search.text import document

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..companies.models import Company

OFFER = "offer"
REQUEST = "request"
KINDS = (OFFER, REQUEST)

DRAFT = "draft"
PENDING = "pending"
PUBLISHED = "published"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"  # never stored: a published listing past its expiry date

TITLE_MAX = 200
SUMMARY_MAX = 500
DESCRIPTION_MAX = 4000
ADVANTAGES_MAX = 2000
PARTNER_ROLE_MAX = 1000
KEYWORD_MAX = 40
KEYWORDS_MAX = 10
COOPERATION_TYPES_MAX = 3


class Listing(db.Model):
    __tablename__ = "listings"
    __table_args__ = (
        UniqueConstraint("company_id", "client_token"),
        Index("ix_listings_active", "status", "expires_at"),
        Index("ix_listings_company_status", "company_id", "status"),
        Index("ix_listings_sector_status", "sector", "status"),
        Index("ix_listings_status_published", "status", "published_at"),
        Index("ix_listings_review_queue", "status", "submitted_at"),
        # Matching: the newest complementary listings of one sector, read in index order (matching/candidates.py).
        Index("ix_listings_match", "sector", "kind", "status", "published_at"),
        # Cluster figures: a member company's listings counted by status, kind, sector and month from the
        # index alone (cluster_figures/queries.py), never from the table's rows.
        Index("ix_listings_company_figures", "company_id", "status", "expires_at", "published_at", "kind", "sector"),
        # The observatory's offers and requests by sector: counted from this index alone (observatory/queries.py).
        Index("ix_listings_status_sector_kind", "status", "sector", "kind", "expires_at"),
        # Search facets: every active listing's facet values read from this index alone (listings/search.py).
        Index("ix_listings_search_facets", "status", "expires_at", "company_id", "published_at", "kind", "sector",
              "language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set by the form when first shown, so a double submission creates one listing.
    client_token: Mapped[Optional[str]] = mapped_column(String(64))

    kind: Mapped[str] = mapped_column(String(10))
    sector: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    advantages: Mapped[str] = mapped_column(Text, default="")
    development_stage: Mapped[str] = mapped_column(String(20), default="")
    partner_role: Mapped[str] = mapped_column(Text, default="")
    partner_sizes: Mapped[list[str]] = mapped_column(JSON, default=list)
    partner_type: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    targets_any_country: Mapped[bool] = mapped_column(default=True)

    status: Mapped[str] = mapped_column(String(10), default=DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    published_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    expires_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    expiry_reminder_sent_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    rejection_reason: Mapped[str] = mapped_column(String(30), default="")
    rejection_note: Mapped[str] = mapped_column(Text, default="")

    # The folded documents the full-text index reads (search/index.py); kept current on every save.
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_body: Mapped[str] = mapped_column(Text, default="")

    # Edits of a published listing wait here for review while the published text stays visible.
    revision: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    revision_submitted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime(), index=True)
    revision_rejection_reason: Mapped[str] = mapped_column(String(30), default="")
    revision_rejection_note: Mapped[str] = mapped_column(Text, default="")

    company: Mapped["Company"] = relationship()
    author: Mapped[Optional["User"]] = relationship()
    type_rows: Mapped[list["ListingCooperationType"]] = relationship(
        cascade="all, delete-orphan", order_by="ListingCooperationType.position", lazy="selectin")
    keyword_rows: Mapped[list["ListingKeyword"]] = relationship(
        cascade="all, delete-orphan", order_by="ListingKeyword.position", lazy="selectin")
    country_rows: Mapped[list["ListingTargetCountry"]] = relationship(
        cascade="all, delete-orphan", order_by="ListingTargetCountry.country", lazy="selectin")

    @property
    def cooperation_types(self) -> list[str]:
        return [row.cooperation_type for row in self.type_rows]

    @cooperation_types.setter
    def cooperation_types(self, codes: list[str]) -> None:
        self.type_rows = [ListingCooperationType(cooperation_type=c, position=i)
                          for i, c in enumerate(dict.fromkeys(codes))]

    @property
    def keywords(self) -> list[str]:
        return [row.keyword for row in self.keyword_rows]

    @keywords.setter
    def keywords(self, words: list[str]) -> None:
        self.keyword_rows = [ListingKeyword(keyword=w, position=i) for i, w in enumerate(dict.fromkeys(words))]

    @property
    def target_countries(self) -> list[str]:
        return [row.country for row in self.country_rows]

    @target_countries.setter
    def target_countries(self, codes: list[str]) -> None:
        self.country_rows = [ListingTargetCountry(country=c) for c in dict.fromkeys(codes)]

    def is_expired(self, now: datetime | None = None) -> bool:
        return (self.status == PUBLISHED and self.expires_at is not None
                and self.expires_at <= (now or utcnow()))

    @property
    def effective_status(self) -> str:
        """The status a person sees: a published listing past its date is expired, cron or not."""
        return EXPIRED if self.is_expired() else self.status

    @property
    def is_active(self) -> bool:
        return self.effective_status == PUBLISHED

    @property
    def has_pending_revision(self) -> bool:
        return self.revision is not None and self.revision_submitted_at is not None

    def __repr__(self) -> str:
        return f"<Listing {self.id} {self.kind} {self.status}>"


def search_fields(title: str, summary: str, description: str, advantages: str, partner_role: str,
                  keywords: list[str]) -> dict[str, str]:
    """What the index holds for a listing; also used by bulk loads that bypass the ORM."""
    return {"search_title": document(title, " ".join(keywords)),
            "search_body": document(summary, description, advantages, partner_role)}


@event.listens_for(Listing, "before_insert")
@event.listens_for(Listing, "before_update")
def _refresh_search_fields(_mapper, _connection, listing: Listing) -> None:
    fields = search_fields(listing.title or "", listing.summary or "", listing.description or "",
                           listing.advantages or "", listing.partner_role or "", listing.keywords)
    listing.search_title, listing.search_body = fields["search_title"], fields["search_body"]


LISTING_INDEX = FullTextIndex("listings")
LISTING_INDEX.attach(Listing.__table__)


class ListingCooperationType(db.Model):
    __tablename__ = "listing_cooperation_types"

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    cooperation_type: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ListingKeyword(db.Model):
    __tablename__ = "listing_keywords"

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    keyword: Mapped[str] = mapped_column(String(KEYWORD_MAX), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ListingTargetCountry(db.Model):
    __tablename__ = "listing_target_countries"

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
