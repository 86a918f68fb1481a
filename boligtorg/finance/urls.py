from django.urls import path

from .views import cases, decisions, reports, schedules

app_name = "finance"

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_create, name="case_create"),
    path("report/", reports.report, name="report"),
    path("report/pdf/", reports.report_pdf, name="report_pdf"),
    path("report/xlsx/", reports.report_xlsx, name="report_xlsx"),
    path("<int:financing_id>/", cases.case_detail, name="case_detail"),
    path("<int:financing_id>/plan/", cases.case_edit, name="case_edit"),
    path("<int:financing_id>/economy/", cases.economy_add, name="economy_add"),
    path("economy/<int:economy_line_id>/", cases.economy_edit, name="economy_edit"),
    path("economy/<int:economy_line_id>/delete/", cases.economy_delete, name="economy_delete"),
    path("<int:financing_id>/eligibility/", cases.eligibility_edit, name="eligibility"),
    path("<int:financing_id>/withdraw/", cases.case_withdraw, name="case_withdraw"),
    path("<int:financing_id>/close/", cases.case_close, name="case_close"),
    path("<int:financing_id>/recommend/", decisions.recommend, name="recommend"),
    path("<int:financing_id>/decide/", decisions.decide, name="decide"),
    path("<int:financing_id>/explanation/", decisions.explanation, name="explanation"),
    path("<int:financing_id>/payout/", decisions.payout, name="payout"),
    path("<int:financing_id>/schedule/", schedules.schedule, name="schedule"),
    path("<int:financing_id>/letter/", schedules.decision_letter, name="letter"),
    path("<int:financing_id>/credit-information/", schedules.sef, name="sef"),
]
