"""`make bench`: the site at benchmark scale under gunicorn, loaded with wrk, on SQLite and PostgreSQL."""
