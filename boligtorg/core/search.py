"""One search box for the whole application: persons (by name or national id),
cases (by number, applicant name or national id) and dwellings (by address), each
kind only for the roles that may open it, in the actor's municipality."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from .permissions import Actor, require_role

# The most of each kind one search shows: a search box, not a list to page through.
LIMIT = 20


@dataclass
class PersonHit:
    name: str
    cases: list[tuple[str, int]]  # (case number, case pk)


@dataclass
class SearchResults:
    persons: list[PersonHit] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)
    dwellings: list[dict] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.persons) + len(self.cases) + len(self.dwellings)

    def audit_ids(self) -> list[str]:
        return (
            [f"case:{row['pk']}" for row in self.cases]
            + [f"case:{pk}" for person in self.persons for _, pk in person.cases]
            + [f"dwelling:{row['pk']}" for row in self.dwellings]
        )


def _persons(actor: Actor, text: str) -> list[PersonHit]:
    from boligtorg.cases.models import Application, HouseholdMember, Person
    from boligtorg.cases.selectors import name_match

    compact = text.replace(" ", "").replace("-", "")
    if compact.isdigit():
        if len(compact) < 10:
            return []
        condition = Q(national_id__startswith=compact)
    else:
        condition = name_match(text)
    persons = list(
        Person.objects.filter(condition, municipality=actor.municipality)
        .order_by("last_name", "first_name", "pk")
        .values("pk", "first_name", "last_name")[:LIMIT]
    )
    households: dict[int, list[int]] = {}
    for person_id, household_id in HouseholdMember.objects.filter(
        person_id__in=[p["pk"] for p in persons]
    ).values_list("person_id", "household_id"):
        households.setdefault(household_id, []).append(person_id)
    cases: dict[int, list[tuple[str, int]]] = {}
    for number, pk, household_id in (
        Application.objects.filter(municipality=actor.municipality, household_id__in=households)
        .order_by("-number")
        .values_list("number", "pk", "household_id")
    ):
        for person_id in households[household_id]:
            cases.setdefault(person_id, []).append((number, pk))
    # A person is shown with the cases that may be opened; one without a case has
    # nothing to open, so is not shown.
    return [
        PersonHit(f"{p['first_name']} {p['last_name']}", cases[p["pk"]])
        for p in persons
        if p["pk"] in cases
    ]


def search_everything(*, actor: Actor, text: str) -> SearchResults:
    """What ``text`` finds, grouped by kind; empty for an empty search."""
    from boligtorg.cases.access import READ_ROLES as CASE_ROLES
    from boligtorg.cases.selectors import application_list
    from boligtorg.housing.access import READ_ROLES as DWELLING_ROLES
    from boligtorg.housing.models import Dwelling

    require_role(actor, *CASE_ROLES, *DWELLING_ROLES)
    text = text.strip()
    results = SearchResults()
    if not text:
        return results
    if actor.has_role(*CASE_ROLES):
        results.persons = _persons(actor, text)
        results.cases = list(
            application_list(actor=actor, search=text).values(
                "pk", "number", "applicant_name", "status"
            )[:LIMIT]
        )
    if actor.has_role(*DWELLING_ROLES) and not text.replace(" ", "").replace("-", "").isdigit():
        results.dwellings = list(
            Dwelling.objects.filter(municipality=actor.municipality, address__icontains=text)
            .order_by("address", "unit_number")
            .values("pk", "address", "unit_number")[:LIMIT]
        )
    return results
