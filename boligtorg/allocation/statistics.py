"""Figures of the allocation work for a municipality and a period: how long a
household waits for its first offer, how long an offer waits for an answer, why
offers are declined, how long a dwelling stands empty before its offer is
accepted, and the offers by status.

All figures count offers, dwellings and applications, never persons, and the
selector returns no names. A constant number of queries, whatever the period.

Definitions (each figure takes the rows whose *event* falls in the period, both
days included):

- *Days to the first offer*: for each application whose first offer (ever) was
  made in the period, the days from the application being received to that offer.
- *Days to an answer*: for each offer accepted or declined in the period, the days
  from the offer to the answer. Expired and withdrawn offers were never answered
  and are left out.
- *Decline reasons*: offers declined in the period, counted by reason code.
- *Vacancy days*: for each offer accepted in the period, the days from the dwelling
  becoming vacant to the acceptance. Vacant is the dwelling's last change to
  "ready for moving in" in its status history on or before the day of the offer;
  a dwelling without such a change counts from the first meeting that had it on
  the agenda since its previous let (the previous accepted offer) and up to the
  offer. A dwelling with neither is left out, not guessed.
- *Offers by status*: offers made in the period, by their status today.

Medians and means come from the standard library's ``statistics``.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.cases.models import Application
from boligtorg.core.permissions import Actor, require_role
from boligtorg.housing.models import DwellingStatus, DwellingStatusChange

from .access import STATISTICS_ROLES
from .models import AgendaItem, Offer, OfferStatus

DEFAULT_MONTHS = 12
NO_REASON = _("No reason recorded")


@dataclass(frozen=True)
class Summary:
    """Days over ``count`` rows; ``median`` and ``mean`` are None without rows."""

    count: int
    median: float | None
    mean: float | None

    @classmethod
    def of(cls, days: list[int]) -> Summary:
        if not days:
            return cls(0, None, None)
        return cls(len(days), statistics.median(days), statistics.fmean(days))


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    unreasonable: bool
    count: int


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Vacancy:
    dwelling_id: int
    dwelling: str
    vacant_from: datetime.date
    from_history: bool
    accepted_on: datetime.date
    days: int


@dataclass(frozen=True)
class OfferStatistics:
    start: datetime.date
    end: datetime.date
    to_first_offer: Summary
    to_answer: Summary
    declines: list[ReasonCount]
    vacancies: list[Vacancy]
    vacancy_days: Summary
    by_status: list[StatusCount]

    @property
    def offers_made(self) -> int:
        return sum(row.count for row in self.by_status)

    @property
    def is_empty(self) -> bool:
        """True when nothing at all happened in the period."""
        return not (
            self.offers_made or self.to_first_offer.count or self.to_answer.count or self.vacancies
        )


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 12 months up to and including ``today``."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + datetime.timedelta(days=1), today


def _in(day: datetime.date | None, start: datetime.date, end: datetime.date) -> bool:
    return day is not None and start <= day <= end


def _vacant_from(
    dwelling_id: int,
    offered_on: datetime.date,
    ready: dict[int, list[datetime.date]],
    agendas: dict[int, list[datetime.date]],
    lets: dict[int, list[datetime.date]],
) -> tuple[datetime.date, bool] | None:
    became_ready = [day for day in ready.get(dwelling_id, []) if day <= offered_on]
    if became_ready:
        return max(became_ready), True
    previous_let = max((day for day in lets.get(dwelling_id, []) if day < offered_on), default=None)
    on_agenda = [
        day
        for day in agendas.get(dwelling_id, [])
        if day <= offered_on and (previous_let is None or day > previous_let)
    ]
    return (min(on_agenda), False) if on_agenda else None


def _vacancies(accepted: list[dict]) -> list[Vacancy]:
    dwelling_ids = {row["dwelling_id"] for row in accepted}
    if not dwelling_ids:
        return []
    ready: dict[int, list[datetime.date]] = defaultdict(list)
    for dwelling_id, changed_at in DwellingStatusChange.objects.filter(
        dwelling_id__in=dwelling_ids, to_status=DwellingStatus.READY
    ).values_list("dwelling_id", "changed_at"):
        ready[dwelling_id].append(timezone.localdate(changed_at))
    agendas: dict[int, list[datetime.date]] = defaultdict(list)
    on_agendas = AgendaItem.objects.filter(dwelling_id__in=dwelling_ids).order_by()
    for dwelling_id, held_on in on_agendas.values_list("dwelling_id", "meeting__held_on"):
        agendas[dwelling_id].append(held_on)
    lets: dict[int, list[datetime.date]] = defaultdict(list)
    for dwelling_id, answered_on in Offer.objects.filter(
        dwelling_id__in=dwelling_ids, status=OfferStatus.ACCEPTED
    ).values_list("dwelling_id", "answered_on"):
        lets[dwelling_id].append(answered_on)
    rows = []
    for offer in accepted:
        found = _vacant_from(offer["dwelling_id"], offer["offered_on"], ready, agendas, lets)
        if found is None:
            continue
        vacant_from, from_history = found
        rows.append(
            Vacancy(
                dwelling_id=offer["dwelling_id"],
                dwelling=f"{offer['dwelling__address']} {offer['dwelling__unit_number']}".strip(),
                vacant_from=vacant_from,
                from_history=from_history,
                accepted_on=offer["answered_on"],
                days=(offer["answered_on"] - vacant_from).days,
            )
        )
    return sorted(rows, key=lambda row: (-row.days, row.dwelling))


def offer_statistics(
    *, actor: Actor, start: datetime.date | None = None, end: datetime.date | None = None
) -> OfferStatistics:
    """The figures of the actor's municipality for ``start``–``end`` (both included;
    the last 12 months by default). See the module's docstring for each definition."""
    require_role(actor, *STATISTICS_ROLES)
    default_start, default_end = default_period(timezone.localdate())
    start, end = start or default_start, end or default_end
    municipality = actor.municipality

    first_offers = (
        Application.objects.filter(municipality=municipality)
        .annotate(first_offer=Min("offers__offered_on"))
        .filter(first_offer__gte=start, first_offer__lte=end)
        .values_list("received_on", "first_offer")
    )
    to_first_offer = [(first - received).days for received, first in first_offers]

    offers = list(
        Offer.objects.filter(municipality=municipality)
        .filter(Q(offered_on__range=(start, end)) | Q(answered_on__range=(start, end)))
        .values(
            "status",
            "offered_on",
            "answered_on",
            "dwelling_id",
            "dwelling__address",
            "dwelling__unit_number",
            "decline_reason__code",
            "decline_reason__label",
            "decline_reason__unreasonable",
        )
    )
    answered = [
        offer
        for offer in offers
        if offer["status"] in (OfferStatus.ACCEPTED, OfferStatus.DECLINED)
        and _in(offer["answered_on"], start, end)
    ]
    declined = Counter(
        (
            offer["decline_reason__code"] or "",
            offer["decline_reason__label"] or str(NO_REASON),
            bool(offer["decline_reason__unreasonable"]),
        )
        for offer in answered
        if offer["status"] == OfferStatus.DECLINED
    )
    made = Counter(offer["status"] for offer in offers if _in(offer["offered_on"], start, end))
    vacancies = _vacancies([offer for offer in answered if offer["status"] == OfferStatus.ACCEPTED])
    return OfferStatistics(
        start=start,
        end=end,
        to_first_offer=Summary.of(to_first_offer),
        to_answer=Summary.of([(o["answered_on"] - o["offered_on"]).days for o in answered]),
        declines=[
            ReasonCount(code=code, label=label, unreasonable=unreasonable, count=count)
            for (code, label, unreasonable), count in sorted(
                declined.items(), key=lambda item: (-item[1], item[0][1])
            )
        ],
        vacancies=vacancies,
        vacancy_days=Summary.of([row.days for row in vacancies]),
        by_status=[
            StatusCount(status=status, label=str(label), count=made.get(status, 0))
            for status, label in OfferStatus.choices
        ],
    )
