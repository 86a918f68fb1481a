"""Schemathesis over the whole OpenAPI document: every operation, with generated
parameters and bodies (valid and invalid), as a user holding every staff role in
Trondheim, with one object of every kind present (the tenancy walk's makers, whose
ids the path parameters take). No answer may be a server error, and every answer
must match the response the document declares.

A fixed seed (hypothesis's ``derandomize``) and ``EXAMPLES`` per operation keep the run
repeatable and under a minute; on PostgreSQL it also finds what only PostgreSQL
refuses (a NUL character in text). To explore more, raise ``FUZZ_EXAMPLES``:
``FUZZ_EXAMPLES=200 .venv/bin/python -m pytest boligtorg/api/tests/test_fuzz_openapi.py``.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from boligtorg.api.api import api
from boligtorg.cases.models import CaseCounter
from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.core.testing.tenancy import MAKERS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CSRF_TOKEN = "f" * 32  # the cookie's secret, sent again in the header as Django checks
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, sharing the test's database transaction: like the
    test client, it must not close the connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzz(operation, mode, app, path_parameters, cookies, headers) -> str | None:  # noqa: ANN001
    """The first failure of ``operation`` over ``EXAMPLES`` cases generated in ``mode``
    (valid or invalid input), or None.
    Each case runs in a savepoint rolled back after it, so every case starts from
    the same data and a database error cannot poison the next one."""
    known = {
        name: path_parameters[name]
        for name in (p.name for p in operation.path_parameters)
        if name in path_parameters
    }

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=known or None))
    def run(case) -> None:  # noqa: ANN001
        with transaction.atomic():
            case.call_and_validate(app=app, cookies=cookies, headers=headers, checks=CHECKS)
            transaction.set_rollback(True)

    try:
        run()
    except Exception as failure:  # noqa: BLE001
        return f"{operation.method.upper()} {operation.path} ({mode.value}): {failure}"
    return None


def test_no_operation_of_the_api_answers_a_server_error_or_off_its_schema(trondheim, wsgi_app):
    path_parameters = {name: maker(trondheim) for name, maker in MAKERS.items()}
    # The factories number cases from their own sequence, not the municipality's
    # counter as the services (and the demo data) do: start the counter past them.
    CaseCounter.objects.update_or_create(
        municipality=trondheim, year=timezone.localdate().year, defaults={"last": 50_000}
    )
    ada = member("ada", trondheim, *Role.values, first_name="Ada", last_name="Berg")
    login = Client()
    login.force_login(ada)
    cookies = {"sessionid": login.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}
    headers = {"X-CSRFToken": CSRF_TOKEN}

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    failures = []
    count = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        count += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failure = _fuzz(operation, mode, wsgi_app, path_parameters, cookies, headers)
            if failure:
                failures.append(failure)
    assert count > 50
    assert failures == [], "\n\n".join(failures)
