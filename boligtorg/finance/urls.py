from django.urls import path

from .access import START_LOAN_COUNTRY, country_only
from .views import cases, decisions, deposit, rent_to_own, reports, schedules, servicer, settings

app_name = "finance"

# Start loans and grants are Norwegian (Husbanken): 404 in a Danish municipality.
_no = country_only(START_LOAN_COUNTRY)

urlpatterns = [
    path("", _no(cases.case_list), name="case_list"),
    path("new/", _no(cases.case_create), name="case_create"),
    path("report/", _no(reports.report), name="report"),
    path("report/pdf/", _no(reports.report_pdf), name="report_pdf"),
    path("report/xlsx/", _no(reports.report_xlsx), name="report_xlsx"),
    path("settings/", _no(settings.settings_page), name="settings"),
    path("settings/guideline/", _no(settings.guideline_page), name="guideline"),
    path(
        "settings/guideline/<int:guideline_id>/document/",
        _no(settings.guideline_document),
        name="guideline_document",
    ),
    path(
        "settings/price-limits/<int:price_limit_id>/delete/",
        _no(settings.price_limit_delete),
        name="price_limit_delete",
    ),
    path("<int:financing_id>/", _no(cases.case_detail), name="case_detail"),
    path("<int:financing_id>/plan/", _no(cases.case_edit), name="case_edit"),
    path("<int:financing_id>/economy/", _no(cases.economy_add), name="economy_add"),
    path("economy/<int:economy_line_id>/", _no(cases.economy_edit), name="economy_edit"),
    path("economy/<int:economy_line_id>/delete/", _no(cases.economy_delete), name="economy_delete"),
    path("<int:financing_id>/eligibility/", _no(cases.eligibility_edit), name="eligibility"),
    path("<int:financing_id>/withdraw/", _no(cases.case_withdraw), name="case_withdraw"),
    path("<int:financing_id>/interim-notice/", _no(cases.interim_notice), name="interim_notice"),
    path("<int:financing_id>/close/", _no(cases.case_close), name="case_close"),
    path("<int:financing_id>/recommend/", _no(decisions.recommend), name="recommend"),
    path("<int:financing_id>/decide/", _no(decisions.decide), name="decide"),
    path("<int:financing_id>/explanation/", _no(decisions.explanation), name="explanation"),
    path("<int:financing_id>/payout/", _no(decisions.payout), name="payout"),
    path("<int:financing_id>/schedule/", _no(schedules.schedule), name="schedule"),
    path("<int:financing_id>/letter/", _no(schedules.decision_letter), name="letter"),
    path("<int:financing_id>/credit-information/", _no(schedules.sef), name="sef"),
    path("<int:financing_id>/missed/", _no(servicer.missed_add), name="missed_add"),
    path("<int:financing_id>/terms/", _no(servicer.terms_change_add), name="terms_change_add"),
    path("servicer/", _no(servicer.handover_list), name="handover_list"),
    path("servicer/hand-over/", _no(servicer.handover_create), name="handover_create"),
    path("servicer/<int:handover_id>/file/", _no(servicer.handover_file), name="handover_file"),
    path("servicer/missed/import/", _no(servicer.missed_import), name="missed_import"),
    path("rent-to-own/", _no(rent_to_own.rto_list), name="rto_list"),
    path("rent-to-own/new/", _no(rent_to_own.rto_create), name="rto_create"),
    path("rent-to-own/<int:rent_to_own_id>/", _no(rent_to_own.rto_detail), name="rto_detail"),
    path(
        "rent-to-own/<int:rent_to_own_id>/savings/", _no(rent_to_own.rto_saving), name="rto_saving"
    ),
    *(
        path(
            f"rent-to-own/<int:rent_to_own_id>/{step}/",
            _no(rent_to_own.rto_step),
            {"step": step},
            name=f"rto_{step}",
        )
        for step in rent_to_own.STEPS
    ),
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
