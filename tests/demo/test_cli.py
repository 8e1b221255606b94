"""`flask demo load`: options, the printed demo accounts and --if-empty."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from marketplace.clusters.models import Cluster
from marketplace.companies.models import Company
from marketplace.extensions import db
from marketplace.interests.models import Interest
from marketplace.listings.models import Listing
from marketplace.messaging.models import Message


def _companies() -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


def test_load_prints_progress_summary_and_demo_accounts(app):
    result = app.test_cli_runner().invoke(args=["demo", "load", "--companies", "40", "--clusters", "5",
                                                "--listings", "150", "--seed", "11"])
    assert result.exit_code == 0, result.output
    assert _companies() == 40
    assert db.session.scalar(select(func.count()).select_from(Cluster)) == 5
    out = result.output
    assert "companies: 40 / 40" in out
    assert "5 clusters, 40 companies" in out
    assert "listings: 150 / 150" in out
    assert re.search(r"150 listings: \d+ published, \d+ pending review, \d+ drafts, \d+ rejected, \d+ withdrawn; "
                     r"of the published, \d+ have expired and \d+ expire within two weeks\. [\d,]+ entries in the "
                     r"moderation log\.", out), out
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 150
    assert "admin@demo.clusters-cord.eu" in out
    assert "manager.usti-energy-environment-cluster@demo.clusters-cord.eu" in out
    assert out.count("company member") == 2
    assert "demo-password-2026" in out
    assert re.search(r"\d+ expressions of interest \(\d+ accepted, \d+ pending, \d+ declined, \d+ expired\); "
                     r"\d+ conversations with \d+ messages; \d+ outcomes\.", out), out


def test_if_empty_skips_a_database_with_companies(app):
    runner = app.test_cli_runner()
    args = ["demo", "load", "--if-empty", "--companies", "20", "--clusters", "3", "--listings", "30"]
    assert runner.invoke(args=args).exit_code == 0
    assert _companies() == 20

    interests = db.session.scalar(select(func.count()).select_from(Interest))
    messages = db.session.scalar(select(func.count()).select_from(Message))

    again = runner.invoke(args=args)
    assert again.exit_code == 0
    assert "already holds 20 companies" in again.output
    assert _companies() == 20
    assert db.session.scalar(select(func.count()).select_from(Interest)) == interests
    assert db.session.scalar(select(func.count()).select_from(Message)) == messages


def test_load_without_if_empty_refuses_a_filled_database(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["demo", "load", "--companies", "10", "--clusters", "2", "--listings", "0"])
    refused = runner.invoke(args=["demo", "load", "--companies", "10", "--clusters", "2", "--listings", "0"])
    assert refused.exit_code != 0
    assert "empty database" in refused.output
    assert _companies() == 10


def test_sizes_are_validated(app):
    for option in ("--companies", "--listings"):
        result = app.test_cli_runner().invoke(args=["demo", "load", option, "-5"])
        assert result.exit_code != 0 and "Invalid value" in result.output
    assert _companies() == 0
