"""The administrators' overview of the whole platform: accounts, content, moderation backlog, outbox."""
