"""Synthetic demo data of the yearly numbers (loaded by ``boligtorg.core.demo``, the
first of the settlement loaders: numbers, proposals, readiness). Written through
``target_record`` by the demo caseworkers: Kari in Trondheim records IMDi's request
and the council's decision for this year (with a change during the year, so the
history has two versions) and for next year; Sven in Skanderborg records the quota
for both years. The figures are invented."""

from __future__ import annotations

import datetime

from django.utils import timezone

from boligtorg.core.models import Municipality, Role, User
from boligtorg.core.permissions import Actor

from ..models import QuotaSetBy, SettlementTarget, TargetKind
from ..services.numbers import target_record

TRONDHEIM, SKANDERBORG = "5001", "746"


def _actor(username: str, municipality: Municipality) -> Actor:
    return Actor(
        user=User.objects.get(username=username),
        municipality=municipality,
        roles=frozenset({Role.CASEWORKER}),
    )


def _on_or_before(day: datetime.date, today: datetime.date) -> datetime.date:
    return min(day, today)


def _trondheim(municipality: Municipality, today: datetime.date) -> None:
    kari = _actor("kari", municipality)
    year = today.year
    target_record(
        actor=kari,
        kind=TargetKind.IMDI_REQUEST,
        year=year,
        dated_on=datetime.date(year - 1, 4, 20),
        total=30,
        minors=5,
        next_year_total=30,
        next_year_minors=6,
        reference=f"IMDi {year - 1}/0412 (demo)",
    )
    target_record(
        actor=kari,
        kind=TargetKind.COUNCIL_DECISION,
        year=year,
        dated_on=datetime.date(year - 1, 10, 15),
        total=25,
        minors=4,
        reference=f"{year - 1}/11873 (demo)",
    )
    target_record(
        actor=kari,
        kind=TargetKind.COUNCIL_DECISION,
        year=year,
        dated_on=_on_or_before(datetime.date(year, 3, 1), today),
        total=28,
        minors=4,
        reference=f"{year}/02210 (demo)",
        note="Bystyret økte tallet etter ny anmodning fra IMDi (demo).",
    )
    target_record(
        actor=kari,
        kind=TargetKind.IMDI_REQUEST,
        year=year + 1,
        dated_on=today - datetime.timedelta(days=60),
        total=30,
        minors=6,
        next_year_total=25,
        next_year_minors=5,
        reference=f"IMDi {year}/0388 (demo)",
    )
    target_record(
        actor=kari,
        kind=TargetKind.COUNCIL_DECISION,
        year=year + 1,
        dated_on=today - datetime.timedelta(days=14),
        total=30,
        minors=6,
        reference=f"{year}/14520 (demo)",
    )


def _skanderborg(municipality: Municipality, today: datetime.date) -> None:
    sven = _actor("sven", municipality)
    year = today.year
    for each, dated_on, national, regional, quota, set_by in (
        (year, datetime.date(year - 1, 9, 10), 1500, 330, 17, QuotaSetBy.AGREED),
        (year + 1, today - datetime.timedelta(days=30), 1200, 265, 14, QuotaSetBy.SERVICE),
    ):
        target_record(
            actor=sven,
            kind=TargetKind.QUOTA,
            year=each,
            dated_on=dated_on,
            national_figure=national,
            region="Region Midtjylland",
            regional_quota=regional,
            total=quota,
            minors=1,
            set_by=set_by,
            reference=f"Udlændingestyrelsen {each} (demo)",
        )


def load(municipality: Municipality, caseworker: User) -> int:
    """Record the demo figures of Trondheim or Skanderborg when it has none yet; how
    many figures were written."""
    make = {TRONDHEIM: _trondheim, SKANDERBORG: _skanderborg}.get(municipality.code)
    existing = SettlementTarget.objects.filter(municipality=municipality)
    if make is None or existing.exists():
        return 0
    make(municipality, timezone.localdate())
    return existing.count()
