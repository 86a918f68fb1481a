"""The pages of the yearly numbers and the overview."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.models import AuditAction, AuditEvent
from boligtorg.settlement.models import ProposalStatus, SettlementTarget, TargetKind
from boligtorg.settlement.services.numbers import ERROR_DATED_FUTURE, target_record

from .factories import ProposalFactory, ProposedPersonFactory, SettlementTargetFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NEXT = TODAY.year + 1
PDF = b"%PDF-1.4\n%%EOF\n"


def _en(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def test_kari_registers_imdis_request_with_its_document_on_the_page(
    client, kari, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _en(client, kari)
    url = reverse("settlement:target_create") + f"?kind=imdi_request&year={NEXT}"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "year": NEXT,
            "dated_on": TODAY.isoformat(),
            "total": 30,
            "minors": 5,
            "next_year_total": 25,
            "next_year_minors": 4,
            "reference": "24/01234",
            "document": SimpleUploadedFile("anmodning.pdf", PDF),
        },
    )

    target = SettlementTarget.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("settlement:target_detail", args=[target.pk])
    page = client.get(response["Location"]).content.decode()
    assert "IMDi&#x27;s request" in page and "24/01234" in page
    download = client.get(reverse("settlement:target_document", args=[target.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(target.pk), changes={"document": True}
    ).exists()


def test_the_form_shows_the_forms_and_the_services_errors_at_once(client, kari):
    _en(client, kari)
    url = reverse("settlement:target_create") + "?kind=council_decision"

    response = client.post(
        url,
        {
            "year": NEXT,
            "dated_on": (TODAY + datetime.timedelta(days=2)).isoformat(),
            "total": "many",
            "minors": 3,
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "total" in errors
    assert errors["dated_on"] == [str(ERROR_DATED_FUTURE)]
    assert response.context["form"]["minors"].value() == "3"
    assert not SettlementTarget.objects.exists()


def test_a_change_on_the_page_is_a_new_version_and_the_history_shows_both(client, kari, kari_actor):
    first = target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT, dated_on=TODAY, total=30
    )
    _en(client, kari)
    url = reverse("settlement:target_change", args=[first.pk])
    assert client.get(url).context["form"]["total"].value() == 30

    response = client.post(
        url, {"year": 1999, "dated_on": TODAY.isoformat(), "total": 35, "minors": 2}
    )

    second = SettlementTarget.objects.get(version=2)
    assert (second.year, second.total) == (NEXT, 35)
    page = client.get(response["Location"]).content.decode()
    assert "In force" in page
    old = client.get(reverse("settlement:target_detail", args=[first.pk])).content.decode()
    assert "This version is replaced. Version 2 is in force." in old


def test_a_danish_municipality_never_sees_imdi_and_a_norwegian_never_the_quota(
    client, kari, sven, skanderborg, trondheim
):
    _en(client, sven)
    assert client.get(reverse("settlement:target_create") + "?kind=imdi_request").status_code == 404
    assert client.get(reverse("settlement:target_create") + "?kind=quota").status_code == 200
    page = client.get(reverse("settlement:target_list")).content.decode()
    assert "Municipal quota" in page and "IMDi" not in page and "Council decision" not in page
    wrong = SettlementTargetFactory(municipality=skanderborg, kind=TargetKind.IMDI_REQUEST)
    assert client.get(reverse("settlement:target_detail", args=[wrong.pk])).status_code == 404

    _en(client, kari)
    assert client.get(reverse("settlement:target_create") + "?kind=quota").status_code == 404
    page = client.get(reverse("settlement:target_list")).content.decode()
    assert "IMDi&#x27;s request" in page and "Municipal quota" not in page


def test_another_municipalitys_figure_answers_404_on_every_page(client, sven, trondheim):
    target = SettlementTargetFactory(municipality=trondheim)
    _en(client, sven)
    for name in ("target_detail", "target_change", "target_document"):
        assert client.get(reverse(f"settlement:{name}", args=[target.pk])).status_code == 404


def test_mona_the_manager_reads_the_numbers_but_may_not_register(client, mona, trondheim):
    target = SettlementTargetFactory(municipality=trondheim)
    _en(client, mona)
    assert client.get(reverse("settlement:target_detail", args=[target.pk])).status_code == 200
    assert "Register a change" not in client.get(reverse("settlement:target_list")).content.decode()
    assert client.get(reverse("settlement:target_change", args=[target.pk])).status_code == 403


def test_the_overview_shows_this_year_and_next_with_the_settled_persons_audited(
    client, kari, kari_actor, trondheim
):
    target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=TODAY.year,
        dated_on=TODAY,
        total=10,
        minors=2,
    )
    proposal = ProposalFactory(
        municipality=trondheim,
        status=ProposalStatus.SETTLED,
        arrived_on=datetime.date(TODAY.year, 1, 10),
        list_reference="IMDi-2026-03",
    )
    ProposedPersonFactory(proposal=proposal, first_name="Amina", last_name="Test")
    _en(client, kari)

    response = client.get(reverse("settlement:overview"))

    page = response.content.decode()
    assert [o.year for o, _settled in response.context["overviews"]] == [TODAY.year, NEXT]
    first = response.context["overviews"][0][0]
    assert (first.settled, first.remaining) == (1, 9)
    assert "Amina Test" in page and "IMDi-2026-03" in page
    assert f'id="settled-{TODAY.year}-heading"' in page
    assert "No figure is registered for this year yet." in page
    assert AuditEvent.objects.filter(action=AuditAction.LIST, actor=kari).count() == 2

    chosen = client.get(reverse("settlement:overview"), {"year": TODAY.year - 1})
    assert [o.year for o, _settled in chosen.context["overviews"]] == [TODAY.year - 1]


def test_the_auditor_has_no_settlement_pages(client, per):
    _en(client, per)
    assert client.get(reverse("settlement:overview")).status_code == 403
    assert client.get(reverse("settlement:target_list")).status_code == 403


@pytest.mark.parametrize("country", ["NO", "DK"])
def test_the_settlement_entry_is_in_the_navigation_for_its_readers_in_both_countries(
    client, kari, sven, mona, per, country
):
    reader = kari if country == "NO" else sven
    link = f'href="{reverse("settlement:overview")}"'
    _en(client, reader)
    assert link in client.get(reverse("dashboard")).content.decode()
    if country == "NO":
        _en(client, mona)
        assert link in client.get(reverse("dashboard")).content.decode()
        _en(client, per)
        assert link not in client.get(reverse("dashboard")).content.decode()


def test_the_dashboard_panel_shows_the_figure_settled_and_remaining(
    client, kari, kari_actor, trondheim
):
    target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=TODAY.year, dated_on=TODAY, total=7
    )
    proposal = ProposalFactory(
        municipality=trondheim, status=ProposalStatus.SETTLED, arrived_on=TODAY
    )
    ProposedPersonFactory.create_batch(3, proposal=proposal)
    _en(client, kari)

    response = client.get(reverse("dashboard"))

    panel = next(p for p in response.context["panels"] if str(p.title) == "Settlement")
    assert panel.figures["settled"].count == 3
    assert panel.context["overview"].remaining == 4
    assert f'href="{panel.figures["settled"].url}"' in response.content.decode()


def test_a_figure_of_a_year_past_the_range_offers_no_change(client, kari, trondheim):
    old = SettlementTargetFactory(municipality=trondheim, year=TODAY.year - 6)
    _en(client, kari)
    page = client.get(reverse("settlement:target_detail", args=[old.pk])).content.decode()
    assert "Register a change" not in page
    response = client.post(
        reverse("settlement:target_change", args=[old.pk]),
        {"dated_on": TODAY.isoformat(), "total": 3, "minors": 0},
    )
    assert "year" in response.context["form"].errors
    assert SettlementTarget.objects.count() == 1


def test_skanderborgs_overview_measures_against_the_quota(client, sven, sven_actor):
    quota = target_record(
        actor=sven_actor,
        kind=TargetKind.QUOTA,
        year=TODAY.year,
        dated_on=TODAY,
        total=17,
        set_by="agreed",
    )
    _en(client, sven)

    response = client.get(reverse("settlement:overview"), {"year": TODAY.year})

    overview, _settled = response.context["overviews"][0]
    assert overview.figure == quota
    assert overview.remaining == 17
    assert "Municipal quota" in response.content.decode()


@pytest.mark.parametrize("year", ["²", "٢٠٢٧", "99999999999999999999", "-1"])
def test_a_year_in_the_address_that_is_not_a_year_falls_back_to_next_year(client, kari, year):
    client.force_login(kari)
    response = client.get(
        reverse("settlement:target_create"), {"kind": "council_decision", "year": year}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["year"] == timezone.localdate().year + 1
