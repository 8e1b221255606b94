"""Schemathesis against the read API, in process: every check, positive and negative data, stateful links.

The same run as `schemathesis run --checks all --mode all` with the coverage, fuzzing and
stateful phases, through `schemathesis.openapi.from_wsgi` on the app of the test database
(SQLite, or PostgreSQL with TEST_DATABASE_URL). A fixed seed keeps CI reproducible.
"""
from __future__ import annotations

from collections import Counter

import jsonschema_rs
import pytest
import schemathesis
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.engine import Status, events, from_schema
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from marketplace.extensions import db

from .conftest import build_world

MAX_EXAMPLES = 25
SEED = 20261127
PHASES = ("coverage", "fuzzing", "stateful")


@pytest.fixture
def api_app(make_app, tmp_path):
    """The app with the small world committed and no context left open: each request stands alone."""
    set_hypothesis_home_dir(tmp_path / "hypothesis")  # not a .hypothesis/ folder in the working tree
    app = make_app()
    with app.app_context():
        build_world()
        db.session.remove()
    return app


def all_checks() -> list[str]:
    load_all_checks()
    return CHECKS.get_all_names()


def load_schema(app):
    config = schemathesis.Config.from_dict({
        "seed": SEED,
        "workers": 1,
        "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
        "checks": {name: {"enabled": True} for name in all_checks()},
        "phases": {name: {"enabled": True} for name in PHASES},
    })
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)


def run(schema):
    """Failures as readable text, the statuses seen per operation, and how each phase ended."""
    failures: list[str] = []
    statuses: Counter = Counter()
    phases: dict[str, Status] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            for interaction in event.recorder.interactions.values():
                if interaction.response is not None:
                    statuses[(str(event.phase), event.recorder.label, interaction.response.status_code)] += 1
            for nodes in event.recorder.checks.values():
                for node in nodes:
                    if node.failure_info is not None:
                        failure = node.failure_info.failure
                        failures.append(f"[{event.phase}] {node.name} on {failure.operation}: {failure.title}\n"
                                        f"{failure.message}\n{node.failure_info.code_sample}")
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            failures.append(f"error: {getattr(event, 'info', event)}")
        elif isinstance(event, events.PhaseFinished):
            phases[event.phase.name.value] = event.status
    return failures, statuses, phases


def test_the_document_is_valid_openapi_and_describes_every_route(client):
    document = client.get("/api/v1/openapi.json").get_json()
    OPENAPI_31_VALIDATOR.validate(document)
    for name, component in document["components"]["schemas"].items():
        assert jsonschema_rs.meta.is_valid(component), name
    described = {"/api/v1" + path.replace("{listing_id}", "<int:listing_id>").replace("{slug}", "<slug>")
                 for path in document["paths"]}
    routes = {rule.rule for rule in client.application.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    assert described == routes
    assert all(set(item) == {"get"} for item in document["paths"].values())  # read-only


def test_schemathesis_finds_no_failure(api_app):
    failures, statuses, phases = run(load_schema(api_app))
    unique = list(dict.fromkeys(failures))
    assert not unique, f"{len(unique)} Schemathesis failure(s):\n\n" + "\n\n".join(unique[:10])

    assert {phase: phases.get(phase) for phase in PHASES} == dict.fromkeys(PHASES, Status.SUCCESS)
    answered = {(label, status) for (_phase, label, status), count in statuses.items()}
    for operation in ("GET /listings", "GET /listings/{listing_id}", "GET /listings/{listing_id}/matches",
                      "GET /companies", "GET /clusters", "GET /clusters/{slug}", "GET /clusters/{slug}/members",
                      "GET /codes"):
        assert (operation, 200) in answered, f"{operation} never answered 200: the run tested little"
    for operation in ("GET /listings", "GET /companies", "GET /clusters"):
        assert (operation, 400) in answered, f"{operation} never refused negative data"
    stateful_calls = sum(count for (phase, _label, _status), count in statuses.items() if phase == "stateful")
    assert stateful_calls > 50, "the stateful phase followed few links"
