"""Company profiles of SMEs, their sectors, spoken languages and invitations to colleagues."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import UTCDateTime, utcnow
from ..extensions import db
from ..search.index import FullTextIndex
from ..search.text import document

if TYPE_CHECKING:
    from ..accounts.models import User
    from ..clusters.models import ClusterMembership


class Company(db.Model):
    __tablename__ = "companies"
    __table_args__ = (
        Index("ix_companies_published_country", "is_published", "country"),
        Index("ix_companies_published_created", "is_published", "created_at"),
        # Search facets: a listing's company checked and its facet values read from this index alone
        # (listings/search.py), not from the wide company row.
        Index("ix_companies_search_facets", "id", "is_published", "suspended_at", "country", "size_class"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(120), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    size_class: Mapped[str] = mapped_column(String(10), index=True)
    founded_year: Mapped[Optional[int]]
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    is_published: Mapped[bool] = mapped_column(default=True)
    # Consent to show this company's own figures, by name, in its clusters' benchmarking (figures/benchmark.py).
    is_in_benchmarks: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A suspended company's listings vanish from public pages and its users cannot post.
    suspended_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # The folded documents the full-text index reads (search/index.py); kept current on every save.
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_body: Mapped[str] = mapped_column(Text, default="")

    sector_rows: Mapped[list["CompanySector"]] = relationship(
        cascade="all, delete-orphan", order_by="CompanySector.sector", lazy="selectin")
    language_rows: Mapped[list["CompanyLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="CompanyLanguage.language", lazy="selectin")
    members: Mapped[list["User"]] = relationship(back_populates="company", order_by="User.name")
    cluster_memberships: Mapped[list["ClusterMembership"]] = relationship(
        back_populates="company", cascade="all, delete-orphan")

    @property
    def sectors(self) -> list[str]:
        return [row.sector for row in self.sector_rows]

    @sectors.setter
    def sectors(self, codes: list[str]) -> None:
        self.sector_rows = [CompanySector(sector=code) for code in dict.fromkeys(codes)]

    @property
    def languages(self) -> list[str]:
        return [row.language for row in self.language_rows]

    @languages.setter
    def languages(self, codes: list[str]) -> None:
        self.language_rows = [CompanyLanguage(language=code) for code in dict.fromkeys(codes)]

    def __repr__(self) -> str:
        return f"<Company {self.slug}>"


def search_fields(name: str, description: str, region: str, city: str) -> dict[str, str]:
    """What the index holds for a company; also used by bulk loads that bypass the ORM."""
    return {"search_title": document(name), "search_body": document(description, region, city)}


@event.listens_for(Company, "before_insert")
@event.listens_for(Company, "before_update")
def _refresh_search_fields(_mapper, _connection, company: Company) -> None:
    fields = search_fields(company.name or "", company.description or "", company.region or "", company.city or "")
    company.search_title, company.search_body = fields["search_title"], fields["search_body"]


COMPANY_INDEX = FullTextIndex("companies")
COMPANY_INDEX.attach(Company.__table__)


class CompanySector(db.Model):
    __tablename__ = "company_sectors"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class CompanyLanguage(db.Model):
    __tablename__ = "company_languages"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)


class CompanyInvitation(db.Model):
    """A colleague invited by e-mail; the link carries a token whose hash is stored here."""

    __tablename__ = "company_invitations"
    __table_args__ = (UniqueConstraint("company_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())

    company: Mapped[Company] = relationship()
    invited_by: Mapped[Optional["User"]] = relationship()
