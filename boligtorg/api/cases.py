"""Persons, households, applications and decisions: the same services, selectors,
permission checks and audit as the pages."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator

from boligtorg.api.inputs import InputSchema
from boligtorg.api.pagination import (
    AuditedPageNumberPagination,
    refuse_national_id_in_url,
)
from boligtorg.cases import access, selectors, selectors_team
from boligtorg.cases.models import (
    Application,
    ApplicationStatus,
    Consent,
    ConsentStatus,
    Decision,
    DecisionOutcome,
    DwellingType,
    Gender,
    HouseholdMember,
    HouseholdRelation,
    Language,
    LegalBasis,
    Person,
    Situation,
    TargetGroup,
)
from boligtorg.cases.services import applications as services
from boligtorg.cases.services.decisions import decision_make
from boligtorg.cases.services.team import consent_categories, consent_record
from boligtorg.core.audit import audit_record
from boligtorg.core.models import AuditAction, Role
from boligtorg.core.permissions import get_for_actor, require_role
from boligtorg.domain.identity import normalise_national_id

router = Router(tags=["cases"])

ERROR_CONSENT_GIVEN_REMOVED = _(
    "Consent is no longer a field of the application: record it with "
    "POST /api/applications/{id}/consents."
)


class PersonIn(InputSchema):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    national_id: str = Field("", max_length=14)
    date_of_birth: datetime.date | None = None
    gender: Gender = Gender.UNKNOWN
    country_background: str = Field("", max_length=100)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    language: Language = Language.BOKMAL


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    national_id: str
    date_of_birth: datetime.date
    gender: str
    language: str


class MemberIn(InputSchema):
    person_id: int
    relation: HouseholdRelation


class HouseholdIn(InputSchema):
    members: list[MemberIn] = Field(min_length=1)


class MemberOut(Schema):
    person: PersonOut
    relation: str


class AddressIn(InputSchema):
    """The household's postal address; the rules (complete or empty, a four-digit
    postcode, a contact point without a fixed address) are the service's: 422
    naming the field."""

    address_street: str = Field("", max_length=200)
    address_postcode: str = Field("", max_length=10)
    address_town: str = Field("", max_length=100)
    address_care_of: str = Field("", max_length=200)
    no_fixed_address: bool = False


class AddressOut(Schema):
    address_street: str
    address_postcode: str
    address_town: str
    address_care_of: str
    no_fixed_address: bool
    address_lines: list[str]


class HouseholdOut(Schema):
    id: int
    members: list[MemberOut]
    address: AddressOut


class WithoutConsentGiven(InputSchema):
    """The application's former ``consent_given`` answers 422 naming it: consent is
    a Consent row of the main applicant now, recorded in one place, and a client
    that still sends the flag must learn that it was not stored."""

    consent_given: bool | None = Field(
        None,
        deprecated=True,
        exclude=True,
        description="Removed: record consent with POST /applications/{id}/consents; "
        "sending it answers 422",
    )

    @field_validator("consent_given")
    @classmethod
    def _consent_is_recorded_as_a_consent(cls, value: object) -> None:
        raise ValueError(str(ERROR_CONSENT_GIVEN_REMOVED))


class ApplicationFields(WithoutConsentGiven):
    situation: Situation
    target_groups: list[str] = Field(default_factory=list, description="Target group codes")
    household_income: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=0)
    min_bedrooms: int = Field(1, ge=0, le=10)
    needs_wheelchair_access: bool = False
    needs_ground_floor: bool = False
    has_pets: bool = False
    wanted_areas: str = Field("", max_length=300)
    excluded_areas: str = Field("", max_length=300)
    accepts_shared_house: bool = False


class ApplicationIn(ApplicationFields):
    household_id: int


class ApplicationPatch(WithoutConsentGiven):
    version: int = Field(description="The version you read; a stale one answers 409")
    situation: Situation | None = None
    target_groups: list[str] | None = None
    household_income: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=0)
    min_bedrooms: int | None = Field(None, ge=0, le=10)
    needs_wheelchair_access: bool | None = None
    needs_ground_floor: bool | None = None
    has_pets: bool | None = None
    wanted_areas: str | None = Field(None, max_length=300)
    excluded_areas: str | None = Field(None, max_length=300)
    accepts_shared_house: bool | None = None


SpecialCategory = Literal["health", "substance_use", "criminal_record"]


class ConsentIn(InputSchema):
    services: str = Field(max_length=300, description="The services that may receive it")
    covers: list[SpecialCategory] = Field(
        default_factory=list, description="The special categories the consent covers"
    )
    given_on: datetime.date | None = None
    valid_until: datetime.date | None = None


class ConsentOut(Schema):
    id: int
    services: str
    covers: list[SpecialCategory]
    given_on: datetime.date
    valid_until: datetime.date
    revoked_on: datetime.date | None

    @staticmethod
    def resolve_covers(obj: Consent) -> list[str]:
        return consent_categories(obj)


class ConsentStateOut(Schema):
    """The main applicant's consent today, as the case page shows it."""

    status: ConsentStatus
    current: list[ConsentOut] = Field(description="The consents valid today, newest first")
    last: ConsentOut | None = Field(
        description="The newest consent no longer valid (expired or revoked)"
    )


