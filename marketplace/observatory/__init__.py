"""The public observatory: cross-border cooperation between countries and sectors, in pictures and tables."""
