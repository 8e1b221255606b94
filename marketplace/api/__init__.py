"""The read-only JSON API under /api/v1: public data only, described by its OpenAPI 3.1 document."""
