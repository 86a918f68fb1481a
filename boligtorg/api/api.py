"""The API object, its authentication and its error answers.

Errors are JSON with the HTTP status a client can act on, never a 500 for bad input:
- 401 not logged in, 403 no access, 404 not found (or another municipality's),
- 409 a stale version (someone saved in between),
- 413 a body over DATA_UPLOAD_MAX_MEMORY_SIZE,
- 422 invalid input: ``{"detail": [{"loc": [..., field], "msg": ...}]}``, the same
  shape for schema errors (django-ninja) and for the services' rule errors; text
  with a NUL character and date-times with an offset beyond ±15:59 among them
  (``inputs``).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from boligtorg.api.inputs import ERROR_TOO_BIG, InputParser
from boligtorg.core.permissions import Actor


class MunicipalitySessionAuth(SessionAuth):
    """The staff session; the request's Actor (municipality and roles) comes from
    ActorMiddleware. API tokens come later."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        user = super().authenticate(request, key)
        actor = getattr(request, "actor", None)
        return actor if user and actor is not None else None


api = NinjaAPI(
    title="Boligtorg API",
    version="1",
    description="Municipal social-housing work: cases, dwellings, allocation.",
    auth=MunicipalitySessionAuth(),
    urls_namespace="api",
    # The documentation and its schema are for staff: anonymous users log in first.
    docs_decorator=login_required,
    parser=InputParser(),
)


def _errors(exc: ValidationError) -> list[dict[str, object]]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in exc.messages]


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    from boligtorg.cases.services.applications import ERROR_STALE
    from boligtorg.finance.services.cases import ERROR_STALE as ERROR_FINANCE_STALE
    from boligtorg.settlement.services.proposals import ERROR_STALE as ERROR_PROPOSAL_STALE

    stale = {str(ERROR_STALE), str(ERROR_FINANCE_STALE), str(ERROR_PROPOSAL_STALE)}
    status = 409 if stale.intersection(exc.messages) else 422
    return api.create_response(request, {"detail": _errors(exc)}, status=status)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "You do not have access."}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    detail = [{"loc": ["body"], "msg": str(ERROR_TOO_BIG), "type": "value_error"}]
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Log in first."}, status=401)


def _register_routers() -> None:
    from .accommodation import router as accommodation_router
    from .allocation import router as allocation_router
    from .cases import router as cases_router
    from .finance import router as finance_router
    from .finance_deposit import router as finance_deposit_router
    from .finance_rent_to_own import router as finance_rent_to_own_router
    from .followup import router as followup_router
    from .followup_career import router as followup_career_router
    from .followup_houses import router as followup_houses_router
    from .housing import router as housing_router
    from .planning_areas import router as planning_areas_router
    from .planning_programmes import router as planning_programmes_router
    from .planning_statistics import router as planning_statistics_router
    from .rental import router as rental_router
    from .settlement_numbers import router as settlement_numbers_router
    from .settlement_proposals import router as settlement_proposals_router
    from .settlement_readiness import router as settlement_readiness_router

    api.add_router("/", cases_router)
    api.add_router("/", housing_router)
    api.add_router("/", allocation_router)
    api.add_router("/", followup_router)
    api.add_router("/", followup_houses_router)
    api.add_router("/", followup_career_router)
    api.add_router("/", planning_areas_router)
    api.add_router("/", planning_programmes_router)
    api.add_router("/", planning_statistics_router)
    api.add_router("/", finance_router)
    api.add_router("/", finance_rent_to_own_router)
    api.add_router("/", finance_deposit_router)
    api.add_router("/", settlement_numbers_router)
    api.add_router("/", settlement_proposals_router)
    api.add_router("/", settlement_readiness_router)
    api.add_router("/", accommodation_router)
    api.add_router("/", rental_router)


_register_routers()
