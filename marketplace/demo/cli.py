"""`flask demo load`: reproducible demo data."""
from __future__ import annotations

from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")
