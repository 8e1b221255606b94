"""figures, benchmarks consent, last sign-in, search facet indexes

Revision ID: a81eaffd0028
Revises: 85614b231e13
Create Date: 2026-12-04 15:11:34.931654

"""
from alembic import op
import sqlalchemy as sa

import marketplace.database


# revision identifiers, used by Alembic.
revision = 'a81eaffd0028'
down_revision = '85614b231e13'
branch_labels = None
depends_on = None


# Plain ALTERs, no batch mode: SQLite (3.35+) adds and drops these columns in place, whereas a batch
# copy of companies or listings would drop their full-text triggers along with the old table.

def upgrade():
    op.add_column("companies", sa.Column("is_in_benchmarks", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index("ix_listings_company_figures", "listings",
                    ["company_id", "status", "expires_at", "published_at", "kind", "sector"])
    op.create_index("ix_listings_status_sector_kind", "listings", ["status", "sector", "kind", "expires_at"])
    op.create_index("ix_listings_search_facets", "listings",
                    ["status", "expires_at", "company_id", "published_at", "kind", "sector", "language"])
    op.create_index("ix_companies_search_facets", "companies", ["id", "is_published", "suspended_at", "country", "size_class"])
    op.add_column("users", sa.Column("last_signed_in_at", marketplace.database.UTCDateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_users_last_signed_in_at"), "users", ["last_signed_in_at"])


def downgrade():
    op.drop_index(op.f("ix_users_last_signed_in_at"), table_name="users")
    op.drop_column("users", "last_signed_in_at")
    op.drop_index("ix_companies_search_facets", table_name="companies")
    op.drop_index("ix_listings_search_facets", table_name="listings")
    op.drop_index("ix_listings_status_sector_kind", table_name="listings")
    op.drop_index("ix_listings_company_figures", table_name="listings")
    op.drop_column("companies", "is_in_benchmarks")
