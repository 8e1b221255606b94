"""`flask users create`: make an account from the command line (the first admin, say)."""
from __future__ import annotations

from flask.cli import AppGroup

users_cli = AppGroup("users", help="Manage user accounts.")
