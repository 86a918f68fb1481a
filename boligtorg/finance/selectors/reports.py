"""Reads of the yearly start-loan report: the figures a municipality reports to
Husbanken on start loans and establishment grants, exact (not suppressed), for the
roles that prepare it (``access.REPORT_ROLES``). The public statistics page shows the
same kind of figures suppressed (``planning.selectors_statistics``); the report is
exact because it is what the municipality submits, not what it publishes.

What Husbanken asks, from its public pages (husbanken.no, "Årsrapportering i
Startskudd" and "Frist for rapportering"): every start loan and establishment grant
paid out or refused is reported case by case as it happens (status "utbetalt" or
"avslag"); once a year the municipality confirms the start-loan funds it drew and
repaid unused, its interest margin, losses and loss fund. The public text found gives
no item names for counts of applications, so the figures here are named plainly
(applications received, decisions, granted, refused, advice only, withdrawn, amounts
granted and paid out, by target group and purpose, median processing days), not as
Husbanken's form items; the funds, margin and loss figures are not in this register.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligtorg.core.permissions import Actor, require_role
from boligtorg.domain import reporting

from ..access import REPORT_ROLES
from ..models import (
    DecisionOutcome,
    FinancingCase,
    FinancingDecision,
    FinancingPurpose,
    FinancingStatus,
    Payout,
)
from ..models.decisions import GRANTING_OUTCOMES

NO_TARGET_GROUP = _("No target group recorded")
ZERO = Decimal(0)


@dataclass(frozen=True)
class ReportLine:
    """One figure of the report: a count, an amount in kroner (``kroner``) or days."""

    code: str
    label: str | Promise
    value: int | Decimal | float | None
    indent: bool = False
    kroner: bool = False


@dataclass
class BreakdownRow:
    """Applications and decisions of one target group or purpose in the year."""

    key: str
    label: str
    received: int = 0
    granted: int = 0
    refused: int = 0
    advice: int = 0
    loan_granted: Decimal = ZERO
    grant_granted: Decimal = ZERO

    @property
    def decided(self) -> int:
        return self.granted + self.refused + self.advice


@dataclass(frozen=True)
class FinancingReport:
    """The yearly start-loan figures of a municipality (see ``financing_report``)."""

    year: int
    municipality: str
    counted_until: datetime.date
    lines: list[ReportLine]
    by_target_group: list[BreakdownRow]
    by_purpose: list[BreakdownRow]

    def as_dict(self) -> dict[str, Any]:
        """The report as the API gives it: exact, ``suppressed_below`` null."""

        def rows(breakdown: list[BreakdownRow]) -> list[dict[str, Any]]:
            return [
                {
                    "key": row.key,
                    "label": row.label,
                    "received": row.received,
                    "granted": row.granted,
                    "refused": row.refused,
                    "advice": row.advice,
                    "loan_granted": int(row.loan_granted),
                    "grant_granted": int(row.grant_granted),
                }
                for row in breakdown
            ]

        return {
            "year": self.year,
            "municipality": self.municipality,
            "counted_until": self.counted_until.isoformat(),
            "suppressed_below": None,
            # Kroner are whole (the amounts are stored without øre).
            "figures": {
                line.code: int(line.value) if isinstance(line.value, Decimal) else line.value
                for line in self.lines
            },
            "by_target_group": rows(self.by_target_group),
            "by_purpose": rows(self.by_purpose),
        }


def _tally(row: BreakdownRow, outcome: str, n: int, loan: Decimal, grant: Decimal) -> None:
    if outcome in GRANTING_OUTCOMES:
        row.granted += n
        row.loan_granted += loan
        row.grant_granted += grant
    elif outcome == DecisionOutcome.REFUSED:
        row.refused += n
    elif outcome == DecisionOutcome.ADVICE:
        row.advice += n


def financing_report(*, actor: Actor, year: int, today: datetime.date) -> FinancingReport:
    """The start-loan and establishment-grant figures of ``year`` for the actor's
    municipality, exact. Six queries, whatever the number of cases.

    Definitions (each counts the rows whose event falls in the year):
    - Applications received: cases with ``received_on`` in the year.
    - Decisions: rounds decided in the year (a case decided again after an appeal
      counts twice), whatever year the case came; granted = start loan, grant, or
      both; refused; advice only (the office answered with advice, not a loan).
    - Withdrawn: cases withdrawn (closed with the status withdrawn) in the year.
    - Amounts granted: the start loan and grant of the rounds granted in the year;
      amounts paid out: the payouts made in the year, whatever year the decision.
    - By target group: a case in two target groups counts in both, so the rows do not
      add up to the totals; cases without one have their own row.
    - Median processing days: from the case received to its decision, over the
      rounds decided in the year.
    """
    require_role(actor, *REPORT_ROLES)
    municipality = actor.municipality
    period = reporting.year_period(year)
    span = (period.start, period.end)
    cases = FinancingCase.objects.filter(municipality=municipality).order_by()
    received_by_purpose = dict(
        cases.filter(received_on__range=span).values_list("purpose").annotate(n=Count("id"))
    )
    received_by_group = list(
        cases.filter(received_on__range=span)
        .values("target_groups__code", "target_groups__name")
        .annotate(n=Count("id", distinct=True))
    )
    withdrawn = cases.filter(status=FinancingStatus.WITHDRAWN, closed_on__range=span).count()
    decided = FinancingDecision.objects.filter(
        municipality=municipality, decided_by__isnull=False, decided_on__range=span
    ).order_by()
    rounds = list(
        decided.values(
            "outcome",
            "case__purpose",
            "case__received_on",
            "decided_on",
            "loan_amount",
            "grant_amount",
        )
    )
    by_group_rows = list(
        decided.values("outcome", "case__target_groups__code", "case__target_groups__name")
        .annotate(n=Count("id", distinct=True), loan=Sum("loan_amount"), grant=Sum("grant_amount"))
        .order_by()
    )
    paid = Payout.objects.filter(municipality=municipality, paid_on__range=span).aggregate(
        loan=Sum("loan_part"), grant=Sum("grant_part")
    )

    purposes = {
        value: BreakdownRow(value, str(label), received=received_by_purpose.get(value, 0))
        for value, label in FinancingPurpose.choices
    }
    outcomes: dict[str, int] = defaultdict(int)
    loan_granted = grant_granted = ZERO
    days: list[int] = []
    for row in rounds:
        loan, grant = Decimal(row["loan_amount"]), Decimal(row["grant_amount"])
        outcomes[row["outcome"]] += 1
        if row["outcome"] in GRANTING_OUTCOMES:
            loan_granted += loan
            grant_granted += grant
        _tally(purposes[row["case__purpose"]], row["outcome"], 1, loan, grant)
        days.append(reporting.days_between(row["case__received_on"], row["decided_on"]))

    groups: dict[str | None, BreakdownRow] = {}

    def group(code: str | None, name: str | None) -> BreakdownRow:
        if code not in groups:
            groups[code] = BreakdownRow(code or "", name or str(NO_TARGET_GROUP))
        return groups[code]

    for row in received_by_group:
        group(row["target_groups__code"], row["target_groups__name"]).received += row["n"]
    for row in by_group_rows:
        _tally(
            group(row["case__target_groups__code"], row["case__target_groups__name"]),
            row["outcome"],
            row["n"],
            Decimal(row["loan"] or 0),
            Decimal(row["grant"] or 0),
        )
    by_target_group = sorted(
        groups.values(), key=lambda r: (r.key == "", r.label.casefold(), r.key)
    )

    granted = sum(outcomes[o] for o in GRANTING_OUTCOMES)
    refused = outcomes[DecisionOutcome.REFUSED]
    advice = outcomes[DecisionOutcome.ADVICE]
    lines = [
        ReportLine("received", _("Applications received"), sum(received_by_purpose.values())),
        ReportLine("decided", _("Applications decided"), granted + refused + advice),
        ReportLine("granted", _("of which granted (start loan, grant or both)"), granted, True),
        ReportLine(
            "granted_loan",
            _("of which start loan only"),
            outcomes[DecisionOutcome.LOAN],
            True,
        ),
        ReportLine(
            "granted_grant", _("of which grant only"), outcomes[DecisionOutcome.GRANT], True
        ),
        ReportLine(
            "granted_both",
            _("of which start loan and grant"),
            outcomes[DecisionOutcome.LOAN_AND_GRANT],
            True,
        ),
        ReportLine("refused", _("of which refused"), refused, True),
        ReportLine("advice", _("of which advice only"), advice, True),
        ReportLine("withdrawn", _("Applications withdrawn"), withdrawn),
        ReportLine("loan_granted", _("Start loans granted"), loan_granted, kroner=True),
        ReportLine("grant_granted", _("Establishment grants granted"), grant_granted, kroner=True),
        ReportLine("loan_paid", _("Start loans paid out"), paid["loan"] or ZERO, kroner=True),
        ReportLine(
            "grant_paid", _("Establishment grants paid out"), paid["grant"] or ZERO, kroner=True
        ),
        ReportLine(
            "median_days",
            _("Median processing days (received to decided)"),
            reporting.median(days),
        ),
    ]
    return FinancingReport(
        year=year,
        municipality=municipality.name,
        counted_until=min(period.end, today),
        lines=lines,
        by_target_group=by_target_group,
        by_purpose=list(purposes.values()),
    )
