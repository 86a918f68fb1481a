"""The decision letter and the appeal case summary as PDF: the text a reader gets,
checked after extraction with pdftotext, in the applicant's language."""

import datetime
import subprocess

import pytest
from django.utils import formats, timezone, translation

from boligtorg.cases.models import AppealStatus, LegalBasis
from boligtorg.cases.services.decisions import appeal_reconsider, appeal_register, decision_make
from boligtorg.core.factories import actor_for
from boligtorg.domain.deadlines import appeal_deadline

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603 - a fixed tool on a temp file
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def _decide(actor, application, **changes):
    today = timezone.localdate()
    fields = {
        "outcome": "granted",
        "reasons": "The household has no dwelling and cannot find one alone.",
        "legal_basis": LegalBasis.objects.get(country="NO", code="boligsosial-6"),
        "decided_on": today,
        "received_on": today,
        "dwelling_type": "transition",
        "conditions": "A cooperation agreement with follow-up every second week.",
        "lease_months": 36,
        "short_lease_reason": "",
        "letter_language": "",
    }
    return decision_make(actor=actor, application=application, **{**fields, **changes})


def _long_date(day: datetime.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


def test_a_granted_letter_in_english_names_the_applicant_the_decision_and_the_deadline(
    kari_actor, ole_case, tmp_path
):
    ole_case.applicant.language = "en"
    ole_case.applicant.save()
    decision = _decide(kari_actor, ole_case)
    text = pdf_text(decision.letter.read(), tmp_path)
    deadline = appeal_deadline(decision.received_on, "NO")
    assert decision.letter_language == "en"
    assert "Ole Hansen" in text
    assert "Trondheim municipality" in text
    assert ole_case.number in text
    assert "You are granted a municipal dwelling." in text
    assert "Transition dwelling" in text
    assert "36 months" in text
    assert "A cooperation agreement with follow-up every second week." in text
    assert "The household has no dwelling and cannot find one alone." in text
    assert "boligsosiale feltet § 6" in text
    assert _long_date(deadline, "en") in text
    assert "Statsforvalteren" in text
    assert "Kari Nordmann" in text


def test_a_letter_follows_the_applicants_language_not_the_caseworkers(
    kari_actor, ole_case, tmp_path
):
    ole_case.applicant.language = "nb"
    ole_case.applicant.save()
    # The caseworker works in English; the letter is still the applicant's.
    with translation.override("en"):
        decision = _decide(kari_actor, ole_case)
    text = pdf_text(decision.letter.read(), tmp_path)
    deadline = appeal_deadline(decision.received_on, "NO")
    assert decision.letter_language == "nb"
    assert _long_date(deadline, "nb") in text
    assert _long_date(deadline, "nb") != _long_date(deadline, "en")
    assert "Ole Hansen" in text


def test_a_refused_letter_gives_the_reasons_and_no_dwelling(kari_actor, ole_case, tmp_path):
    decision = _decide(
        kari_actor,
        ole_case,
        outcome="refused",
        reasons="The household can rent privately with a deposit guarantee.",
        dwelling_type="",
        lease_months=None,
        conditions="",
        letter_language="en",
    )
    text = pdf_text(decision.letter.read(), tmp_path)
    assert "Your application for a municipal dwelling is refused." in text
    assert "The household can rent privately with a deposit guarantee." in text
    assert "Transition dwelling" not in text
    assert _long_date(appeal_deadline(decision.received_on, "NO"), "en") in text


def test_a_short_lease_letter_states_the_reason(kari_actor, ole_case, tmp_path):
    decision = _decide(
        kari_actor,
        ole_case,
        lease_months=12,
        short_lease_reason="A transition dwelling to assess tenancy capacity.",
        letter_language="en",
    )
    text = pdf_text(decision.letter.read(), tmp_path)
    assert "12 months" in text
    assert "A transition dwelling to assess tenancy capacity." in text


def test_the_upheld_appeal_summary_holds_the_case_the_grounds_and_the_reconsideration(
    kari_actor, ole_case, tmp_path
):
    decision = _decide(kari_actor, ole_case, outcome="refused", letter_language="en")
    appeal = appeal_register(
        actor=kari_actor,
        decision=decision,
        received_on=timezone.localdate(),
        grounds="I have two children and nowhere to live.",
    )
    appeal = appeal_reconsider(
        actor=kari_actor,
        appeal=appeal,
        outcome=AppealStatus.UPHELD,
        notes="Private rental with a guarantee is still possible.",
        on=timezone.localdate(),
    )
    text = pdf_text(appeal.summary.read(), tmp_path)
    assert "Ole Hansen" in text
    assert ole_case.number in text
    assert "I have two children and nowhere to live." in text
    assert "Private rental with a guarantee is still possible." in text
    assert "boligsosiale feltet § 6" in text


def test_the_letter_is_a_pdf_of_one_or_two_a4_pages(kari_actor, ole_case, tmp_path):
    decision = _decide(kari_actor, ole_case, letter_language="en")
    path = tmp_path / "letter.pdf"
    path.write_bytes(decision.letter.read())
    info = subprocess.run(  # noqa: S603
        ["pdfinfo", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert 1 <= pages <= 2
    assert "595.276 x 841.89" in info  # A4 in points
