from django.urls import path

from .views import cases, decisions, rent_to_own, schedules, servicer, settings

app_name = "finance"

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_create, name="case_create"),
    path("settings/", settings.settings_page, name="settings"),
    path(
        "settings/price-limits/<int:price_limit_id>/delete/",
        settings.price_limit_delete,
        name="price_limit_delete",
    ),
    path("<int:financing_id>/", cases.case_detail, name="case_detail"),
    path("<int:financing_id>/plan/", cases.case_edit, name="case_edit"),
    path("<int:financing_id>/economy/", cases.economy_add, name="economy_add"),
    path("economy/<int:economy_line_id>/", cases.economy_edit, name="economy_edit"),
    path("economy/<int:economy_line_id>/delete/", cases.economy_delete, name="economy_delete"),
    path("<int:financing_id>/eligibility/", cases.eligibility_edit, name="eligibility"),
    path("<int:financing_id>/withdraw/", cases.case_withdraw, name="case_withdraw"),
    path("<int:financing_id>/interim-notice/", cases.interim_notice, name="interim_notice"),
    path("<int:financing_id>/close/", cases.case_close, name="case_close"),
    path("<int:financing_id>/recommend/", decisions.recommend, name="recommend"),
    path("<int:financing_id>/decide/", decisions.decide, name="decide"),
    path("<int:financing_id>/explanation/", decisions.explanation, name="explanation"),
    path("<int:financing_id>/payout/", decisions.payout, name="payout"),
    path("<int:financing_id>/schedule/", schedules.schedule, name="schedule"),
    path("<int:financing_id>/letter/", schedules.decision_letter, name="letter"),
    path("<int:financing_id>/credit-information/", schedules.sef, name="sef"),
    path("<int:financing_id>/missed/", servicer.missed_add, name="missed_add"),
    path("<int:financing_id>/terms/", servicer.terms_change_add, name="terms_change_add"),
    path("servicer/", servicer.handover_list, name="handover_list"),
    path("servicer/hand-over/", servicer.handover_create, name="handover_create"),
    path("servicer/<int:handover_id>/file/", servicer.handover_file, name="handover_file"),
    path("servicer/missed/import/", servicer.missed_import, name="missed_import"),
    path("rent-to-own/", rent_to_own.rto_list, name="rto_list"),
    path("rent-to-own/new/", rent_to_own.rto_create, name="rto_create"),
    path("rent-to-own/<int:rent_to_own_id>/", rent_to_own.rto_detail, name="rto_detail"),
    path("rent-to-own/<int:rent_to_own_id>/savings/", rent_to_own.rto_saving, name="rto_saving"),
    *(
        path(
            f"rent-to-own/<int:rent_to_own_id>/{step}/",
            rent_to_own.rto_step,
            {"step": step},
            name=f"rto_{step}",
        )
        for step in rent_to_own.STEPS
    ),
]
