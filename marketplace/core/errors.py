"""Error pages in the reader's language; every server error is logged with its request."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .unavailable import answer_database_unavailable, is_database_unavailable, release_session


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood. Please check what you entered and try again.")),
        403: (_("Access denied"), _("You do not have permission to see this page.")),
        404: (_("Page not found"), _("The page you asked for does not exist or is no longer available.")),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (_("Too large"), _("What you sent is larger than we accept.")),
        429: (_("Too many attempts"), _("You have tried this too often. Please wait a few minutes and try again.")),
        500: (_("Something went wrong"), _("An unexpected error occurred on our side. It has been logged and we will look into it.")),
        503: (_("Temporarily unavailable"), _("The marketplace is briefly unavailable. Please try again in a moment.")),
    }


def render_error(code: int, detail: str | None = None):
    title, message = _messages().get(code, _messages()[500])
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=title, status=code), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def register_error_handlers(app: Flask) -> None:
    app.teardown_appcontext(release_session)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        current_app.logger.warning("CSRF check failed on %s %s: %s", request.method, request.path, error.description)
        return render_error(400, _("Your form expired or was sent from elsewhere. Please go back, reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.code and error.code >= 500:
            current_app.logger.error("HTTP %s on %s %s", error.code, request.method, request.path)
        response = current_app.make_response(render_error(error.code or 500))
        if error.code == 405 and getattr(error, "valid_methods", None):
            # RFC 9110: a 405 says which methods the address does accept (API clients rely on it).
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return _http(error)
        if is_database_unavailable(error):
            return answer_database_unavailable(error, render_error)
        current_app.logger.exception("Unhandled error on %s %s (user %s)", request.method, request.path,
                                     getattr(request, "remote_addr", "-"))
        from ..extensions import db

        db.session.rollback()
        return render_error(InternalServerError.code)
