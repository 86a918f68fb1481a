"""API of the follow-up module's career part: the tracked conditions of a decision
with their reviews, a new condition review, and a person's housing career. The same
selectors, services, permission checks and audit as the pages: all of it is part of
a person's case, so every read is audited and 404 answers another municipality."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from boligtorg.api.inputs import InputSchema
from boligtorg.core.permissions import Actor
from boligtorg.followup import selectors_career as selectors
from boligtorg.followup.models import ConditionOutcome, ConditionReview, DecisionCondition
from boligtorg.followup.services import career as services

router = Router(tags=["follow-up"])


def _actor(request: HttpRequest) -> Actor:
    return request.auth  # type: ignore[attr-defined, no-any-return]


class ConditionReviewIn(InputSchema):
    reviewed_on: datetime.date
    outcome: ConditionOutcome
    notes: str = Field("", max_length=5000)
    next_review_on: datetime.date | None = Field(
        None, description="Moves the condition's next review; empty keeps it"
    )


class ConditionReviewOut(Schema):
    id: int
    reviewed_on: datetime.date
    outcome: str
    notes: str
    reviewed_by: str | None

    @staticmethod
    def resolve_reviewed_by(obj: ConditionReview) -> str | None:
        return obj.reviewed_by.username if obj.reviewed_by else None


class ConditionOut(Schema):
    id: int
    decision_id: int
    text: str
    next_review_on: datetime.date
    reviews: list[ConditionReviewOut]

    @staticmethod
    def resolve_reviews(obj: DecisionCondition) -> list[ConditionReview]:
        return list(obj.reviews.all())


class CareerEntryOut(Schema):
    kind: str
    start: datetime.date
    end: datetime.date | None
    place: str
    renewals: int
    direction: str | None = Field(description="up, same or down the housing chain; null first")
    source: str = Field(description="lease (the municipality's) or tenure (recorded by hand)")
    lease_id: int | None
    tenure_id: int | None


class CareerOut(Schema):
    person_id: int
    entries: list[CareerEntryOut]


@router.get(
    "/decisions/{int:decision_id}/conditions",
    response=list[ConditionOut],
    summary="Read the tracked conditions of a decision",
)
def decision_conditions(request: HttpRequest, decision_id: int) -> list[DecisionCondition]:
    decision = selectors.decision_for_career(actor=_actor(request), pk=decision_id)
    return selectors.decision_conditions(decision=decision)


@router.post(
    "/conditions/{int:condition_id}/reviews",
    response={201: ConditionReviewOut},
    summary="Review a condition",
)
def condition_review_create(request: HttpRequest, condition_id: int, payload: ConditionReviewIn):  # noqa: ANN201
    actor = _actor(request)
    condition = selectors.condition_for_career(actor=actor, pk=condition_id, edit=True)
    review = services.condition_review_record(actor=actor, condition=condition, **payload.dict())
    return Status(201, review)


@router.get(
    "/persons/{int:person_id}/housing-career",
    response=CareerOut,
    summary="Read a person's housing career, newest first",
)
def housing_career(request: HttpRequest, person_id: int) -> dict[str, object]:
    person = selectors.person_for_career(actor=_actor(request), pk=person_id)
    entries = [
        {
            "kind": entry.step.stay.kind.value,
            "start": entry.step.stay.start,
            "end": entry.step.stay.end,
            "place": entry.step.stay.place,
            "renewals": entry.step.stay.renewals,
            "direction": entry.step.direction.value if entry.step.direction else None,
            "source": "lease" if entry.lease else "tenure",
            "lease_id": entry.lease.pk if entry.lease else None,
            "tenure_id": entry.tenure.pk if entry.tenure else None,
        }
        for entry in selectors.housing_career(person=person)
    ]
    return {"person_id": person.pk, "entries": entries}
