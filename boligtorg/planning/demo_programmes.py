"""Synthetic demo data of the planning module's programmes part (loaded by
``boligtorg.core.demo``): one housing programme per demo municipality in the
manner of Tromsø's (seed 004) - persons mapped for the next five years, grouped
into clusters and separate dwellings, projects that build, buy, lease or convert,
financed 30 % own funds and 70 % from Husbanken as Grorud assumed (seed 003) - and
one action plan in the manner of Grorud's (seed 003): a vision, main goals,
sub-goals, activities in the five focus areas, and a semi-annual status report.

Every person is invented and appears only as initials; two of Trondheim's mapped
persons are linked to demo cases (invented too, ``boligtorg.cases.demo``). The
texts are written, not translated: they are the municipality's own."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from boligtorg.cases.models import Application, TargetGroup
from boligtorg.cases.services.applications import target_groups_ensure
from boligtorg.core.models import Country, Municipality, Role, User
from boligtorg.core.permissions import Actor
from boligtorg.domain import composition
from boligtorg.domain import programme as rules

from . import selectors_programmes as selectors
from .models import ActionPlan, FocusArea, HousingProgramme, MappedPerson
from .services import action_plans as plan_services
from .services import programmes as services


@dataclass(frozen=True)
class Person:
    pseudonym: str
    age_group: str
    gender: str
    target_group: str
    year: int
    need: str
    interests: str = ""
    group: str = "single"  # "A", "B": the cluster of the demo's grouping


@dataclass(frozen=True)
class ProjectRow:
    name: str
    kind: str
    status: str
    year: int
    units: int
    need_kind: str
    cost: int
    shares: tuple[int, int, int]  # own funds, investment grant, loans (percent)


@dataclass(frozen=True)
class ActivityRow:
    goal: int  # index of the main goal
    sub_goal: int | None
    name: str
    expected_result: str
    cost: int | None
    funding: str
    starts_on: datetime.date
    ends_on: datetime.date
    partners: str
    responsible: str
    focus_areas: tuple[str, ...]
    target_groups: tuple[str, ...]
    progress: str
    note: str = ""


@dataclass(frozen=True)
class Demo:
    programme: str
    purpose: str
    persons: tuple[Person, ...]
    projects: tuple[ProjectRow, ...]
    plan: str
    vision: str
    goals: tuple[tuple[str, tuple[str, ...]], ...]
    activities: tuple[ActivityRow, ...]
    report_summary: str
    linked_cases: int = 0


GRANT = (30, 70, 0)  # Grorud: 30 % own funds, 70 % Husbanken investment grant
LOAN = (30, 0, 70)  # the same shares with a Husbanken loan instead of the grant
D = datetime.date

TRONDHEIM = Demo(
    programme="Boligprogram for unge med utviklingshemming og ROP 2026–2030",
    purpose=(
        "Fra kartleggingssamtalene til boliger: klynger med og uten personalbase og "
        "enkeltstående boliger for dem som trenger bolig de neste fem årene."
    ),
    persons=(
        Person("A.H.", "18-25", "female", "reduced_function", 2026, "staffed", "musikk", "A"),
        Person("B.N.", "18-25", "male", "reduced_function", 2026, "cluster_ok", "musikk", "A"),
        Person("C.S.", "18-25", "female", "reduced_function", 2027, "cluster_ok", "musikk", "A"),
        Person("D.L.", "26-35", "male", "reduced_function", 2027, "cluster_ok", "musikk", "A"),
        Person("E.M.", "18-25", "other", "young", 2027, "cluster_ok", "musikk, friluft", "A"),
        Person("F.J.", "26-35", "male", "substance_use", 2027, "cluster_ok", "friluft", "B"),
        Person("G.B.", "36-50", "male", "substance_use", 2028, "cluster_ok", "friluft", "B"),
        Person("H.K.", "26-35", "female", "substance_use", 2028, "cluster_ok", "friluft", "B"),
        Person("I.O.", "36-50", "female", "released", 2028, "cluster_ok", "friluft, kafé", "B"),
        Person("J.R.", "26-35", "male", "substance_use", 2029, "cluster_ok", "kafé", "B"),
        Person("K.T.", "51-66", "male", "substance_use", 2026, "single_only", "stille kvelder"),
        Person("L.E.", "36-50", "female", "reduced_function", 2027, "single_only"),
        Person("M.A.", "26-35", "male", "released", 2028, "single_only", "trening"),
    ),
    projects=(
        ProjectRow(
            "Klynge Ranheim (5 boenheter og personalbase)",
            "build",
            "done",
            2026,
            5,
            "with_services",
            26_500_000,
            GRANT,
        ),
        ProjectRow(
            "Kjøp av to leiligheter, Lade", "buy", "planned", 2027, 2, "separate", 7_400_000, LOAN
        ),
        ProjectRow(
            "Innleie av bolig fra privat utleier",
            "lease",
            "planned",
            2028,
            1,
            "separate",
            600_000,
            (100, 0, 0),
        ),
        ProjectRow(
            "Ombygging av Moholt bofellesskap",
            "convert",
            "not_started",
            2029,
            5,
            "cluster",
            18_000_000,
            GRANT,
        ),
    ),
    plan="Boligsosial handlingsplan 2026–2029",
    vision="Alle skal ha et trygt og godt sted å bo.",
    goals=(
        (
            "Flere vanskeligstilte får en egnet bolig",
            (
                "Ventetiden på kommunal bolig er under seks måneder",
                "Unge under 25 år bor ikke i midlertidig botilbud",
            ),
        ),
        (
            "Flere beholder boligen sin",
            ("Ingen utkastelser på grunn av husleierestanse uten at NAV er varslet",),
        ),
        ("Det boligsosiale arbeidet er samordnet og kunnskapsbasert", ()),
    ),
    activities=(
        ActivityRow(
            0,
            0,
            "Kartlegge boligbehovet hos alle på venteliste",
            "Oversikt over behov per målgruppe, brukt i boligprogrammet",
            150_000,
            "Kommunens driftsbudsjett",
            D(2026, 1, 1),
            D(2026, 6, 30),
            "NAV, Helse og velferd",
            "Boligkontoret",
            ("suitable_dwellings", "competence"),
            ("reduced_function", "substance_use", "young"),
            "done",
            "50 kartleggingssamtaler holdt.",
        ),
        ActivityRow(
            0,
            1,
            "Startlån og boligtilskudd til unge i leid bolig",
            "20 unge kjøper egen bolig med startlån i planperioden",
            None,
            "Husbanken (startlån og tilskudd)",
            D(2026, 1, 1),
            D(2029, 12, 31),
            "Husbanken, bankene",
            "Startlånskontoret",
            ("financial_instruments",),
            ("young", "low_income"),
            "on_track",
            "6 lån innvilget første halvår.",
        ),
        ActivityRow(
            1,
            0,
            "Tidlig varsling av husleierestanse",
            "Alle restanser over to måneder følges opp innen en uke",
            300_000,
            "Kompetansetilskudd fra Husbanken",
            D(2026, 3, 1),
            D(2027, 12, 31),
            "NAV, Trondheim eiendom",
            "Boligkontoret",
            ("individual_follow_up",),
            ("low_income", "substance_use"),
            "delayed",
            "Rutinen med NAV er ikke ferdig avtalt.",
        ),
        ActivityRow(
            1,
            None,
            "Booppfølging i bomiljø med høy andel kommunale boliger",
            "Færre naboklager og flere som blir boende",
            1_200_000,
            "Kommunens driftsbudsjett",
            D(2026, 8, 1),
            D(2029, 6, 30),
            "Frivilligsentralen, borettslagene",
            "Enhet for rus og psykisk helse",
            ("individual_follow_up", "area_work"),
            ("substance_use", "released"),
            "not_started",
        ),
        ActivityRow(
            2,
            None,
            "Felles fagdag med Husbanken om boligsosialt arbeid",
            "Felles forståelse av virkemidlene i alle tjenester",
            40_000,
            "Husbanken",
            D(2026, 4, 15),
            D(2026, 4, 15),
            "Husbanken, KS",
            "Boligsosial koordinator",
            ("competence",),
            (),
            "done",
        ),
    ),
    report_summary=(
        "Kartleggingen er ferdig og ligger til grunn for boligprogrammet. Varslingsrutinen "
        "for husleierestanse er forsinket; den avtales med NAV innen september."
    ),
    linked_cases=2,
)

SKANDERBORG = Demo(
    programme="Boligprogram for unge og udsatte borgere 2026–2030",
    purpose=(
        "Fra kortlægningssamtalerne til boliger: bofællesskaber med og uden personale og "
        "egne boliger til dem, der får brug for en bolig de næste fem år."
    ),
    persons=(
        Person("A.J.", "18-25", "female", "leaving_care", 2026, "staffed", "musik", "A"),
        Person("B.P.", "18-25", "male", "leaving_care", 2026, "cluster_ok", "musik", "A"),
        Person("C.M.", "18-25", "female", "young_homeless", 2027, "cluster_ok", "musik", "A"),
        Person("D.H.", "18-25", "male", "young_homeless", 2027, "cluster_ok", "musik, sport", "A"),
        Person("E.K.", "26-35", "male", "reduced_function", 2027, "cluster_ok", "sport", "A"),
        Person("F.L.", "51-66", "male", "released", 2026, "single_only"),
        Person("G.N.", "36-50", "female", "reduced_function", 2028, "single_only", "have"),
        Person("H.S.", "67+", "female", "elderly", 2029, "single_only"),
    ),
    projects=(
        ProjectRow(
            "Bofællesskab Højvangen (5 boliger med base)",
            "convert",
            "planned",
            2027,
            5,
            "with_services",
            14_000_000,
            GRANT,
        ),
        ProjectRow(
            "Anvisning af almene boliger",
            "lease",
            "done",
            2026,
            2,
            "separate",
            300_000,
            (100, 0, 0),
        ),
        ProjectRow(
            "Køb af ældrebolig, Hørning", "buy", "not_started", 2029, 1, "separate", 2_600_000, LOAN
        ),
    ),
    plan="Boligsocial handleplan 2026–2029",
    vision="Alle skal have et trygt og godt sted at bo.",
    goals=(
        (
            "Flere unge udsatte får en egnet bolig",
            ("Ingen unge bor på herberg mere end tre måneder",),
        ),
        ("Flere bevarer deres bolig", ()),
    ),
    activities=(
        ActivityRow(
            0,
            0,
            "Kortlægge boligbehovet hos unge, der udsluses fra anbringelse",
            "Overblik over behov, brugt i boligprogrammet",
            80_000,
            "Kommunens budget",
            D(2026, 1, 1),
            D(2026, 6, 30),
            "Børn og Familie, Jobcenter",
            "Boligsocialt team",
            ("suitable_dwellings", "competence"),
            ("leaving_care", "young_homeless"),
            "done",
        ),
        ActivityRow(
            1,
            None,
            "Bostøtte i hjemmet (§ 85) til nye lejere",
            "Færre udsættelser det første år",
            900_000,
            "Kommunens budget",
            D(2026, 3, 1),
            D(2028, 12, 31),
            "Boligselskaberne, KUF Højvangen",
            "Socialpsykiatrien",
            ("individual_follow_up", "area_work"),
            ("reduced_function", "released"),
            "on_track",
        ),
    ),
    report_summary="Kortlægningen er færdig. Bostøtten er i gang i Højvangen.",
)


def _planner(municipality: Municipality, caseworker: User) -> Actor:
    # The loader is handed the municipality's caseworker; programmes and plans are
    # the planners' work, so they are written in the name of the municipality's
    # planner when there is one, acting as a manager too, who may read the cases a
    # person is mapped from.
    planner = (
        User.objects.filter(
            memberships__municipality=municipality,
            memberships__is_active=True,
            memberships__roles__role=Role.PLANNER,
        )
        .order_by("pk")
        .first()
    )
    return Actor(
        user=planner or caseworker,
        municipality=municipality,
        roles=frozenset({Role.PLANNER, Role.MANAGER}),
    )


def _programme(actor: Actor, demo: Demo) -> None:
    municipality = actor.municipality
    programme = services.programme_create(
        actor=actor, name=demo.programme, description=demo.purpose, first_year=2026, last_year=2030
    )
    groups = {g.code: g for g in TargetGroup.objects.filter(municipality=municipality)}
    cases = list(Application.objects.filter(municipality=municipality).order_by("number"))
    singles = [p for p in demo.persons if p.group == "single"]
    linked = dict(zip((p.pseudonym for p in singles), cases[: demo.linked_cases], strict=False))
    made: dict[str, MappedPerson] = {}
    for person in demo.persons:
        fields = {
            "age_group": person.age_group,
            "gender": person.gender,
            "target_group": groups.get(person.target_group),
        }
        case = linked.get(person.pseudonym)
        if case is not None:
            prefill = selectors.case_prefill(
                programme=programme, application=case, today=timezone.localdate()
            )
            fields = {key: prefill[key] for key in fields}
        made[person.pseudonym] = services.mapped_person_add(
            actor=actor,
            programme=programme,
            pseudonym=person.pseudonym,
            expected_year=person.year,
            need=person.need,
            interests=person.interests,
            application=case,
            **fields,
        )
    partition = composition.Partition(
        clusters=tuple(
            tuple(made[p.pseudonym].pk for p in demo.persons if p.group == code)
            for code in ("A", "B")
            if any(p.group == code for p in demo.persons)
        ),
        singles=tuple(made[p.pseudonym].pk for p in singles),
    )
    needs = services.programme_needs_accept(actor=actor, programme=programme, partition=partition)
    for row in demo.projects:
        split = rules.split_by_shares(row.cost, row.shares)
        covered, units = [], 0
        for need in needs:
            if need.kind == row.need_kind and units + need.units <= row.units:
                covered.append(need)
                units += need.units
        needs = [n for n in needs if n not in covered]
        services.project_create(
            actor=actor,
            programme=programme,
            name=row.name,
            kind=row.kind,
            status=row.status,
            year=row.year,
            units=row.units,
            need_kind=row.need_kind,
            cost=row.cost,
            own_funds=split[0],
            investment_grant=split[1],
            loans=split[2],
            needs=covered,
        )


def _action_plan(actor: Actor, demo: Demo) -> None:
    municipality = actor.municipality
    plan = plan_services.action_plan_create(
        actor=actor, name=demo.plan, vision=demo.vision, first_year=2026, last_year=2029
    )
    goals = []
    for text, sub_texts in demo.goals:
        goal = plan_services.main_goal_add(actor=actor, plan=plan, text=text)
        subs = [plan_services.sub_goal_add(actor=actor, goal=goal, text=t) for t in sub_texts]
        goals.append((goal, subs))
    areas = {a.code: a for a in FocusArea.objects.filter(municipality=municipality)}
    groups = {g.code: g for g in TargetGroup.objects.filter(municipality=municipality)}
    progress = {}
    for row in demo.activities:
        goal, subs = goals[row.goal]
        activity = plan_services.activity_add(
            actor=actor,
            plan=plan,
            goal=goal,
            sub_goal=subs[row.sub_goal] if row.sub_goal is not None else None,
            name=row.name,
            expected_result=row.expected_result,
            cost=row.cost,
            funding=row.funding,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            partners=row.partners,
            responsible=row.responsible,
            focus_areas=[areas[code] for code in row.focus_areas],
            target_groups=[groups[code] for code in row.target_groups if code in groups],
        )
        progress[activity.pk] = (row.progress, row.note)
    plan_services.status_report_create(
        actor=actor,
        plan=plan,
        kind="semi_annual",
        period_from=D(2026, 1, 1),
        period_to=D(2026, 6, 30),
        summary=demo.report_summary,
        progress=progress,
    )


def load(municipality: Municipality, caseworker: User) -> int:
    """Create the demo programme and action plan that are missing; return how many
    were made (0 when both exist)."""
    actor = _planner(municipality, caseworker)
    demo = SKANDERBORG if municipality.country == Country.DENMARK else TRONDHEIM
    target_groups_ensure(municipality=municipality)
    made = 0
    if not HousingProgramme.objects.filter(municipality=municipality, name=demo.programme).exists():
        _programme(actor, demo)
        made += 1
    if not ActionPlan.objects.filter(municipality=municipality, name=demo.plan).exists():
        _action_plan(actor, demo)
        made += 1
    return made
