"""Migrations build the same schema as the models, go down to nothing and up again, on both databases."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from marketplace import create_app
from marketplace.extensions import db
from marketplace.search.index import include_in_migrations

from ..conftest import TEST_DATABASE_URL, base_config


@pytest.fixture
def scratch_url(tmp_path):
    """An empty database: a new SQLite file, or a scratch database beside TEST_DATABASE_URL."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_migrations"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={
        "compare_type": True, "include_object": include_in_migrations})
    return compare_metadata(context, db.metadata)


def test_upgrade_downgrade_upgrade_matches_the_models(tmp_path, scratch_url):
    app = create_app({**base_config(tmp_path), "DATABASE_URL": scratch_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert _differences(connection) == []
            assert {"users", "companies", "clusters", "listings", "outbox_messages"} <= set(
                inspect(connection).get_table_names())
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            assert _differences(connection) == []
        db.engine.dispose()
