"""The partnerships blueprint, shared by its two view modules, and its template helpers."""
from __future__ import annotations

from flask import Blueprint

from . import permissions

bp = Blueprint("partnerships", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    """Globals rather than a context processor, so that imported macros see them too."""
    state.app.jinja_env.globals.update(permissions.TEMPLATE_PREDICATES)
