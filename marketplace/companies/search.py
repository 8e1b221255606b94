"""The company directory's search: full text over name, description and place, with facet counts."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import lazyload

from ..cache import cached
from ..extensions import db
from ..search.results import ResultPage
from ..search.text import parse
from .filters import DirectoryFilters
from .models import COMPANY_INDEX, Company, CompanySector

FACETS = ("country", "sector", "size")


def _restrict(statement: Select, filters: DirectoryFilters, without: str | None = None):
    statement = statement.where(Company.is_published.is_(True), Company.suspended_at.is_(None))
    rank = None
    query = parse(filters.q)
    if query:
        statement, rank = COMPANY_INDEX.apply(statement, db.engine.dialect.name, query, Company.id)
    if filters.country and without != "country":
        statement = statement.where(Company.country == filters.country)
    if filters.size and without != "size":
        statement = statement.where(Company.size_class == filters.size)
    if filters.sector and without != "sector":
        statement = statement.where(Company.id.in_(
            select(CompanySector.company_id).where(CompanySector.sector == filters.sector)))
    return statement, rank


def _figures(filters: DirectoryFilters) -> dict:
    parts = []
    for facet in FACETS:
        ids = _restrict(select(Company.id), filters, without=facet)[0].subquery()
        if facet == "sector":
            parts.append(select(literal(facet), CompanySector.sector, func.count())
                         .select_from(ids.join(CompanySector, CompanySector.company_id == ids.c.id))
                         .group_by(CompanySector.sector))
        else:
            column = Company.country if facet == "country" else Company.size_class
            parts.append(select(literal(facet), column, func.count())
                         .select_from(ids.join(Company, Company.id == ids.c.id)).group_by(column))
    facets: dict[str, list] = {facet: [] for facet in FACETS}
    for facet, value, count in db.session.execute(union_all(*parts)):
        facets[facet].append((value, count))
    for rows in facets.values():
        rows.sort(key=lambda row: (-row[1], row[0]))
    total = db.session.scalar(select(func.count()).select_from(_restrict(select(Company.id), filters)[0].subquery()))
    return {"total": total or 0, "facets": facets}


def search(filters: DirectoryFilters, per_page: int) -> ResultPage:
    state = {k: v for k, v in asdict(filters).items() if k not in ("page", "ignored")}
    key = "companies:" + hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:32]
    figures = cached(key, lambda: _figures(filters))
    statement, rank = _restrict(select(Company), filters)
    order = [func.lower(Company.name), Company.id]
    if rank is not None:
        order.insert(0, rank.desc())
    items = list(db.session.scalars(statement.options(lazyload(Company.language_rows)).order_by(*order)
                                    .limit(per_page).offset((filters.page - 1) * per_page)))
    facets = {name: [tuple(row) for row in rows] for name, rows in figures["facets"].items()}
    return ResultPage(items=items, total=figures["total"], page=filters.page, per_page=per_page, facets=facets)
