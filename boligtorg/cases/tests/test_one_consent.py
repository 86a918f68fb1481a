"""One consent: the main applicant's Consent rows are the only record of consent.
Every page shows the same state of it once (valid, expired, revoked or none), it is
recorded in one place that the case page and the interview link to, and the
interview's special categories follow it at once."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from boligtorg.cases.factories import ConsentFactory
from boligtorg.cases.models import Consent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
NONE_STATE = "None: sensitive information is hidden from everyone."


def _page(client, name, application):
    response = client.get(reverse(name, args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _short(day):
    """``day`` as the English pages show it."""
    with translation.override("en"):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def _consent_states(page):
    return re.findall(r'data-consent="(\w+)"', page)


def test_the_case_page_says_once_that_there_is_no_consent(english, kari, ole_case):
    english.force_login(kari)
    page = _page(english, "cases:detail", ole_case)
    assert ">given<" not in page
    assert "Valid consent" not in page
    assert page.count("<dt>Consent</dt>") == 1
    assert NONE_STATE in page
    assert _consent_states(page) == ["none"]


def test_the_case_page_and_the_api_show_the_same_valid_consent(english, kari, ole, ole_case):
    ConsentFactory(
        person=ole,
        recorded_by=kari,
        services="NAV",
        given_on=TODAY - 3 * DAY,
        valid_until=TODAY + 200 * DAY,
        covers_health=True,
    )
    english.force_login(kari)
    page = _page(english, "cases:detail", ole_case)
    assert _consent_states(page) == ["valid"]
    assert (
        f"Valid until {_short(TODAY + 200 * DAY)}, given {_short(TODAY - 3 * DAY)}, "
        "shared with NAV. Covers: health." in page
    )
    assert NONE_STATE not in page
    consent = english.get(f"/api/applications/{ole_case.pk}").json()["consent"]
    assert consent["status"] == "valid"
    assert [(c["services"], c["covers"]) for c in consent["current"]] == [("NAV", ["health"])]


def test_a_draft_without_consent_links_to_the_one_place_to_record_it(english, kari, ole_case):
    ole_case.status = "draft"
    ole_case.received_on = None
    ole_case.save()
    english.force_login(kari)
    page = _page(english, "cases:detail", ole_case)
    assert reverse("cases:submit", args=[ole_case.pk]) not in page
    assert f"{reverse('cases:consent_create', args=[ole_case.pk])}?from=case" in page
    assert "consent" not in _page(english, "cases:edit", ole_case).lower()


def test_the_interview_shows_special_categories_once_the_consent_is_recorded_from_it(
    english, kari, ole, ole_case
):
    english.force_login(kari)
    interview = reverse("cases:interview", args=[ole_case.pk])
    before = _page(english, "cases:interview", ole_case)
    assert 'name="health"' not in before
    link = re.search(r'href="([^"]*/consents/new/[^"]*)"', before)
    assert link, "the interview links to the one place consent is recorded"
    assert _consent_states(before) == ["none"]
    response = english.post(
        link.group(1),
        {
            "services": "NAV, health and care",
            "categories": ["health"],
            "given_on": TODAY.isoformat(),
            "valid_until": (TODAY + 365 * DAY).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response.url == interview
    assert Consent.objects.filter(person=ole).count() == 1
    after = _page(english, "cases:interview", ole_case)
    assert 'name="health"' in after
    assert 'name="substance_use"' not in after
    assert _consent_states(after) == ["valid"]


@pytest.mark.parametrize(
    ("ended", "state", "says"),
    [
        (
            {"given_on": TODAY - 400 * DAY, "valid_until": TODAY - DAY},
            "expired",
            "Expired: it was valid until {}.",
        ),
        (
            {"given_on": TODAY - 30 * DAY, "revoked_on": TODAY},
            "revoked",
            "Revoked {}: sensitive information is hidden from everyone.",
        ),
    ],
    ids=["expired", "revoked"],
)
def test_an_expired_or_revoked_consent_hides_the_special_categories_again(
    english, kari, ole, ole_case, ended, state, says
):
    consent = ConsentFactory(person=ole, recorded_by=kari, covers_health=True, **ended)
    says = says.format(_short(consent.revoked_on or consent.valid_until))
    english.force_login(kari)
    case_page = _page(english, "cases:detail", ole_case)
    interview = _page(english, "cases:interview", ole_case)
    assert 'name="health"' not in interview
    for page in (case_page, interview):
        assert _consent_states(page) == [state]
        assert says in page


def test_the_bokmål_case_page_names_the_consent_samtykke_once(client, kari, ole, ole_case):
    ConsentFactory(person=ole, recorded_by=kari, given_on=TODAY - 400 * DAY, revoked_on=TODAY)
    client.force_login(kari)
    page = _page(client, "cases:detail", ole_case)
    assert page.count("<dt>Samtykke</dt>") == 1
    assert "Gyldig samtykke" not in page
    assert "sensitive opplysninger er skjult for alle." in page
    assert "Trukket tilbake" in page
