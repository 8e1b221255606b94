"""The notifications tests share the interests tests' people, clients and conversation."""
from ..interests.conftest import (client_for, conversation, count_queries, mail_app, pending_interest,  # noqa: F401
                                  people)
