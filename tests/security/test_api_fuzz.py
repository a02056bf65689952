"""API fuzzing (issue 8): schemathesis over the whole OpenAPI schema, as every role and signed out.

Every operation of ``lantern.api.site.api`` is sent generated requests, valid and invalid, through
the real WSGI application (every middleware, the session sign-in and the CSRF check included), over
a database holding two forces' records of every kind. Path ids are sometimes those of the caller's
own force and sometimes the other force's, so that requests reach past "not found" into the
services. Then schemathesis's state machine chains operations along the links it infers from the
schema, feeding the ids one answer gives into the next request. Every answer must be no server
error, have a status the schema documents for that operation, match the schema documented for that
status, and have the documented content type.

Each request runs in a savepoint that is rolled back (each stateful sequence in one), so every case
meets the same seeded records. Hypothesis is seeded per caller, operation and mode, so CI sends the
same requests every run. What the fuzzing found the API failing on is pinned, beside it, by a plain
test of each request.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.stateful import APIStateMachine

from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.cases.models import Investigation, OrganisedCrimeGroup
from lantern.safeguarding.models import Contact, VictimUpdate
from lantern.wsgi import application
from tests import factories
from tests.figures import count
from tests.security.test_access_matrix import FORCE_A, FORCE_B, IMMIGRATION, REGION_A, REGION_B, Force, _seed

CASES = "API fuzz cases (schemathesis)"
STEPS = "API fuzz stateful steps (schemathesis)"
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.response_schema_conformance,
          checks.content_type_conformance]
CSRF_TOKEN = "LanternFuzzCsrfToken0123456789ab"  # any 32 letters and digits: cookie and header agree
POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
# Not discovered from a schemathesis.toml: a fixed seed, and sequences of valid requests only (the
# invalid ones are sent one at a time by ``_fuzz``), so that links have answers to feed on.
CONFIG = schemathesis.Config.from_dict({"seed": 1, "generation": {"mode": "positive"}})
SETTINGS: dict[str, Any] = {"deadline": None, "derandomize": True, "database": None, "print_blob": False,
                            "suppress_health_check": list(hypothesis.HealthCheck)}


@dataclass(frozen=True)
class Effort:
    """How hard to push as one caller: examples per operation (valid, invalid), stateful sequences
    and the most steps in each."""

    valid: int
    invalid: int
    sequences: int
    steps: int = 8


# Where the effort goes, within the ~90 seconds a database pass may spend here (each request costs
# tens of milliseconds). Those who do casework reach deepest into the services, so they get the
# most; roles that may only read or manage are refused most writes at once, and invalid bodies are
# refused by schema validation before any role is looked at, so one valid example each shows their
# answers. Signed out, every request stops at the sign-in check.
CASEWORK, LIGHT = Effort(2, 1, 4, 10), Effort(1, 0, 1, 4)
EFFORT: dict[Role | None, Effort] = {
    Role.SUPERVISOR: Effort(3, 2, 6, 10),
    Role.INVESTIGATOR: CASEWORK,
    Role.FRONTLINE_OFFICER: CASEWORK,
    Role.FORCE_LEAD: Effort(1, 1, 2),
    Role.VICTIM_LIAISON_OFFICER: Effort(1, 1, 2),
    **{role: LIGHT for role in (Role.INTELLIGENCE_ANALYST, Role.REGIONAL_COORDINATOR, Role.NATIONAL_UNIT,
                                Role.PARTNER_AGENCY, Role.AUDITOR, Role.ADMINISTRATOR)},
    None: LIGHT,
}


@dataclass
class Caller:
    """Someone sending requests: one role's signed-in session, or nobody."""

    label: str
    effort: Effort
    cookies: dict[str, str]
    own: dict[str, Any] = field(default_factory=dict)  # their organisation's record ids, by parameter
    other: dict[str, Any] = field(default_factory=dict)  # another force's

    @property
    def headers(self) -> dict[str, str]:
        return {"X-CSRFToken": CSRF_TOKEN}


