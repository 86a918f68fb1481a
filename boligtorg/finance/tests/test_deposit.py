"""Danish deposit loans (indskudslån): the rules' check at the decision, the pages
with the check's arithmetic, the Danish letter, and the country gating (a Danish
municipality sees no start loan, a Norwegian one no deposit loan)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from boligtorg.cases.tests.test_letters import pdf_text
from boligtorg.core.factories import MunicipalityFactory, actor_for, member
from boligtorg.core.models import Country, Role
from boligtorg.domain.financing.deposit import (
    DEPOSIT_INCOME_OVER_LIMIT,
    DEPOSIT_WITHIN_OWN_PART,
)
from boligtorg.finance.demo.deposit import load
from boligtorg.finance.letters import deposit_appeal_deadline
from boligtorg.finance.models import DepositLoan, ReferenceTable
from boligtorg.finance.services import deposit as services
from boligtorg.finance.services.reference import reference_defaults_ensure

from .factories import DepositLoanFactory, FinancingCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REASONS = "Family dwelling; income under the limit with two children; no own means."


@pytest.fixture
def rules(db):
    """The docstring's example: flat limit 300,000 + 50,000 per child (up to 4), own
    part 3,000, the municipality's share 0.5, 5 years without interest, 10 without
    instalments; in force from 1 January this year."""
    return ReferenceTable.objects.create(
        country=Country.DENMARK,
        kind="deposit_loan",
        valid_from=TODAY.replace(month=1, day=1),
        source="Test rules",
        data={
            "income_limit_by_kind": {"family_dwelling": "300000"},
            "income_limit_per_child": "50000",
            "max_children_counted": 4,
            "own_part": "3000",
            "max_deposit": "150000",
            "municipality_share": "0.5",
            "interest_free_years": 5,
            "instalment_free_years": 10,
        },
    )


def _loan(skanderborg, **facts):
    return DepositLoanFactory(
        municipality=skanderborg,
        received_on=TODAY.replace(month=1, day=1),
        **{"deposit": 28_000, "yearly_income": 380_000, "children": 2, **facts},
    )


def _granted(karen_actor, skanderborg, **facts):
    loan = _loan(skanderborg, **facts)
    return services.deposit_loan_decide(
        actor=karen_actor, loan=loan, outcome="granted", decided_on=TODAY, reasons=REASONS
    )


# --- the check at the decision --------------------------------------------------------


def test_a_grant_stores_the_checks_loan_own_part_share_and_free_years(
    karen_actor, skanderborg, rules
):
    loan = _granted(karen_actor, skanderborg)

    loan.refresh_from_db()
    assert (loan.status, loan.outcome) == ("decided", "granted")
    assert loan.income_limit == Decimal(400_000)  # 300,000 + 2 × 50,000
    assert loan.loan_amount == Decimal(25_000)  # 28,000 − 3,000
    assert loan.own_part == Decimal(3_000)
    assert loan.municipality_share == Decimal(12_500)
    assert loan.state_share == Decimal(12_500)
    assert (loan.interest_free_years, loan.instalment_free_years) == (5, 10)
    assert loan.rules_valid_from == rules.valid_from
    assert loan.decided_by == karen_actor.user


def test_a_household_over_the_income_limit_cannot_be_granted_and_the_income_field_says_why(
    karen_actor, skanderborg, rules
):
    loan = _loan(skanderborg, yearly_income=400_001)

    with pytest.raises(ValidationError) as exc:
        services.deposit_loan_decide(
            actor=karen_actor, loan=loan, outcome="granted", decided_on=TODAY, reasons=REASONS
        )

    assert exc.value.message_dict == {"yearly_income": [gettext(DEPOSIT_INCOME_OVER_LIMIT)]}
    loan.refresh_from_db()
    assert loan.status == "received"
    assert loan.loan_amount is None


def test_a_deposit_within_the_own_part_leaves_nothing_to_lend(karen_actor, skanderborg, rules):
    loan = _loan(skanderborg, deposit=3_000)

    with pytest.raises(ValidationError) as exc:
        services.deposit_loan_decide(
            actor=karen_actor, loan=loan, outcome="granted", decided_on=TODAY, reasons=REASONS
        )

    assert exc.value.message_dict == {"deposit": [gettext(DEPOSIT_WITHIN_OWN_PART)]}


def test_a_refusal_over_the_limit_is_decided_with_no_loan_and_the_limit_kept(
    karen_actor, skanderborg, rules
):
    loan = _loan(skanderborg, yearly_income=450_000)

    services.deposit_loan_decide(
        actor=karen_actor,
        loan=loan,
        outcome="refused",
        decided_on=TODAY,
        reasons="The income is over the limit.",
    )

    loan.refresh_from_db()
    assert (loan.status, loan.outcome) == ("decided", "refused")
    assert loan.loan_amount == 0
    assert loan.income_limit == Decimal(400_000)


def test_the_decision_corrects_the_facts_it_checks(karen_actor, skanderborg, rules):
    loan = _loan(skanderborg, yearly_income=450_000, children=2)

    services.deposit_loan_decide(
        actor=karen_actor,
        loan=loan,
        outcome="granted",
        decided_on=TODAY,
        reasons=REASONS,
        children=3,  # 300,000 + 3 × 50,000 = 450,000: just within
    )

    loan.refresh_from_db()
    assert (loan.children, loan.income_limit, loan.loan_amount) == (3, 450_000, 25_000)


def test_without_rules_for_the_day_there_is_no_decision(karen_actor, skanderborg):
    loan = _loan(skanderborg)

    with pytest.raises(ValidationError) as exc:
        services.deposit_loan_decide(
            actor=karen_actor, loan=loan, outcome="granted", decided_on=TODAY, reasons=REASONS
        )

    assert exc.value.message_dict == {"decided_on": [str(services.ERROR_NO_RULES)]}


def test_a_granted_loan_is_paid_out_repaid_and_closed_and_a_refused_one_is_never_paid(
    karen_actor, skanderborg, rules
):
    loan = _granted(karen_actor, skanderborg)
    services.deposit_loan_pay_out(actor=karen_actor, loan=loan, paid_out_on=TODAY)
    services.deposit_loan_start_repaying(actor=karen_actor, loan=loan)
    services.deposit_loan_close(actor=karen_actor, loan=loan, note="Repaid in full.")
    loan.refresh_from_db()
    assert (loan.status, loan.paid_out_on, loan.closed_on) == ("closed", TODAY, TODAY)

    refused = _loan(skanderborg, yearly_income=500_000)
    services.deposit_loan_decide(
        actor=karen_actor, loan=refused, outcome="refused", decided_on=TODAY, reasons="Over."
    )
    with pytest.raises(ValidationError) as exc:
        services.deposit_loan_pay_out(actor=karen_actor, loan=refused, paid_out_on=TODAY)
    assert exc.value.messages == [str(services.ERROR_NOT_GRANTED)]


def test_registering_finds_or_registers_the_applicant_and_numbers_the_loan(
    karen_actor, skanderborg
):
    loan = services.deposit_loan_register(
        actor=karen_actor,
        first_name="Sofie",
        last_name="Holm",
        date_of_birth=datetime.date(1990, 5, 1),
        received_on=TODAY,
        dwelling_address="Testvej 1",
        housing_organisation="Boligforeningen Test",
        dwelling_kind="family_dwelling",
        deposit=Decimal(28_000),
        yearly_income=Decimal(300_000),
        children=1,
    )

    assert loan.number == f"I{TODAY.year}-0001"
    assert loan.applicant.last_name == "Holm"
    assert loan.household.members.get().person == loan.applicant


def test_only_the_loan_officer_writes_and_only_in_her_own_municipality(
    karen_actor, skanderborg, rules, sven
):
    other = _loan(MunicipalityFactory(name="Aarhus", country=Country.DENMARK, code="751"))
    with pytest.raises(PermissionDenied):
        services.deposit_loan_decide(
            actor=karen_actor, loan=other, outcome="granted", decided_on=TODAY, reasons=REASONS
        )
    with pytest.raises(PermissionDenied):
        services.deposit_loan_decide(
            actor=actor_for(sven, skanderborg),
            loan=_loan(skanderborg),
            outcome="granted",
            decided_on=TODAY,
            reasons=REASONS,
        )


# --- pages ------------------------------------------------------------------------------


def test_karen_registers_a_deposit_loan_on_the_page(client, karen, skanderborg):
    client.force_login(karen)
    response = client.post(
        reverse("finance:deposit_create"),
        {
            "first_name": "Sofie",
            "last_name": "Holm",
            "date_of_birth": "1990-05-01",
            "received_on": TODAY.isoformat(),
            "dwelling_address": "Testvej 1",
            "housing_organisation": "Boligforeningen Test",
            "dwelling_kind": "family_dwelling",
            "deposit": "28000",
            "yearly_income": "300000",
            "children": "1",
        },
    )
    loan = DepositLoan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("finance:deposit_detail", args=[loan.pk])


def test_the_loan_page_shows_the_checks_arithmetic(client, karen, skanderborg, rules):
    loan = _loan(skanderborg)
    client.force_login(karen)

    html = client.get(reverse("finance:deposit_detail", args=[loan.pk])).content.decode()
    page = " ".join(html.replace("\xa0", " ").split())  # bokmål groups with a no-break space

    assert "300 000 + 50 000 × 2" in page  # the income limit, bokmål number format
    assert "400 000" in page
    assert "28 000 − " in page
    assert "3 000" in page  # deposit − own part
    assert "25 000" in page  # the loan
    assert "12 500,00" in page  # the municipality's share


def test_a_decision_over_the_limit_on_the_page_shows_the_error_at_the_income_field(
    client, karen, skanderborg, rules
):
    loan = _loan(skanderborg)
    client.force_login(karen)

    response = client.post(
        reverse("finance:deposit_decide", args=[loan.pk]),
        {
            "outcome": "granted",
            "dwelling_kind": "family_dwelling",
            "deposit": "28000",
            "yearly_income": "400001",
            "children": "2",
            "disposable_means": "0",
            "decided_on": TODAY.isoformat(),
            "reasons": REASONS,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["yearly_income"] == [gettext(DEPOSIT_INCOME_OVER_LIMIT)]


def test_karen_decides_pays_out_and_closes_a_loan_through_the_pages(
    client, karen, skanderborg, rules
):
    loan = _loan(skanderborg)
    client.force_login(karen)
    steps = [
        (
            "deposit_decide",
            {
                "outcome": "granted",
                "dwelling_kind": "family_dwelling",
                "deposit": "28000",
                "yearly_income": "380000",
                "children": "2",
                "disposable_means": "0",
                "decided_on": TODAY.isoformat(),
                "reasons": REASONS,
            },
            "decided",
        ),
        ("deposit_payout", {"paid_out_on": TODAY.isoformat()}, "paid_out"),
        ("deposit_repaying", {}, "repaying"),
        ("deposit_close", {"note": "Repaid in full."}, "closed"),
    ]
    for name, data, status in steps:
        url = reverse(f"finance:{name}", args=[loan.pk])
        assert client.get(url).status_code == 200, name
        response = client.post(url, data)
        assert response.status_code == 302, (
            name,
            response.context and response.context["form"].errors,
        )
        loan.refresh_from_db()
        assert loan.status == status
    detail = client.get(reverse("finance:deposit_detail", args=[loan.pk]))
    assert detail.status_code == 200
    assert reverse("finance:deposit_letter", args=[loan.pk]) in detail.content.decode()


def test_the_letter_is_danish_law_with_the_appeal_to_ankestyrelsen_in_4_weeks(
    client, karen, karen_actor, skanderborg, rules, tmp_path
):
    loan = _granted(karen_actor, skanderborg)
    client.force_login(karen)

    response = client.get(reverse("finance:deposit_letter", args=[loan.pk]))

    text = pdf_text(response.content, tmp_path)
    with translation.override("da"):
        deadline = formats.date_format(deposit_appeal_deadline(TODAY), "DATE_FORMAT")
    assert deposit_appeal_deadline(TODAY) >= TODAY + datetime.timedelta(weeks=4)
    assert "lov om individuel boligstøtte" in text
    assert "Ankestyrelsen" in text
    assert "retssikkerhedsloven § 67" in text
    assert "4 weeks" in text  # English source until issue 21 adds the Danish catalogue
    assert deadline in text
    assert "25.000 kr" in text  # Danish number format
    # Nothing Norwegian: no bokmål from the fallback catalogue, no Norwegian law.
    for norwegian in ("Vår referanse", "forvaltningsloven", "Statsforvalteren", "Vedtak"):
        assert norwegian not in text


def test_a_danish_municipality_has_no_start_loan_pages(client, karen, skanderborg):
    case = FinancingCaseFactory(municipality=skanderborg)
    client.force_login(karen)

    assert client.get(reverse("finance:case_list")).status_code == 404
    assert client.get(reverse("finance:case_create")).status_code == 404
    assert client.get(reverse("finance:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("finance:deposit_list")).status_code == 200


def test_a_norwegian_municipality_has_no_deposit_loan_pages(client, lars, trondheim):
    loan = DepositLoanFactory(municipality=trondheim)
    client.force_login(lars)

    assert client.get(reverse("finance:deposit_list")).status_code == 404
    assert client.get(reverse("finance:deposit_create")).status_code == 404
    assert client.get(reverse("finance:deposit_detail", args=[loan.pk])).status_code == 404
    assert client.get(reverse("finance:case_list")).status_code == 200


def test_the_menu_and_dashboard_lead_karen_to_deposit_loans_and_lars_to_financing(
    client, karen, lars, skanderborg, rules
):
    _loan(skanderborg)
    client.force_login(karen)
    response = client.get(reverse("dashboard"))
    labels = [str(item["label"]) for item in response.context["nav_items"]]
    with translation.override("nb"):
        deposit_label, financing_label = gettext("Deposit loans"), gettext("Financing")
    assert deposit_label in labels
    assert financing_label not in labels
    page = response.content.decode()
    assert reverse("finance:deposit_list") + "?status=received" in page
    assert f'href="{reverse("finance:case_list")}"' not in page

    client.force_login(lars)
    labels = [str(item["label"]) for item in client.get(reverse("dashboard")).context["nav_items"]]
    assert financing_label in labels
    assert deposit_label not in labels


def test_caseworkers_kari_and_sven_may_not_see_deposit_loans(client, kari, sven, skanderborg):
    loan = DepositLoanFactory(municipality=skanderborg)
    for user in (kari, sven):
        client.force_login(user)
        assert client.get(reverse("finance:deposit_list")).status_code == 403
        assert client.get(reverse("finance:deposit_detail", args=[loan.pk])).status_code == 403


def test_another_danish_municipalitys_deposit_loan_is_not_found(client, karen, skanderborg):
    aarhus = MunicipalityFactory(name="Aarhus", country=Country.DENMARK, code="751")
    loan = DepositLoanFactory(municipality=aarhus)
    client.force_login(karen)

    for name in ("deposit_detail", "deposit_decide", "deposit_letter", "deposit_close"):
        assert client.get(reverse(f"finance:{name}", args=[loan.pk])).status_code == 404
    assert list(client.get(reverse("finance:deposit_list")).context["page"].object_list) == []


# --- demo -------------------------------------------------------------------------------


def test_the_demo_grants_one_deposit_loan_in_skanderborg_once_and_none_in_trondheim(
    skanderborg, trondheim, sven, kari
):
    member("karen", skanderborg, Role.LOAN_OFFICER)
    reference_defaults_ensure()

    assert load(skanderborg, sven) == 1
    assert load(skanderborg, sven) == 0
    assert load(trondheim, kari) == 0
    loan = DepositLoan.objects.get()
    assert (loan.municipality, loan.status, loan.outcome) == (skanderborg, "decided", "granted")
    assert loan.loan_amount == Decimal(28_000)  # the default rules: no own part


def test_the_refusal_letter_gives_the_income_limit_against_the_income(
    client, karen, karen_actor, skanderborg, rules, tmp_path
):
    loan = _loan(skanderborg, yearly_income=450_000)
    services.deposit_loan_decide(
        actor=karen_actor,
        loan=loan,
        outcome="refused",
        decided_on=TODAY,
        reasons="The household's income is over the limit.",
    )
    client.force_login(karen)

    text = pdf_text(client.get(reverse("finance:deposit_letter", args=[loan.pk])).content, tmp_path)

    assert "Decision on a deposit loan: refused" in text
    assert "is 400.000 kr a year; the household's income is 450.000 kr a year" in text
    assert "Ankestyrelsen" in text
