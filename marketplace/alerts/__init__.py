"""Saved searches and their e-mail alerts of new listings."""