class ApplicationSummary(Schema):
    id: int
    number: str
    status: ApplicationStatus
    situation: Situation
    received_on: datetime.date | None
    applicant_id: int
    applicant_name: str
    caseworker: str | None

    @staticmethod
    def resolve_applicant_name(obj: Application) -> str:
        return f"{obj.applicant.first_name} {obj.applicant.last_name}"

    @staticmethod
    def resolve_caseworker(obj: Application) -> str | None:
        return obj.caseworker.username if obj.caseworker else None


class ApplicationOut(ApplicationSummary):
    household_id: int
    target_groups: list[str]
    household_income: Decimal | None
    min_bedrooms: int
    needs_wheelchair_access: bool
    needs_ground_floor: bool
    has_pets: bool
    wanted_areas: str
    excluded_areas: str
    accepts_shared_house: bool
    consent: ConsentStateOut
    interim_notice_sent_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_target_groups(obj: Application) -> list[str]:
        return sorted(group.code for group in obj.target_groups.all())

    @staticmethod
    def resolve_consent(obj: Application) -> dict[str, object]:
        state = selectors_team.consent_state(application=obj)
        return {"status": state.status, "current": state.current, "last": state.last}


class DecisionIn(InputSchema):
    outcome: DecisionOutcome
    reasons: str = Field(max_length=5000)
    legal_basis: str = Field(description="Code of a legal basis, e.g. boligsosial-6")
    decided_on: datetime.date
    received_on: datetime.date = Field(description="When the applicant received the letter")
    dwelling_type: DwellingType | None = None
    conditions: str = Field("", max_length=5000)
    lease_months: int | None = Field(None, ge=1, le=600)
    short_lease_reason: str = Field("", max_length=5000)
    letter_language: Language | None = None


class DecisionOut(Schema):
    id: int
    outcome: str
    dwelling_type: str
    lease_months: int | None
    reasons: str
    legal_basis: str
    decided_on: datetime.date
    received_on: datetime.date

    @staticmethod
    def resolve_legal_basis(obj: Decision) -> str:
        return obj.legal_basis.title


def _actor(request: HttpRequest):  # noqa: ANN202
    return request.auth


def _target_groups(actor, codes: list[str]) -> list[TargetGroup]:  # noqa: ANN001
    groups = list(TargetGroup.objects.filter(municipality=actor.municipality, code__in=codes))
    missing = sorted(set(codes) - {g.code for g in groups})
    if missing:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"target_groups": f"Unknown target group codes: {', '.join(missing)}"}
        )
    return groups


class PersonSearchIn(InputSchema):
    q: str = Field(min_length=1, max_length=200)


def _persons_found(request: HttpRequest, q: str):  # noqa: ANN202
    actor = require_role(_actor(request), *access.READ_ROLES)
    qs = Person.objects.filter(municipality=actor.municipality).order_by(
        "last_name", "first_name", "id"
    )
    if q:
        # National ids are stored compact: "010190-1234" finds "0101901234".
        compact = normalise_national_id(actor.municipality.country, q) or q
        qs = qs.filter(selectors.name_match(q) | Q(national_id=compact))
    return qs


