"""Two-way matching of listings: candidates from the database, scores and reasons in words."""
