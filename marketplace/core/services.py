"""The figures the home page shows: a living marketplace at a glance."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..clusters.models import Cluster
from ..companies.models import Company, CompanySector
from ..extensions import db


@dataclass(frozen=True)
class Overview:
    company_count: int
    cluster_count: int
    country_count: int
    companies_by_sector: list[tuple[str, int]]
    companies_by_country: list[tuple[str, int]]
    newest_companies: list[Company]
    newest_clusters: list[Cluster]


def marketplace_overview(newest: int = 6) -> Overview:
    published = Company.is_published.is_(True)
    by_sector = db.session.execute(
        select(CompanySector.sector, func.count())
        .join(Company, Company.id == CompanySector.company_id)
        .where(published).group_by(CompanySector.sector).order_by(func.count().desc())
    ).all()
    by_country = db.session.execute(
        select(Company.country, func.count()).where(published)
        .group_by(Company.country).order_by(func.count().desc(), Company.country)
    ).all()
    return Overview(
        company_count=sum(n for _, n in by_country),
        cluster_count=db.session.scalar(select(func.count()).select_from(Cluster)) or 0,
        country_count=len(by_country),
        companies_by_sector=[tuple(row) for row in by_sector],
        companies_by_country=[tuple(row) for row in by_country],
        newest_companies=list(db.session.scalars(
            select(Company).where(published).order_by(Company.created_at.desc(), Company.id.desc()).limit(newest))),
        newest_clusters=list(db.session.scalars(
            select(Cluster).order_by(Cluster.created_at.desc(), Cluster.id.desc()).limit(newest))),
    )