def _caller(role: Role | None, a: Force, b: Force) -> Caller:
    """A person of force A holding ``role`` (a partner agency's, for that role), signed in with both
    factors; or, for None, nobody signed in."""
    if role is None:
        return Caller("signed out", EFFORT[None], {"csrftoken": CSRF_TOKEN}, other=a.ids)
    org = IMMIGRATION if role is Role.PARTNER_AGENCY else FORCE_A
    person = factories.user(role, org=org)
    session = factories.signed_in_client(person).cookies["sessionid"].value
    own = a.ids if org == FORCE_A else {"code": org, "user_id": person.pk}
    return Caller(f"{role.value}@{org}", EFFORT[role], {"sessionid": session, "csrftoken": CSRF_TOKEN},
                  own, b.ids if org == FORCE_A else a.ids)


def _path_ids(path: str, ids: dict[str, Any]) -> dict[str, Any] | None:
    """The path parameters naming ``ids``' records in this operation, or None if it names none."""
    found = {}
    for name in re.findall(r"{(\w+)}", path):
        key = name
        if name == "referral_id":  # two kinds of referral: the NRM's and the CPS's
            key = "justice referral_id" if path.startswith("/api/justice/") else "safeguarding referral_id"
        if key not in ids:
            return None
        found[name] = ids[key]
    return found or None


@dataclass
class Run:
    """What the fuzzing sent, and what failed: one report per operation and kind of failure."""

    cases: int = 0
    steps: int = 0
    failures: dict[str, tuple[list[str], str]] = field(default_factory=dict)

    def fail(self, who: str, where: str, exc: BaseException) -> None:
        found = exc.exceptions if isinstance(exc, BaseExceptionGroup) else (exc,)
        kinds = ", ".join(sorted({getattr(e, "title", type(e).__name__) for e in found}))
        callers, _ = self.failures.setdefault(f"{where}: {kinds}", ([], str(exc)[:2500]))
        callers.append(who)

    def report(self) -> str:
        return "\n\n".join(f"{key}\nas {', '.join(callers)}\n{detail}"
                           for key, (callers, detail) in sorted(self.failures.items()))


def _send(case: schemathesis.Case, caller: Caller) -> schemathesis.Response:
    """One request to the WSGI application, its changes rolled back."""
    with transaction.atomic():
        response = case.call(app=application, cookies=caller.cookies, headers=caller.headers)
        transaction.set_rollback(True)
    return response


def _fuzz(run: Run, operation: schemathesis.APIOperation, caller: Caller) -> None:
    """Valid and invalid requests to one operation, some naming real records of either force."""
    named = [ids for ids in (_path_ids(operation.path, caller.own), _path_ids(operation.path, caller.other))
             if ids]
    for mode, examples in ((POSITIVE, caller.effort.valid), (NEGATIVE, caller.effort.invalid)):
        if not examples:
            continue
        strategy = st.one_of([operation.as_strategy(generation_mode=mode)]
                             + [operation.as_strategy(generation_mode=mode, path_parameters=ids)
                                for ids in named])

        @hypothesis.seed(zlib.crc32(f"{caller.label} {operation.label} {mode.value}".encode()))
        @hypothesis.settings(max_examples=examples, **SETTINGS)
        @hypothesis.given(case=strategy)
        def fuzz(case: schemathesis.Case) -> None:
            response = _send(case, caller)
            run.cases += 1
            case.validate_response(response, checks=CHECKS)

        try:
            fuzz()
        except (FailureGroup, Exception) as exc:  # every failure is reported together, at the end
            run.fail(caller.label, f"{operation.label} ({mode.value})", exc)


