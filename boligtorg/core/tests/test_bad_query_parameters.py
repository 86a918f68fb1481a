"""Every page answers bad query parameters with 4xx or a form error, never 500: a page
number beyond 64 bits, a NUL character (PostgreSQL refuses it in text), a digit
int() does not read, on every
route of the project with the objects it needs (the tenancy walk's makers)."""

import pytest
from django.urls import reverse

from boligtorg.core.factories import member
from boligtorg.core.models import Role
from boligtorg.core.testing.tenancy import MAKERS
from boligtorg.core.tests.test_tenancy import _project_routes

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond a 64-bit integer
NUL = "Han\x00sen"
SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes, int() says no
# Every query parameter a page reads, with a value the database cannot take.
PARAMETERS = [
    "q", "household_query", "household", "sort", "status", "level", "format", "from",
    "goal", "copy_from", "case", "next", "person", "user", "date_from", "date_to", "dwelling",
]  # fmt: skip
BAD_QUERIES = [
    {"page": HUGE},
    {"page": "-" + HUGE},
    dict.fromkeys(PARAMETERS, NUL),
    dict.fromkeys(PARAMETERS, SUPERSCRIPT_TWO),
    dict.fromkeys(PARAMETERS, HUGE),
]


def test_no_page_answers_500_for_a_huge_page_number_or_a_nul_character(client, trondheim):
    values = {name: maker(trondheim) for name, maker in MAKERS.items()}
    client.force_login(member("ada", trondheim, *Role.values))
    client.raise_request_exception = False
    errors = []
    for _, name, entry in _project_routes():
        url = reverse(name, kwargs={key: values[key] for key in entry.pattern.converters})
        if client.get(url).status_code >= 500:
            continue  # fails without a query too: not this test's business
        for query in BAD_QUERIES:
            status = client.get(url, query).status_code
            if status >= 500:
                errors.append(f"GET {url} {sorted(query)} -> {status}")
    assert errors == [], "\n".join(errors)


def test_a_form_post_over_the_upload_limit_answers_400_not_500(client, trondheim, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(member("ada", trondheim, *Role.values))
    response = client.post(reverse("housing:dwelling_create"), {"address": "x" * 2000})
    assert response.status_code == 400


def test_posted_ids_int_cannot_read_or_no_column_holds_answer_no_500(client, trondheim):
    house_id = MAKERS["house_id"](trondheim)
    client.force_login(member("ada", trondheim, *Role.values))
    client.raise_request_exception = False
    url = reverse("allocation:house_lock", args=[house_id])
    for value in (SUPERSCRIPT_TWO, HUGE):
        assert client.post(url, {"application": [value]}).status_code < 500, value
