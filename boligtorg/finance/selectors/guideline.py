"""Reads of the municipality's start-loan guideline: the version in force on a day,
every version, and what the version in force says where it touches a case
(forskrift om lån fra Husbanken § 9-1: it guides, it never decides)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligtorg.core.models import Municipality
from boligtorg.domain.financing import CaseTerms, Guideline, Use, guideline_notes

from ..models import EconomyKind, FinancingCase, RateKind, StartLoanGuideline

MONTHS = 12


def guideline_in_force(
    *, municipality: Municipality, on: datetime.date
) -> StartLoanGuideline | None:
    """The version in force on ``on``: the latest from that day or before; None when
    the municipality has written none by then."""
    return (
        StartLoanGuideline.objects.filter(municipality=municipality, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


def guideline_history(*, municipality: Municipality) -> QuerySet[StartLoanGuideline]:
    """Every version, newest first, with who wrote it."""
    return (
        StartLoanGuideline.objects.filter(municipality=municipality)
        .select_related("created_by")
        .order_by("-valid_from")
    )


def to_domain(row: StartLoanGuideline) -> Guideline:
    return Guideline(
        income_cap=Decimal(row.income_cap) if row.income_cap is not None else None,
        income_cap_absolute=row.income_cap_absolute,
        fifty_years=Use(row.fifty_years),
        fixed_rate=Use(row.fixed_rate),
        deferral=Use(row.deferral),
        excludes_municipal_debt=row.excludes_municipal_debt,
        excludes_payment_remarks=row.excludes_payment_remarks,
        requires_citizenship=row.requires_citizenship,
        excludes_non_eea=row.excludes_non_eea,
        residence_years=row.residence_years,
        residence_exceptions=row.residence_exceptions,
    )


@dataclass(frozen=True)
class CaseGuidance:
    """The guideline in force (None: the municipality has none) and its notes on the
    case, translated."""

    guideline: StartLoanGuideline | None
    notes: list[str]


def _kroner(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


def case_terms(case: FinancingCase) -> CaseTerms:
    """The case's income a year (the economy's income lines after tax, per month,
    times twelve) and the terms of its latest recommendation. Reads the prefetched
    ``economy`` and ``decisions`` where the caller prefetched them."""
    incomes = [
        line.monthly_amount for line in case.economy.all() if line.kind == EconomyKind.INCOME
    ]
    rounds = sorted(case.decisions.all(), key=lambda d: d.recommended_at)
    latest = rounds[-1] if rounds else None
    return CaseTerms(
        yearly_income=Decimal(sum(incomes)) * MONTHS if incomes else None,
        years=latest.years if latest else None,
        interest_only_years=latest.interest_only_years if latest else 0,
        fixed_rate=bool(latest and latest.rate_kind != RateKind.FLOATING),
    )


def case_guidance(*, case: FinancingCase, on: datetime.date) -> CaseGuidance:
    """What the guideline in force on ``on`` says about ``case``: guidance for the
    assessment, never a refusal (§ 9-1)."""
    row = guideline_in_force(municipality=case.municipality, on=on)
    if row is None:
        return CaseGuidance(None, [])
    notes = []
    for note in guideline_notes(to_domain(row), case_terms(case)):
        params = {
            key: _kroner(value) if isinstance(value, Decimal) else value
            for key, value in note.params.items()
        }
        notes.append(_(note.message) % params)
    return CaseGuidance(row, notes)