@router.get(
    "/persons",
    response=list[PersonOut],
    summary="List persons (by name; a national id is searched with POST /persons/search)",
)
@paginate(AuditedPageNumberPagination, page_size=25)
def person_list(request: HttpRequest, q: str = ""):  # noqa: ANN201
    refuse_national_id_in_url(q, field="q", post_to="/api/persons/search")
    return _persons_found(request, q)


@router.post(
    "/persons/search",
    response=list[PersonOut],
    summary="Search persons by name or national id (in the body, not the URL)",
)
@paginate(AuditedPageNumberPagination, page_size=25)
def person_search(request: HttpRequest, payload: PersonSearchIn):  # noqa: ANN201
    return _persons_found(request, payload.q.strip())


@router.get("/persons/{int:person_id}", response=PersonOut, summary="Read a person")
def person_read(request: HttpRequest, person_id: int) -> Person:
    actor = require_role(_actor(request), *access.READ_ROLES)
    person = get_for_actor(Person.objects.all(), actor, pk=person_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=person)
    return person


@router.post("/persons", response={201: PersonOut}, summary="Register a person")
def person_create(request: HttpRequest, payload: PersonIn):  # noqa: ANN201
    person = services.person_create(actor=_actor(request), **payload.dict())
    return Status(201, person)


@router.post("/households", response={201: HouseholdOut}, summary="Make a household")
def household_create(request: HttpRequest, payload: HouseholdIn):  # noqa: ANN201
    actor = require_role(_actor(request), Role.CASEWORKER)
    members = [
        (get_for_actor(Person.objects.all(), actor, pk=m.person_id), m.relation)
        for m in payload.members
    ]
    household = services.household_create(actor=actor, members=members)
    return Status(201, _household_out(household.pk))


def _household_out(household_id: int) -> dict[str, object]:
    from boligtorg.cases.models import Household

    members = HouseholdMember.objects.filter(household_id=household_id).select_related("person")
    household = Household.objects.get(pk=household_id)
    return {"id": household_id, "members": list(members), "address": household}


@router.get("/households/{int:household_id}", response=HouseholdOut, summary="Read a household")
def household_read(request: HttpRequest, household_id: int) -> dict[str, object]:
    from boligtorg.cases.models import Household

    actor = require_role(_actor(request), *access.READ_ROLES)
    household = get_for_actor(Household.objects.all(), actor, pk=household_id)
    audit_record(actor=actor, action=AuditAction.VIEW, obj=household)
    return _household_out(household.pk)


class ApplicationSearchIn(InputSchema):
    q: str = Field("", max_length=200)
    status: ApplicationStatus | None = None
    situation: Situation | None = None
    target_group: str = Field("", max_length=50)
    overdue: bool = False
    sort: str = Field("-received", max_length=30)


def _applications_found(  # noqa: ANN202
    request: HttpRequest,
    *,
    q: str,
    status: ApplicationStatus | None,
    situation: Situation | None,
    target_group: str,
    overdue: bool,
    sort: str,
):
    return selectors.application_list(
        actor=_actor(request),
        search=q.strip(),
        status=status or "",
        situation=situation or "",
        target_group=target_group,
        overdue=overdue,
        ordering=sort,
    )


@router.get(
    "/applications",
    response=list[ApplicationSummary],
    summary="List applications (a national id is searched with POST /applications/search)",
)
@paginate(AuditedPageNumberPagination, page_size=25)
def application_list(  # noqa: ANN201
    request: HttpRequest,
    q: str = "",
    status: ApplicationStatus | None = None,
    situation: Situation | None = None,
    target_group: str = "",
    overdue: bool = False,
    sort: str = "-received",
):
    refuse_national_id_in_url(q, field="q", post_to="/api/applications/search")
    return _applications_found(
        request,
        q=q,
        status=status,
        situation=situation,
        target_group=target_group,
        overdue=overdue,
        sort=sort,
    )


