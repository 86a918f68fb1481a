"""URLs of the planning module's statistics pages; joined into ``planning.urls``."""

from django.urls import URLPattern, path

from .views import statistics as views

urlpatterns: list[URLPattern] = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/yearly-report/", views.kostra_report, name="kostra_report"),
    path("statistics/yearly-report/pdf/", views.kostra_pdf, name="kostra_pdf"),
    path("statistics/yearly-report/xlsx/", views.kostra_xlsx, name="kostra_xlsx"),
    path("statistics/stock-need/", views.stock_need, name="stock_need"),
]
