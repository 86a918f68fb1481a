"""The payment schedule of a paid-out start loan follows its changes of terms: it
starts the month after the payout, applies each change in date order
(``domain/financing/rescheduling.py``) and marks it on the instalment where it
begins, on the page, in the spreadsheet and in the API; the pre-contract
information (SEF) keeps the terms as decided.

The loan of ``paid_out_loan``: 1,000,000 kr, annuity over 30 years at 5.1 %, due on
the 20th; a month's interest on the whole loan is 1,000,000 × 0.051 / 12 = 4,250.00.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from openpyxl import load_workbook

from boligtorg.core.models import Country
from boligtorg.domain.deadlines import add_months
from boligtorg.finance.models import FinanceRate
from boligtorg.finance.selectors.schedules import first_due_after, loan_schedule
from boligtorg.finance.services import servicer as services

from .factories import paid_out_loan

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PAID_ON = TODAY - datetime.timedelta(days=120)
DUE = first_due_after(PAID_ON, 20)


@pytest.fixture
def loan(trondheim, lars, mona):
    return paid_out_loan(trondheim, officer=lars, decider=mona, paid_on=PAID_ON)


def _change(actor, case, kind, decided_on=TODAY, **values):
    return services.terms_change_record(
        actor=actor, case=case, kind=kind, decided_on=decided_on, reason="Lost her job.", **values
    )


def _plan(case):
    return loan_schedule(case.decisions.get(), on=TODAY)


def _three_months_from_the_first_due():
    return DUE, add_months(DUE, 3) - datetime.timedelta(days=1)


def test_a_paid_out_loans_schedule_starts_the_month_after_the_payout(loan):
    plan = _plan(loan)

    assert plan.paid_on == PAID_ON
    assert plan.instalments[0].due == DUE
    assert len(plan.instalments) == 360
    assert plan.marks == []


def test_postponed_instalments_pay_interest_only_and_the_loan_still_ends_on_its_end_date(
    loan, lars_actor
):
    start, end = _three_months_from_the_first_due()
    change = _change(lars_actor, loan, "deferral", period_from=start, period_to=end)

    plan = _plan(loan)

    assert [(r.payment, r.principal) for r in plan.instalments[:3]] == [
        (Decimal("4250.00"), Decimal("0.00"))
    ] * 3
    assert plan.instalments[3].principal > 0
    assert len(plan.instalments) == 360
    assert [(m.number, m.change) for m in plan.marks] == [(1, change)]
    assert sum(r.principal for r in plan.instalments) == Decimal(1_000_000)


def test_interest_added_over_a_period_is_paid_back_as_principal(loan, lars_actor):
    start, end = _three_months_from_the_first_due()
    _change(
        lars_actor,
        loan,
        "interest_added",
        period_from=start,
        period_to=end,
        interest_amount=Decimal("12800"),
    )

    plan = _plan(loan)

    # 4,250.00, then 1,004,250.00 × 0.051 / 12 = 4,268.0625 → 4,268.06, then
    # 1,008,518.06 × 0.051 / 12 = 4,286.2017... → 4,286.20.
    assert [r.payment for r in plan.instalments[:3]] == [Decimal("0.00")] * 3
    assert plan.instalments[2].balance == Decimal("1012804.26")
    assert sum(r.principal for r in plan.instalments) == Decimal("1012804.26")
    assert sum(y.added for y in plan.years) == plan.interest_added == Decimal("12804.26")


def test_a_longer_term_spreads_the_balance_over_the_new_remaining_term(
    loan, lars_actor, english_messages
):
    _change(lars_actor, loan, "term_extended", new_years=40)

    plan = _plan(loan)

    assert len(plan.instalments) == 480
    mark = plan.marks[0]
    assert mark.text == "Term extended to 40 years"
    assert mark.payment < plan.instalments[0].payment


def test_a_new_rate_kind_takes_the_municipalitys_rate_of_that_kind_from_its_date(
    loan, lars_actor, english_messages
):
    FinanceRate.objects.create(
        country=Country.NORWAY,
        name="fixed_rate_5",
        valid_from=PAID_ON,
        percent=Decimal("6.000"),
    )
    _change(lars_actor, loan, "rate_kind_changed", new_rate_kind="fixed_5")

    plan = _plan(loan)

    mark = plan.marks[0]
    row = plan.instalments[mark.number - 1]
    before = plan.instalments[mark.number - 2]
    assert mark.text == "Interest rate changed to fixed for 5 years, 6 %"
    assert row.interest == (before.balance * Decimal("0.06") / 12).quantize(Decimal("0.01"))
    assert row.due >= TODAY > before.due


def test_the_schedule_page_and_spreadsheet_mark_each_change_on_its_instalment(
    english, loan, lars, lars_actor
):
    start, end = _three_months_from_the_first_due()
    _change(lars_actor, loan, "deferral", period_from=start, period_to=end)
    english.force_login(lars)
    url = reverse("finance:schedule", args=[loan.pk])
    with override("en"):
        text = f"Instalments postponed from {date_format(start, 'SHORT_DATE_FORMAT')} to "
        text += date_format(end, "SHORT_DATE_FORMAT")

    page = english.get(url).content.decode()
    sheet = load_workbook(io.BytesIO(english.get(url, {"format": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    first = next(row for row in rows if row[0] == 1)

    assert "Changes of terms" in page
    assert text in page
    assert "4,250.00" in page
    assert "Interest added" not in page  # a postponement adds no interest to the loan
    assert first[2] == 4250 and first[-1] == text


def test_the_api_schedule_follows_the_changes_and_lists_them(loan, lars_actor, lars, english):
    start, end = _three_months_from_the_first_due()
    _change(lars_actor, loan, "deferral", period_from=start, period_to=end)
    english.force_login(lars)

    body = english.get(f"/api/financing-cases/{loan.pk}/schedule").json()

    assert [row["principal"] for row in body["instalments"][:3]] == ["0.00"] * 3
    assert [(c["number"], c["kind"]) for c in body["changes"]] == [(1, "deferral")]
    assert body["changes"][0]["text"].startswith("Instalments postponed from ")


def test_the_pre_contract_information_keeps_the_terms_as_decided(loan, lars_actor):
    start, end = _three_months_from_the_first_due()
    _change(lars_actor, loan, "deferral", period_from=start, period_to=end)

    plan = loan_schedule(loan.decisions.get(), on=TODAY, follow_changes=False)

    assert plan.marks == [] and plan.paid_on is None
    assert plan.instalments[0].principal > 0