@router.post(
    "/applications/search",
    response=list[ApplicationSummary],
    summary="Search applications by name, case number or national id (in the body)",
)
@paginate(AuditedPageNumberPagination, page_size=25)
def application_search(request: HttpRequest, payload: ApplicationSearchIn):  # noqa: ANN201
    return _applications_found(request, **payload.dict())


@router.get(
    "/applications/{int:application_id}", response=ApplicationOut, summary="Read an application"
)
def application_read(request: HttpRequest, application_id: int) -> Application:
    return access.application_get(actor=_actor(request), pk=application_id)


@router.post("/applications", response={201: ApplicationOut}, summary="Register an application")
def application_create(request: HttpRequest, payload: ApplicationIn):  # noqa: ANN201
    from boligtorg.cases.models import Household

    actor = require_role(_actor(request), Role.CASEWORKER)
    household = get_for_actor(Household.objects.all(), actor, pk=payload.household_id)
    fields = payload.dict(exclude={"household_id", "target_groups"})
    application = services.application_create(
        actor=actor,
        household=household,
        target_groups=_target_groups(actor, payload.target_groups),
        **fields,
    )
    return Status(201, access.application_get(actor=actor, pk=application.pk, audit=False))


@router.patch(
    "/applications/{int:application_id}", response=ApplicationOut, summary="Change an application"
)
def application_update(
    request: HttpRequest, application_id: int, payload: ApplicationPatch
) -> Application:
    actor = _actor(request)
    application = access.application_get(actor=actor, pk=application_id, audit=False)
    if not access.can_edit(actor, application):
        raise PermissionDenied
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    codes = changes.pop("target_groups", None)
    groups = _target_groups(actor, codes) if codes is not None else None
    services.application_update(
        actor=actor,
        application=application,
        version=payload.version,
        target_groups=groups,
        **{key: value for key, value in changes.items() if value is not None},
    )
    return access.application_get(actor=actor, pk=application_id, audit=False)


@router.put(
    "/applications/{int:application_id}/address",
    response=AddressOut,
    summary="Set the postal address of the application's household (every letter goes there)",
)
def household_address_update(request: HttpRequest, application_id: int, payload: AddressIn):  # noqa: ANN201
    actor = _actor(request)
    application = access.application_for_edit(actor=actor, pk=application_id)
    return services.household_address_update(actor=actor, application=application, **payload.dict())


@router.get(
    "/applications/{int:application_id}/decisions",
    response=list[DecisionOut],
    summary="Decisions of an application",
)
def decision_list(request: HttpRequest, application_id: int) -> list[Decision]:
    application = access.application_get(actor=_actor(request), pk=application_id)
    return list(application.decisions.select_related("legal_basis"))


@router.post(
    "/applications/{int:application_id}/decisions",
    response={201: DecisionOut},
    summary="Decide an application (the letter PDF is written as in the UI)",
)
def decision_create(request: HttpRequest, application_id: int, payload: DecisionIn):  # noqa: ANN201
    actor = _actor(request)
    application = access.application_for_edit(actor=actor, pk=application_id)
    basis = LegalBasis.objects.filter(
        country=actor.municipality.country, code=payload.legal_basis
    ).first()
    if basis is None:
        raise ValidationError({"legal_basis": f"Unknown legal basis: {payload.legal_basis}"})
    fields = payload.dict(exclude={"legal_basis"})
    fields["dwelling_type"] = fields["dwelling_type"] or ""
    fields["letter_language"] = fields["letter_language"] or ""
    decision = decision_make(actor=actor, application=application, legal_basis=basis, **fields)
    return Status(201, decision)


@router.post(
    "/applications/{int:application_id}/consents",
    response={201: ConsentOut},
    summary="Record the main applicant's consent (the one place consent is recorded)",
)
def consent_create(request: HttpRequest, application_id: int, payload: ConsentIn):  # noqa: ANN201
    actor = _actor(request)
    application = access.application_for_edit(actor=actor, pk=application_id)
    fields = payload.dict(exclude={"covers"})
    covers = set(payload.covers)
    consent = consent_record(
        actor=actor,
        application=application,
        **fields,
        **{f"covers_{name}": name in covers for name in access.SPECIAL_CATEGORIES},
    )
    return Status(201, consent)
