"""System administration of the national finance reference data: the dated tables
(SIFO, social assistance, housing allowance, deposit loans, products) and the national
rates. A municipality keeps its own rates and price limits in the app (finance
settings). Every change is audited like the rest of the admin."""

from django.contrib import admin

from boligtorg.core.admin import AuditedAdmin

from .models import FinanceRate, ReferenceTable


@admin.register(ReferenceTable)
class ReferenceTableAdmin(AuditedAdmin):
    list_display = ("kind", "country", "valid_from", "source")
    list_filter = ("kind", "country")
    ordering = ("kind", "country", "-valid_from")


@admin.register(FinanceRate)
class FinanceRateAdmin(AuditedAdmin):
    list_display = ("name", "country", "municipality", "valid_from", "percent", "source")
    list_filter = ("name", "country")
    ordering = ("name", "country", "-valid_from")
