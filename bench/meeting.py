"""The allocation meeting end to end: ``proposal_make`` on a real database.

Where ``bench/matching.py`` times the solver on arrays, this seeds a municipality
with granted cases and vacant dwellings in areas with caps, opens a meeting (its
agenda from the register), and times the service the meeting's button calls:
database read of the waiting list and the agenda, the matrix build, the certified
solve, and the saved proposal with its pairs and comparison. Each size gets a
municipality of its own. Prints one JSON object.

    DATABASE_URL=postgres://... .venv/bin/python bench/meeting.py [--sizes 20x200,500x3000]
"""

import argparse
import datetime
import json
import random
import time

from common import analyze, setup_django

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from boligtorg.allocation import selectors  # noqa: E402
from boligtorg.allocation.factories import rule_set  # noqa: E402
from boligtorg.allocation.models import AreaCap, Proposal  # noqa: E402
from boligtorg.allocation.services.meetings import meeting_create, proposal_make  # noqa: E402
from boligtorg.cases.models import (  # noqa: E402
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    Household,
    HouseholdMember,
    HouseholdRelation,
    LegalBasis,
    Person,
    Situation,
    TargetGroup,
    applicant_name,
)
from boligtorg.core.factories import MunicipalityFactory, actor_for, member  # noqa: E402
from boligtorg.core.models import Municipality, Role  # noqa: E402
from boligtorg.housing.models import Area, Dwelling, DwellingStatus  # noqa: E402

AREAS = 15
GROUPS = ["refugee", "released", "substance_use", "young", "elderly", "low_income", "reduced"]


def seed(dwellings: int, households: int, tag: str):  # noqa: ANN201
    """A municipality with ``households`` granted cases and ``dwellings`` ready
    dwellings; about 10 area caps on refugees and released prisoners."""
    rng = random.Random(tag)  # noqa: S311
    today = timezone.localdate()
    # A municipality of its own each run (codes have four characters).
    code = str(9000 + Municipality.objects.count())
    municipality = MunicipalityFactory(name=f"Bench {tag} {code}", code=code)
    user = member(f"bench-{code}", municipality, Role.ALLOCATION_MEMBER, Role.CASEWORKER)
    rules = rule_set(municipality, name=f"Regler {tag}")
    groups = TargetGroup.objects.bulk_create(
        TargetGroup(municipality=municipality, code=code, name=code) for code in GROUPS
    )
    areas = Area.objects.bulk_create(
        Area(municipality=municipality, name=f"Område {n}") for n in range(AREAS)
    )
    for area in areas[:10]:
        cap = AreaCap.objects.create(rule_set=rules, area=area, limit=rng.randint(2, 8))
        cap.target_groups.set(groups[:2])
    Dwelling.objects.bulk_create(
        Dwelling(
            municipality=municipality,
            unit_number=f"H{n % 9000 + 101:04d}",
            address=f"Benchgata {n // 20 + 1}",
            dwelling_type="apartment",
            bedrooms=rng.choice([0, 1, 1, 2, 2, 3, 4]),
            usable_area=40,
            floor=rng.randint(1, 5),
            wheelchair_accessible=rng.random() < 0.1,
            rent=9000,
            status=DwellingStatus.READY,
            disposition_form="owned",
            area=rng.choice(areas),
        )
        for n in range(dwellings)
    )
    people = Person.objects.bulk_create(
        Person(
            municipality=municipality,
            first_name="Test",
            last_name=f"Person {n}",
            date_of_birth=datetime.date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
        )
        for n in range(households)
    )
    homes = Household.objects.bulk_create(
        Household(municipality=municipality) for _ in range(households)
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(household=h, person=p, relation=HouseholdRelation.MAIN_APPLICANT)
        for h, p in zip(homes, people, strict=True)
    )
    applications = Application.objects.bulk_create(
        Application(
            municipality=municipality,
            number=f"B{code}-{n:06d}",
            household=h,
            applicant=p,
            applicant_name=applicant_name(p),
            status=ApplicationStatus.DECIDED,
            situation=rng.choice(Situation.values),
            min_bedrooms=rng.choice([0, 0, 1, 1, 2, 3]),
            needs_wheelchair_access=rng.random() < 0.05,
            needs_ground_floor=rng.random() < 0.1,
            wanted_areas=", ".join(a.name for a in rng.sample(areas, k=rng.randint(0, 3))),
            received_on=today - datetime.timedelta(days=rng.randint(1, 1500)),
            consent_given=True,
            caseworker=user,
        )
        for n, (h, p) in enumerate(zip(homes, people, strict=True))
    )
    through = Application.target_groups.through
    through.objects.bulk_create(
        through(application_id=a.pk, targetgroup_id=rng.choice(groups).pk)
        for a in applications
        if rng.random() < 0.6
    )
    basis, _created = LegalBasis.objects.get_or_create(
        country=municipality.country, code="bench-6", defaults={"title": "§ 6"}
    )
    Decision.objects.bulk_create(
        Decision(
            application=a,
            outcome=DecisionOutcome.GRANTED,
            reasons="Bench.",
            legal_basis=basis,
            decided_on=today - datetime.timedelta(days=2),
            received_on=today - datetime.timedelta(days=1),
            letter_language="nb",
            decided_by=user,
        )
        for a in applications
    )
    return actor_for(user, municipality)


def run(dwellings: int, households: int) -> dict:
    tag = f"{dwellings}x{households}"
    with transaction.atomic():
        actor = seed(dwellings, households, tag)
        analyze()
    meeting = meeting_create(
        actor=actor,
        held_on=timezone.localdate(),
        members=[actor.user],
        dwellings=list(selectors.agenda_dwellings(actor.municipality)),
    )
    started = time.perf_counter()
    proposal: Proposal = proposal_make(actor=actor, meeting=meeting)
    total = time.perf_counter() - started
    comparison = proposal.comparison
    return {
        "dwellings": proposal.dwellings,
        "households": proposal.households,
        "total_seconds": round(total, 3),
        "build_seconds": round(proposal.build_seconds, 3),
        "solve_seconds": round(proposal.solve_seconds, 3),
        "read_and_save_seconds": round(total - proposal.build_seconds - proposal.solve_seconds, 3),
        "method": proposal.method,
        "objective": proposal.objective,
        "bound": proposal.bound,
        "gap": proposal.gap,
        "proven_optimal": proposal.proven_optimal,
        "pairs": comparison["pairs"],
        "baselines": {
            name: {
                "housed": comparison[name]["housed"],
                "total_points": comparison[name]["total_points"],
                "objective": comparison[name]["objective"],
                "top_priority_left_out": comparison[name]["top_priority_left_out"],
                "justified_envy": comparison[name]["justified_envy"],
            }
            for name in ("optimal", "strict_priority", "greedy_by_rank", "first_come_first_served")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20x200,500x3000")
    args = parser.parse_args()
    sizes = [tuple(int(x) for x in size.split("x")) for size in args.sizes.split(",")]
    print(
        json.dumps(
            {
                "benchmark": "meeting_proposal_end_to_end",
                "database": connection.vendor,
                "target": {"500x3000_total_seconds": 2.0},
                "sizes": [run(d, h) for d, h in sizes],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
