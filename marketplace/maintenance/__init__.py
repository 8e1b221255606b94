"""Operator commands that keep the data safe: backups, restores, and moving between SQLite and PostgreSQL."""
