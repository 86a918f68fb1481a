"""Synthetic demo data of the planning module's areas part (loaded by
``boligtorg.core.demo``): Skanderborg gets three areas with an indicator history
(seed 001 names Højvangen, Eskebækparken and Mølleparken; the figures and people
here are invented), a steering group and a KUF with a meeting; Trondheim gets two
areas with population figures only (the Danish criteria do not apply there)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.housing.services import ImportRow

from .models import GroupKind, PlanningArea
from .services import areas as services


def _rows(name: str, years: range, base: dict[str, str], drift: dict[str, str]) -> list[ImportRow]:
    rows = []
    for step, year in enumerate(years):
        values: dict[str, object] = {"area": name, "year": year}
        for key, start in base.items():
            change = Decimal(drift.get(key, "0")) * step
            values[key] = (
                int(start) + int(change) if key == "residents" else Decimal(start) + change
            )
        rows.append(ImportRow(step + 1, values))
    return rows


SKANDERBORG = (
    (
        "Højvangen",
        "Skanderborg Andelsboligforening",
        "afd. 12",
        "Højvangen 2\nHøjvangen 4\nHøjvangen 6",
        range(2016, 2025),
        {
            "residents": "1240",
            "outside_work": "47",
            "convictions_ratio": "2.4",
            "convicted_share": "2.1",
            "basic_schooling": "66",
            "income_ratio": "49",
            "non_western": "56",
        },
        {"outside_work": "-0.6", "non_western": "-0.3", "residents": "6"},
    ),
    (
        "Eskebækparken",
        "Boligselskabet Skanderborg",
        "afd. 4",
        "Eskebækparken 1\nEskebækparken 9",
        range(2020, 2025),
        {
            "residents": "1050",
            "outside_work": "33",
            "convictions_ratio": "1.6",
            "basic_schooling": "48",
            "income_ratio": "62",
            "non_western": "34",
        },
        {"outside_work": "0.2"},
    ),
    (
        "Mølleparken",
        "Hørning Boligforening",
        "afd. 2",
        "Mølleparken 10\nMølleparken 12",
        range(2022, 2025),
        {
            "residents": "640",
            "outside_work": "24",
            "convictions_ratio": "1.1",
            "basic_schooling": "35",
            "income_ratio": "78",
            "non_western": "14",
        },
        {},
    ),
)

TRONDHEIM = (
    ("Saupstad", "Trondheim kommune", "", "Saupstadringen 10\nSaupstadringen 14", "3100"),
    ("Kattem", "Trondheim kommune", "", "Kattemskogen 2", "2400"),
)


def _planner(municipality: Municipality, caseworker: User) -> Actor:
    # The demo loader is handed the municipality's caseworker; the areas are the
    # planners' work, so it acts with their roles.
    return Actor(
        user=caseworker, municipality=municipality, roles=frozenset({Role.PLANNER, Role.MANAGER})
    )


def _coordination(actor: Actor, area: PlanningArea) -> None:
    steering = area.groups.get(kind=GroupKind.STEERING)
    kuf = area.groups.get(kind=GroupKind.KUF)
    for name, organisation, role in (
        ("Jonas Holm", "Skanderborg Kommune, direktion", "chair"),
        ("Birgitte Lind", "Ældre og Handicap", ""),
        ("Kasper Friis", "KUF", "chair of the KUF"),
    ):
        services.group_member_add(
            actor=actor, group=steering, name=name, organisation=organisation, role=role
        )
    for name, organisation, role in (
        ("Kasper Friis", "Skanderborg Kommune", "chair"),
        ("Nadia Berg", "SSP", ""),
        ("Line Mortensen", "Sundhedsplejen", ""),
        ("Omar Haddad", "Projekt Højvangen", "observer"),
    ):
        services.group_member_add(
            actor=actor, group=kuf, name=name, organisation=organisation, role=role
        )
    meeting = services.group_meeting_create(
        actor=actor,
        group=kuf,
        held_on=datetime.date(2025, 3, 4),
        minutes=(
            "Status from the contract holders and SSP. The homework café is full on "
            "Tuesdays; the housing organisation offers a second room."
        ),
    )
    services.meeting_action_create(
        actor=actor,
        meeting=meeting,
        text="Open the homework café on Thursdays too",
        responsible="Nadia Berg",
        due_on=datetime.date(2025, 4, 30),
    )
    services.meeting_action_create(
        actor=actor,
        meeting=meeting,
        text="Bring the figures on missed visits to the steering group",
        responsible="Kasper Friis",
        due_on=datetime.date(2025, 5, 15),
    )


def load(municipality: Municipality, caseworker: User) -> int:
    """Create the demo areas that are missing; return how many were made."""
    actor = _planner(municipality, caseworker)
    made = 0
    if municipality.country == Country.DENMARK:
        for name, organisation, department, addresses, years, base, drift in SKANDERBORG:
            if PlanningArea.objects.filter(municipality=municipality, area__name=name).exists():
                continue
            area = services.area_create(
                actor=actor,
                name=name,
                housing_organisation=organisation,
                department=department,
                addresses=addresses,
            )
            services.indicators_import(actor=actor, rows=_rows(name, years, base, drift))
            if name == "Højvangen":
                _coordination(actor, area)
            made += 1
        return made
    for name, organisation, department, addresses, residents in TRONDHEIM:
        if PlanningArea.objects.filter(municipality=municipality, area__name=name).exists():
            continue
        services.area_create(
            actor=actor,
            name=name,
            housing_organisation=organisation,
            department=department,
            addresses=addresses,
        )
        rows = [
            ImportRow(i + 1, {"area": name, "year": year, "residents": int(residents) + 20 * i})
            for i, year in enumerate(range(2022, 2025))
        ]
        services.indicators_import(actor=actor, rows=rows)
        made += 1
    return made
