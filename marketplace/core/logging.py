"""Log records carry the request they belong to, so an error can be traced to its cause."""
from __future__ import annotations

import logging

from flask import g, has_request_context, request


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = getattr(g, "request_id", "-")
            record.path = request.path
            record.method = request.method
        else:
            record.request_id = "-"
        return True