def _sequences(schema: Any, run: Run, caller: Caller) -> None:
    """Schemathesis's state machine over the schema's links, as this caller, each sequence rolled back."""

    class Sequences(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            self._savepoint = transaction.savepoint()

        def teardown(self) -> None:
            transaction.savepoint_rollback(self._savepoint)

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"app": application, "cookies": caller.cookies, "headers": caller.headers}

        def call(self, case: schemathesis.Case, **kwargs: Any) -> schemathesis.Response:
            # A savepoint per step: a database error cannot leak into the next step unnoticed.
            with transaction.atomic():
                return super().call(case, **kwargs)

        def after_call(self, response: schemathesis.Response, case: schemathesis.Case) -> None:
            run.steps += 1

        def validate_response(self, response: schemathesis.Response, case: schemathesis.Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    machine: type[APIStateMachine] = Sequences
    settings = hypothesis.settings(max_examples=caller.effort.sequences,
                                   stateful_step_count=caller.effort.steps, **SETTINGS)
    try:
        machine.run(settings=settings)
    except (FailureGroup, Exception) as exc:  # reported with the rest
        run.fail(caller.label, "stateful sequence", exc)


@contextmanager
def _in_process_requests() -> Iterator[None]:
    """Requests sent straight to the WSGI application share the test's database transaction.

    Django's test client does the same for each of its own requests (and connects the signals again
    after each, so this is entered once the seeding is done): the handler's signals would otherwise
    close the connection, and with it the test's transaction, at the start and end of every request.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.ERROR)  # thousands of deliberate 4xx answers; a server error is still logged
    try:
        yield
    finally:
        log.setLevel(level)
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_api_gives_only_the_answers_its_schema_documents() -> None:
    """Given two forces with a record of each kind, when schemathesis sends every operation valid
    and invalid requests, alone and in sequences, as every role and signed out, then no answer is a
    server error, and each has a status, a body and a content type the schema documents."""
    a, b = _seed(FORCE_A, REGION_A, "A"), _seed(FORCE_B, REGION_B, "B")
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    callers = [_caller(role, a, b) for role in EFFORT]
    run = Run()
    with _in_process_requests():
        for caller in callers:
            for operation in operations:
                _fuzz(run, operation, caller)
            _sequences(schema, run, caller)
    count(CASES, run.cases)
    count(STEPS, run.steps)
    assert not run.failures, "\n" + run.report()
    documented = sum(len(methods) for methods in api.get_openapi_schema()["paths"].values())
    assert len(operations) == documented and run.cases > len(operations) * 10
    assert run.steps > len(callers) * 4, "the state machine took too few steps"


@pytest.mark.django_db
def test_what_the_fuzzing_found_is_refused_with_a_reason() -> None:
    """Given a victim in an investigation, when the API is sent what fuzzing found it failed on (the
    NUL character in a path, a query or a body; a time with a UTC offset no clock shows; a Victims'
    Code event before any deadline Lantern holds; text longer than its column keeps), then each is
    refused with what to do instead, and nothing is recorded."""
    officer = factories.user(Role.SUPERVISOR)
    client = factories.signed_in_client(officer)
    victim = f"/api/safeguarding/victims/{factories.victim(officer, factories.investigation(officer)).pk}"
    contact = {"at": "2026-11-21T10:00:00+19:00", "method": "phone", "summary": "Checked in"}
    sent = [
        ("get", "/api/organisations/west%00yorkshire", None, "NUL character (\\u0000) from the path"),
        ("get", "/api/audit/events?username=a%00b", None, "NUL character (\\u0000) from the query"),
        ("post", "/api/cases/groups/", {"name": "Tamarind\x00"}, "NUL character (\\u0000) from the body"),
        ("post", f"{victim}/contacts", contact, "a real UTC offset, from -12:00 to +14:00"),
        ("post", f"{victim}/contacts", {**contact, "at": "0001-01-01T00:00:00+05:00"}, "years 1 and 9999"),
        ("post", f"{victim}/updates", {"kind": "suspect_charged", "event_on": "2000-01-01"},
         "No Victims' Code deadline was in force on 01 January 2000"),
        ("post", "/api/cases/investigations", {"crime_reference": "WY/" + "7" * 38,
                                               "recorded_on": "2026-11-02", "exploitation_types": ["labour"]},
         "at most 40 characters"),
    ]
    recorded = (OrganisedCrimeGroup.objects.count(), Contact.objects.count(), VictimUpdate.objects.count(),
                Investigation.objects.count())
    for method, path, body, reason in sent:
        response = client.generic(method.upper(), path, json.dumps(body) if body else "",
                                  content_type="application/json")
        assert response.status_code == 422, (path, response.content)
        reasons = [d if isinstance(d, str) else d["msg"] for d in response.json()["detail"]]
        assert any(reason in r for r in reasons), (path, reasons)
    assert (OrganisedCrimeGroup.objects.count(), Contact.objects.count(), VictimUpdate.objects.count(),
            Investigation.objects.count()) == recorded
