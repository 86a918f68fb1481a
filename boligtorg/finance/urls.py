from django.urls import path

from .access import START_LOAN_COUNTRY, country_only
from .views import cases, decisions, deposit, schedules

app_name = "finance"

# Start loans and grants are Norwegian (Husbanken): 404 in a Danish municipality.
_no = country_only(START_LOAN_COUNTRY)

urlpatterns = [
    path("", _no(cases.case_list), name="case_list"),
    path("new/", _no(cases.case_create), name="case_create"),
    path("<int:financing_id>/", _no(cases.case_detail), name="case_detail"),
    path("<int:financing_id>/plan/", _no(cases.case_edit), name="case_edit"),
    path("<int:financing_id>/economy/", _no(cases.economy_add), name="economy_add"),
    path("economy/<int:economy_line_id>/", _no(cases.economy_edit), name="economy_edit"),
    path(
        "economy/<int:economy_line_id>/delete/",
        _no(cases.economy_delete),
        name="economy_delete",
    ),
    path("<int:financing_id>/eligibility/", _no(cases.eligibility_edit), name="eligibility"),
    path("<int:financing_id>/withdraw/", _no(cases.case_withdraw), name="case_withdraw"),
    path("<int:financing_id>/close/", _no(cases.case_close), name="case_close"),
    path("<int:financing_id>/recommend/", _no(decisions.recommend), name="recommend"),
    path("<int:financing_id>/decide/", _no(decisions.decide), name="decide"),
    path("<int:financing_id>/explanation/", _no(decisions.explanation), name="explanation"),
    path("<int:financing_id>/payout/", _no(decisions.payout), name="payout"),
    path("<int:financing_id>/schedule/", _no(schedules.schedule), name="schedule"),
    path("<int:financing_id>/letter/", _no(schedules.decision_letter), name="letter"),
    path("<int:financing_id>/credit-information/", _no(schedules.sef), name="sef"),
    # Denmark: deposit loans (indskudslån); 404 in a Norwegian municipality.
    path("deposit-loans/", deposit.deposit_list, name="deposit_list"),
    path("deposit-loans/new/", deposit.deposit_create, name="deposit_create"),
    path("deposit-loans/<int:deposit_loan_id>/", deposit.deposit_detail, name="deposit_detail"),
    path(
        "deposit-loans/<int:deposit_loan_id>/decide/",
        deposit.deposit_decide,
        name="deposit_decide",
    ),
    path(
        "deposit-loans/<int:deposit_loan_id>/payout/",
        deposit.deposit_pay_out,
        name="deposit_payout",
    ),
    path(
        "deposit-loans/<int:deposit_loan_id>/repaying/",
        deposit.deposit_repaying,
        name="deposit_repaying",
    ),
    path(
        "deposit-loans/<int:deposit_loan_id>/close/",
        deposit.deposit_close,
        name="deposit_close",
    ),
    path(
        "deposit-loans/<int:deposit_loan_id>/letter/",
        deposit.deposit_letter,
        name="deposit_letter",
    ),
]
