"""Atom feeds of listing searches."""
