"""Saved searches: save a listing search, list, change and delete mine, and unsubscribe from their e-mails."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth import require, signed_in
from ..extensions import csrf, db
from . import privacy, queries, services  # noqa: F401 - privacy registers its hooks
from .forms import FREQUENCY_SHORT, NewSavedSearchForm, SavedSearchForm
from .models import SavedSearch
from .tokens import InvalidToken, read_token

bp = Blueprint("alerts", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    """Globals rather than a context processor, so that mail templates rendered outside a request see them."""
    state.app.jinja_env.globals.update(
        describe_search=queries.describe,
        saved_search_query=queries.normalise,
        search_query_args=queries.query_args,
        alert_frequency=lambda code: str(FREQUENCY_SHORT.get(code, code)),
    )


def _own(saved_search_id: int) -> SavedSearch:
    saved = db.session.get(SavedSearch, saved_search_id)
    if saved is None or saved.user_id != current_user.id:
        abort(404)  # another person's saved search does not exist for you
    return saved


@bp.get("/account/saved-searches")
@require(signed_in)
def index():
    rows = [(saved, queries.filters_from(saved.query_string)) for saved in services.for_user(current_user)]
    return render_template("alerts/index.html", rows=rows, limit=services.MAX_PER_USER)


@bp.route("/account/saved-searches/new", methods=["GET", "POST"])
@require(signed_in)
def new():
    # The search arrives as one `search` argument: its own `lang` (the listing language) must not
    # be taken for `?lang=`, which switches the interface language on every page.
    if request.method == "GET":
        filters = queries.filters_from(request.args.get("search", ""))
        existing = services.find_same(current_user, filters)
        if existing is not None:
            flash(_("You have already saved this search; you can change it here."), "info")
            return redirect(url_for(".edit", saved_search_id=existing.id))
        form = NewSavedSearchForm(formdata=None, name=services.default_name(filters),
                                  search=queries.normalise(filters))
        return render_template("alerts/new.html", form=form, filters=filters)
    form = NewSavedSearchForm()
    filters = queries.filters_from(form.search.data or "")
    form.search.data = queries.normalise(filters)
    if not form.validate_on_submit():
        return render_template("alerts/new.html", form=form, filters=filters), 400
    try:
        saved = services.save_search(current_user, filters, form.name.data or "", form.frequency.data)
    except services.TooManySavedSearches:
        db.session.rollback()
        form.form_errors.append(_("You have %(num)d saved searches, the most we keep. Delete one you no longer "
                                  "need, then save this one.", num=services.MAX_PER_USER))
        return render_template("alerts/new.html", form=form, filters=filters), 400
    db.session.commit()
    flash(_("The search “%(name)s” is saved.", name=saved.name), "success")
    return redirect(url_for(".index"))


@bp.route("/account/saved-searches/<int:saved_search_id>", methods=["GET", "POST"])
@require(signed_in)
def edit(saved_search_id: int):
    saved = _own(saved_search_id)
    filters = queries.filters_from(saved.query_string)
    if request.method == "GET":
        form = SavedSearchForm(formdata=None, name=saved.name, frequency=saved.frequency)
        return render_template("alerts/edit.html", form=form, saved=saved, filters=filters)
    form = SavedSearchForm()
    if not form.validate_on_submit():
        return render_template("alerts/edit.html", form=form, saved=saved, filters=filters), 400
    services.update_search(current_user, saved, form.name.data or "", form.frequency.data)
    db.session.commit()
    flash(_("Your changes to “%(name)s” were saved.", name=saved.name), "success")
    return redirect(url_for(".index"))


@bp.post("/account/saved-searches/<int:saved_search_id>/delete")
@require(signed_in)
def delete(saved_search_id: int):
    saved = _own(saved_search_id)
    name = saved.name
    services.delete_search(current_user, saved)
    db.session.commit()
    flash(_("The saved search “%(name)s” was deleted.", name=name), "success")
    return redirect(url_for(".index"))


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """GET asks (mail scanners fetch links); POST stops the e-mails: the page's button, or a mail
    client's RFC 8058 one-click POST, which carries no cookie and so no CSRF token. The signed
    token in the address is what authorises it."""
    try:
        saved = read_token(token)
    except InvalidToken:
        response = make_response(render_template("alerts/unsubscribe.html", state="invalid"), 400)
    else:
        if saved is None:
            state = "gone"
        elif request.method == "POST":
            services.unsubscribe(saved)
            db.session.commit()
            state = "done"
        else:
            state = "ask" if saved.sends_mail else "off"
        response = make_response(render_template("alerts/unsubscribe.html", state=state, saved=saved))
    # The token is a key to this one setting: keep it out of caches and Referer headers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


csrf.exempt(unsubscribe)
