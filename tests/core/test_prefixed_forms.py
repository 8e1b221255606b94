"""Forms that share a page carry a field prefix, yet their CSRF token keeps the name scanners know."""
from __future__ import annotations

import re

from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import MultiDict

from marketplace.outcomes.forms import OutcomeForm
from marketplace.partnerships.forms import JoinForm


def test_the_token_field_is_named_plainly_and_its_id_keeps_the_prefix(csrf_app):
    with csrf_app.test_request_context("/"):
        outcome, join = OutcomeForm(), JoinForm(parties=[], open_roles=[])
        markup = str(outcome.hidden_tag()) + str(join.hidden_tag())
    assert re.findall(r'id="([^"]+)" name="([^"]+)"', markup) == [
        ("outcome-csrf_token", "csrf_token"), ("join-csrf_token", "csrf_token")]
    assert outcome.kind.name == "outcome-kind"


def test_a_prefixed_form_accepts_its_token_under_the_plain_name_only(csrf_app):
    fields = {"outcome-kind": "meeting", "outcome-occurred_on": "2026-01-15"}
    with csrf_app.test_request_context("/outcomes/partnership/1", method="POST"):
        token = generate_csrf()
        outcomes = [OutcomeForm(formdata=MultiDict(data)).validate()
                    for data in ({**fields, "csrf_token": token}, {**fields, "outcome-csrf_token": token}, fields)]
    assert outcomes == [True, False, False]
