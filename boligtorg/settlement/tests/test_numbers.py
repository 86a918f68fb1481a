"""The yearly numbers: versions, the country's kinds, the rules of a figure, the
year's overview in persons."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.settlement.models import ProposalStatus, SettlementTarget, TargetKind
from boligtorg.settlement.selectors import numbers as selectors
from boligtorg.settlement.services import numbers as services
from boligtorg.settlement.services.numbers import target_record

from .factories import ProposalFactory, ProposedPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
NEXT = TODAY.year + 1
PDF = b"%PDF-1.4\n%%EOF\n"


def _errors(excinfo) -> dict:
    return {
        field: [str(m) for m in messages] for field, messages in excinfo.value.message_dict.items()
    }


def test_kari_records_imdis_request_with_its_plan_figures_as_version_one(kari_actor):
    target = target_record(
        actor=kari_actor,
        kind=TargetKind.IMDI_REQUEST,
        year=NEXT,
        dated_on=TODAY,
        total=30,
        minors=5,
        next_year_total=25,
        next_year_minors=4,
        reference="24/01234",
    )

    assert (target.version, target.total, target.minors) == (1, 30, 5)
    assert (target.next_year_total, target.next_year_minors) == (25, 4)
    event = AuditEvent.objects.get(object_type="settlement.settlementtarget")
    assert event.action == AuditAction.CREATE
    assert event.changes["total"] == [None, 30]


def test_a_change_during_the_year_is_a_new_version_and_the_first_is_kept(kari_actor):
    first = target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT, dated_on=TODAY, total=30
    )
    second = target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT, dated_on=TODAY, total=35
    )

    first.refresh_from_db()
    assert (first.version, first.total) == (1, 30)
    assert (second.version, second.total) == (2, 35)
    versions = selectors.target_versions(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT
    )
    assert [v.version for v in versions] == [2, 1]
    in_force = selectors.targets_in_force(actor=kari_actor, year=NEXT)
    assert in_force[TargetKind.COUNCIL_DECISION] == second


def test_versions_are_counted_per_kind_and_year(kari_actor):
    target_record(
        actor=kari_actor, kind=TargetKind.IMDI_REQUEST, year=NEXT, dated_on=TODAY, total=3
    )
    decision = target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT, dated_on=TODAY, total=3
    )
    this_year = target_record(
        actor=kari_actor, kind=TargetKind.IMDI_REQUEST, year=TODAY.year, dated_on=TODAY, total=3
    )

    assert decision.version == 1
    assert this_year.version == 1


def test_a_danish_municipality_keeps_the_quota_and_never_imdis_request(sven_actor):
    with pytest.raises(ValidationError) as excinfo:
        target_record(
            actor=sven_actor, kind=TargetKind.IMDI_REQUEST, year=NEXT, dated_on=TODAY, total=3
        )
    assert _errors(excinfo)["kind"] == [str(services.ERROR_KIND)]

    quota = target_record(
        actor=sven_actor,
        kind=TargetKind.QUOTA,
        year=NEXT,
        dated_on=TODAY,
        national_figure=4000,
        region="Region Midtjylland",
        regional_quota=900,
        total=42,
        set_by="agreed",
    )
    assert (quota.national_figure, quota.regional_quota, quota.total) == (4000, 900, 42)


def test_a_norwegian_municipality_never_keeps_a_quota(kari_actor):
    with pytest.raises(ValidationError) as excinfo:
        target_record(
            actor=kari_actor,
            kind=TargetKind.QUOTA,
            year=NEXT,
            dated_on=TODAY,
            total=3,
            set_by="agreed",
        )
    assert _errors(excinfo)["kind"] == [str(services.ERROR_KIND)]


def test_fields_of_another_kind_are_not_kept_on_a_decision(kari_actor):
    decision = target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=NEXT,
        dated_on=TODAY,
        total=30,
        next_year_total=99,
        national_figure=4000,
    )
    assert decision.next_year_total is None
    assert decision.national_figure is None


def test_every_error_of_a_figure_is_reported_at_once(kari_actor):
    with pytest.raises(ValidationError) as excinfo:
        target_record(
            actor=kari_actor,
            kind=TargetKind.IMDI_REQUEST,
            year=TODAY.year + 3,
            dated_on=TODAY + datetime.timedelta(days=1),
            total=5,
            minors=6,
            next_year_total=2,
            next_year_minors=3,
        )

    first, last = services.year_range()
    assert _errors(excinfo) == {
        "year": [str(services.ERROR_YEAR % {"first": first, "last": last})],
        "dated_on": [str(services.ERROR_DATED_FUTURE)],
        "minors": [str(services.ERROR_MINORS_OVER_TOTAL)],
        "next_year_minors": [str(services.ERROR_NEXT_MINORS_OVER_TOTAL)],
    }
    assert not SettlementTarget.objects.exists()


@pytest.mark.parametrize(
    ("offset", "allowed"), [(-6, False), (-5, True), (0, True), (2, True), (3, False)]
)
def test_the_year_must_be_from_five_years_back_to_two_ahead(kari_actor, offset, allowed):
    call = {
        "actor": kari_actor,
        "kind": TargetKind.COUNCIL_DECISION,
        "year": TODAY.year + offset,
        "dated_on": TODAY,
        "total": 3,
    }
    if allowed:
        assert target_record(**call).year == TODAY.year + offset
    else:
        with pytest.raises(ValidationError) as excinfo:
            target_record(**call)
        assert list(_errors(excinfo)) == ["year"]


def test_the_danish_quota_is_checked_against_the_region_and_who_set_it(sven_actor):
    with pytest.raises(ValidationError) as excinfo:
        target_record(
            actor=sven_actor,
            kind=TargetKind.QUOTA,
            year=NEXT,
            dated_on=TODAY,
            national_figure=100,
            regional_quota=200,
            total=250,
        )
    assert _errors(excinfo) == {
        "regional_quota": [str(services.ERROR_REGIONAL_OVER_NATIONAL)],
        "total": [str(services.ERROR_MUNICIPAL_OVER_REGIONAL)],
        "set_by": [str(services.ERROR_SET_BY)],
    }


def test_the_document_must_be_a_pdf(kari_actor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as excinfo:
        target_record(
            actor=kari_actor,
            kind=TargetKind.COUNCIL_DECISION,
            year=NEXT,
            dated_on=TODAY,
            total=3,
            document=SimpleUploadedFile("vedtak.pdf", b"<html>not a pdf</html>"),
        )
    assert _errors(excinfo) == {"document": [str(services.ERROR_DOCUMENT)]}

    target = target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=NEXT,
        dated_on=TODAY,
        total=3,
        document=SimpleUploadedFile("vedtak.pdf", PDF),
    )
    assert target.document.read() == PDF


def test_per_the_auditor_and_an_allocation_member_cannot_record_a_figure(per, trondheim, anders):
    for user in (per, anders):
        with pytest.raises(PermissionDenied):
            target_record(
                actor=actor_for(user, trondheim),
                kind=TargetKind.COUNCIL_DECISION,
                year=NEXT,
                dated_on=TODAY,
                total=3,
            )


def test_another_municipalitys_figure_is_not_found(kari_actor, sven_actor):
    target = target_record(
        actor=kari_actor, kind=TargetKind.COUNCIL_DECISION, year=NEXT, dated_on=TODAY, total=3
    )
    with pytest.raises(Http404):
        selectors.target_get(actor=sven_actor, pk=target.pk)


def test_a_figure_of_a_kind_the_country_does_not_keep_is_not_found(skanderborg, sven_actor):
    from .factories import SettlementTargetFactory

    wrong = SettlementTargetFactory(municipality=skanderborg, kind=TargetKind.COUNCIL_DECISION)
    with pytest.raises(Http404):
        selectors.target_get(actor=sven_actor, pk=wrong.pk)
    assert selectors.target_list(actor=sven_actor) == []


def _household(municipality, *, status, persons=1, minor=False, **dates):
    proposal = ProposalFactory(
        municipality=municipality, status=status, unaccompanied_minor=minor, **dates
    )
    for _ in range(persons):
        ProposedPersonFactory(proposal=proposal)
    return proposal


def test_the_years_overview_counts_persons_settled_expected_and_declined(
    trondheim, skanderborg, kari_actor
):
    year = TODAY.year
    decision = target_record(
        actor=kari_actor,
        kind=TargetKind.COUNCIL_DECISION,
        year=year,
        dated_on=TODAY,
        total=10,
        minors=3,
    )
    target_record(
        actor=kari_actor, kind=TargetKind.IMDI_REQUEST, year=year, dated_on=TODAY, total=12
    )
    jan = datetime.date(year, 1, 15)
    _household(trondheim, status=ProposalStatus.SETTLED, persons=3, arrived_on=jan)
    _household(trondheim, status=ProposalStatus.SETTLED, minor=True, arrived_on=jan)
    # Settled last year, or arrived but not yet marked settled: not this year's.
    _household(trondheim, status=ProposalStatus.SETTLED, arrived_on=datetime.date(year - 1, 12, 31))
    _household(trondheim, status=ProposalStatus.ACCEPTED, persons=2, arrived_on=jan)
    _household(
        trondheim,
        status=ProposalStatus.ACCEPTED,
        minor=True,
        expected_arrival_on=datetime.date(year, 12, 31),
    )
    _household(
        trondheim,
        status=ProposalStatus.DECLINED,
        persons=2,
        decline_reason="needs",
        answered_on=jan,
    )
    _household(skanderborg, status=ProposalStatus.SETTLED, persons=4, arrived_on=jan)

    overview = selectors.year_overview(actor=kari_actor, year=year)

    assert overview.figure == decision
    assert (overview.settled, overview.settled_minors) == (4, 1)
    assert (overview.remaining, overview.remaining_minors) == (6, 2)
    assert (overview.expected, overview.expected_minors) == (1, 1)
    assert overview.declined == 2


def test_without_a_decision_the_request_is_the_figure_and_without_either_none(kari_actor):
    assert selectors.year_overview(actor=kari_actor, year=NEXT).remaining is None
    request = target_record(
        actor=kari_actor, kind=TargetKind.IMDI_REQUEST, year=NEXT, dated_on=TODAY, total=12
    )
    assert selectors.year_overview(actor=kari_actor, year=NEXT).figure == request


def test_a_planner_reads_the_numbers_and_the_auditor_does_not(trondheim, kari_actor, per):
    planner = member("plan", trondheim, Role.PLANNER)
    target_record(
        actor=kari_actor, kind=TargetKind.IMDI_REQUEST, year=NEXT, dated_on=TODAY, total=12
    )
    assert len(selectors.target_list(actor=actor_for(planner, trondheim))) == 1
    with pytest.raises(PermissionDenied):
        selectors.target_list(actor=actor_for(per, trondheim))


def test_the_overview_and_the_figures_read_in_a_fixed_number_of_queries(
    trondheim, kari_actor, django_assert_num_queries
):
    from boligtorg.settlement.selectors.figures import settlement_figures

    for year in range(TODAY.year - 4, TODAY.year + 1):
        for kind in (TargetKind.IMDI_REQUEST, TargetKind.COUNCIL_DECISION):
            target_record(actor=kari_actor, kind=kind, year=year, dated_on=TODAY, total=9)
    for _ in range(3):
        _household(trondheim, status=ProposalStatus.SETTLED, persons=2, arrived_on=TODAY)

    # The figures in force, then one count of every kind of person.
    with django_assert_num_queries(2):
        selectors.year_overview(actor=kari_actor, year=TODAY.year)
    # The five years' figures, the settled by year, the year's records.
    with django_assert_num_queries(3):
        settlement_figures(actor=kari_actor, year=TODAY.year)
