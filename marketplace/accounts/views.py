"""Accounts: sign up, confirm, sign in and out, reset, settings, privacy."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError

from ..auth import require, signed_in
from ..extensions import db, limiter
from ..security import safe_next
from . import forms, privacy, services
from .permissions import needs_confirmation

bp = Blueprint("accounts", __name__, url_prefix="/account")

# Failed sign-ins per account, whatever the address they come from: slows a distributed
# guesser down on one account without locking its owner out for long.
SIGN_IN_PER_EMAIL_LIMIT = "10 per 15 minutes;40 per day"


def _auth_limit():
    """Per client address, POSTs only: the forms that guess or send mail."""
    return limiter.limit(lambda: current_app.config["RATELIMIT_AUTH"], methods=["POST"])


def _sign_in_email_key() -> str:
    email = services.normalise_email(request.form.get("email", ""))[:254]
    return "sign-in-email:" + email if email else get_remote_address()


def _sign_in_failed(response) -> bool:
    return response.status_code != 302


@bp.app_context_processor
def _account_globals():
    return {"needs_confirmation": needs_confirmation}


def _me():
    return current_user._get_current_object()


def _invalid_link(resend: bool = False):
    return render_template("accounts/link_invalid.html", resend=resend), 400


def _company_create_url() -> str | None:
    # companies.create belongs to the companies domain; the settings page links to it if present.
    return url_for("companies.create") if "companies.create" in current_app.view_functions else None


# --- sign in, sign out, sign up -------------------------------------------------------------

@bp.route("/sign-in", methods=["GET", "POST"])
@_auth_limit()
@limiter.limit(lambda: current_app.config.get("RATELIMIT_SIGN_IN_PER_EMAIL", SIGN_IN_PER_EMAIL_LIMIT),
               key_func=_sign_in_email_key, methods=["POST"], deduct_when=_sign_in_failed)
def sign_in():
    target = safe_next(request.args.get("next"), url_for("core.home"))
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(target)
    form = forms.SignInForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            if current_user.is_authenticated:
                services.end_session(current_user.session_token)
            session.clear()  # a new session for the signed-in person: nothing planted before survives
            services.start_session(user, request.user_agent.string)
            login_user(user, remember=form.remember.data)
            db.session.commit()
            if not user.is_confirmed:
                flash(_("Please confirm your e-mail address with the link we sent you."), "warning")
            return redirect(target)
        # One message for an unknown address and a wrong password: no probing for accounts.
        form.password.errors.append(_("The e-mail address or the password is not correct."))
    return render_template("accounts/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        services.end_session(current_user.session_token)  # the cookie, if replayed, finds no session
        db.session.commit()
    session.clear()
    logout_user()  # after clear(): it leaves the note that deletes the remember cookie
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/sign-up", methods=["GET", "POST"])
@_auth_limit()
def sign_up():
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(url_for("accounts.settings"))
    form = forms.SignUpForm()
    if form.validate_on_submit():
        email = services.normalise_email(form.email.data)
        try:
            services.sign_up(email=email, password=form.new_password.data, name=form.name.data,
                             locale=form.locale.data)
            db.session.commit()
        except IntegrityError:  # a simultaneous sign-up with this address won; answer as for any taken one
            db.session.rollback()
        # The same page whether the address was new or taken (its owner got a mail instead).
        return render_template("accounts/check_inbox.html", email=email)
    return render_template("accounts/sign_up.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    # The link only shows a button: mail scanners that fetch links must not spend them.
    try:
        user = services.confirm_email(token) if request.method == "POST" else services.user_for_confirmation(token)
    except services.InvalidLink:
        return _invalid_link(resend=True)
    if request.method == "GET":
        return render_template("accounts/confirm_email.html", user=user)
    db.session.commit()
    flash(_("Thank you, your e-mail address is confirmed."), "success")
    return redirect(url_for("accounts.settings") if current_user.is_authenticated else url_for("accounts.sign_in"))


@bp.post("/confirm/resend")
@_auth_limit()
@require(signed_in)
def resend_confirmation():
    user = _me()
    if user.is_confirmed:
        flash(_("Your e-mail address is already confirmed."), "info")
    else:
        services.send_confirmation(user)
        db.session.commit()
        flash(_("We sent a new confirmation link to %(email)s.", email=user.email), "success")
    return redirect(url_for("accounts.settings"))


# --- forgotten password ---------------------------------------------------------------------

@bp.route("/forgot-password", methods=["GET", "POST"])
@_auth_limit()
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/reset_sent.html", email=services.normalise_email(form.email.data))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@_auth_limit()
def reset_password(token: str):
    try:
        user = services.user_for_reset(token)
    except services.InvalidLink:
        return _invalid_link()
    form = forms.ResetPasswordForm(user=user)
    if form.validate_on_submit():
        services.reset_password(token, form.new_password.data)  # ends every session of the account
        db.session.commit()
        session.clear()
        logout_user()
        flash(_("Your password has been changed. Please sign in with the new one."), "success")
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form, user=user)


# --- settings -------------------------------------------------------------------------------

@bp.route("/", methods=["GET", "POST"])
@require(signed_in)
def settings():
    user = _me()
    form = forms.ProfileForm(obj=user)
    if form.validate_on_submit():
        services.update_profile(user, name=form.name.data, locale=form.locale.data,
                                job_title=form.job_title.data or "", phone=form.phone.data or "")
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", form=form, company_create_url=_company_create_url())


@bp.route("/password", methods=["GET", "POST"])
@_auth_limit()
@require(signed_in)
def change_password():
    user = _me()
    form = forms.ChangePasswordForm(user=user)
    if form.validate_on_submit():
        try:
            services.change_password(user, current_password=form.current_password.data,
                                     new_password=form.new_password.data, keep_token=user.session_token)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except services.WeakPassword as error:
            form.new_password.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Any other device signed in to your account has been signed out."),
                  "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/email", methods=["GET", "POST"])
@_auth_limit()
@require(signed_in)
def change_email():
    user = _me()
    form = forms.ChangeEmailForm()
    if form.validate_on_submit():
        try:
            new_email = services.request_email_change(user, current_password=form.current_password.data,
                                                      new_email=form.new_email.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except services.SameEmail:
            form.new_email.errors.append(_("This is already your e-mail address."))
        else:
            db.session.commit()
            flash(_("We sent a link to %(email)s. Your address changes when you follow it.", email=new_email), "info")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/change_email.html", form=form)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email_change(token: str):
    try:
        user, new_email = services.read_email_change(token)
        if request.method == "POST":
            services.confirm_email_change(token)
    except services.InvalidLink:
        return _invalid_link()
    except services.EmailTaken:
        return render_template("accounts/link_invalid.html", taken=True), 409
    if request.method == "GET":
        return render_template("accounts/confirm_email_change.html", user=user, new_email=new_email)
    db.session.commit()
    flash(_("Your e-mail address is now %(email)s.", email=new_email), "success")
    return redirect(url_for("accounts.settings") if current_user.is_authenticated else url_for("accounts.sign_in"))


# --- privacy --------------------------------------------------------------------------------

@bp.get("/privacy", endpoint="privacy")
@require(signed_in)
def privacy_page():
    return render_template("accounts/privacy.html", form=forms.DeleteAccountForm())


@bp.get("/privacy/export.json")
@require(signed_in)
def export_data():
    body = json.dumps(privacy.export_user_data(_me()), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="clusters-cord-marketplace-my-data.json"'})


@bp.post("/privacy/delete")
@_auth_limit()
@require(signed_in)
def delete_account():
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        try:
            privacy.delete_account(_me(), current_password=form.current_password.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            db.session.commit()
            session.clear()
            logout_user()
            flash(_("Your account and your personal data have been deleted. Goodbye."), "info")
            return redirect(url_for("core.home"))
    return render_template("accounts/privacy.html", form=form)
