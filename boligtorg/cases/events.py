"""The case timeline: services append one line per thing that happened."""

from boligtorg.core.permissions import Actor

from .models import Application, CaseEvent


def case_event(
    *, actor: Actor | None, application: Application, kind: str, summary: str
) -> CaseEvent:
    return CaseEvent.objects.create(
        application=application,
        actor=actor.user if actor else None,
        kind=kind,
        summary=str(summary)[:300],
    )
