"""Pages of shared-house composition: the houses, one house's roles and caps, and
the proposal of who should fill its free units, with the reasons for each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from boligtorg.cases.models import Application, TargetGroup
from boligtorg.core.forms import add_service_errors
from boligtorg.core.permissions import Actor, get_for_actor, role_required
from boligtorg.core.query import ids_from_query
from boligtorg.core.views import crumbs
from boligtorg.domain import composition
from boligtorg.followup.selectors_houses import READ_ROLES as HOUSE_LIFE_ROLES
from boligtorg.housing.models import SharedHouse

from .. import selectors_houses as selectors
from ..access import HOUSE_RULE_ROLES, MEETING_ROLES, READ_ROLES
from ..forms_houses import HouseCapsForm, HouseSlotForm
from ..models import HouseSlot
from ..services import composition as services

REASON_TEXTS = {
    composition.ReasonCode.GENDER_CAP: gettext_lazy(
        "%(count)s of the house's residents share this gender (at most %(limit)s)"
    ),
    composition.ReasonCode.COUNTRY_CAP: gettext_lazy(
        "%(count)s of the house's residents share this country background (at most %(limit)s)"
    ),
    composition.ReasonCode.ADDS_GENDER: gettext_lazy("The only one of this gender in the house"),
    composition.ReasonCode.ADDS_COUNTRY: gettext_lazy(
        "The only one with this country background in the house"
    ),
    composition.ReasonCode.MIN_AGE: gettext_lazy(
        "Age %(value)s, the role needs at least %(limit)s"
    ),
    composition.ReasonCode.MAX_AGE: gettext_lazy(
        "Age %(value)s, the role allows at most %(limit)s"
    ),
}
INFEASIBLE_TEXTS = {
    composition.InfeasibleCode.TOO_FEW_ELIGIBLE: gettext_lazy(
        "%(slots)s: %(needed)s free units, but only %(best)s eligible candidates have every "
        "required target group, answer and age."
    ),
    composition.InfeasibleCode.SLOTS_COMPETE: gettext_lazy(
        "%(slots)s together: %(needed)s free units, but only %(best)s distinct candidates "
        "fit any of them."
    ),
    composition.InfeasibleCode.GENDER_CAP: gettext_lazy(
        "No filling keeps to at most %(needed)s of one gender; the best reaches %(best)s."
    ),
    composition.InfeasibleCode.COUNTRY_CAP: gettext_lazy(
        "No filling keeps to at most %(needed)s of one country background; the best "
        "reaches %(best)s."
    ),
    composition.InfeasibleCode.CAPS_TOGETHER: gettext_lazy(
        "Each cap can be met alone, but not the gender and country caps together."
    ),
}
STATUS_TEXTS = {
    composition.Status.OPTIMAL: gettext_lazy("Proven optimal: no other filling has more points."),
    composition.Status.FEASIBLE: gettext_lazy(
        "A valid filling, but the time ran out before it was proven best."
    ),
    composition.Status.UNKNOWN: gettext_lazy(
        "The time ran out before any filling was found. Try again or relax a rule."
    ),
}
REQUIRED_TEXTS = {
    selectors.WORK_OR_EDUCATION: gettext_lazy("In work or education"),
    selectors.INTEREST_IN_YOUNG: gettext_lazy("Wants to be a role model for young people"),
}


def _house(actor: Actor, house_id: int) -> SharedHouse:
    return get_for_actor(SharedHouse.objects.all(), actor, pk=house_id)


def _slot(actor: Actor, slot_id: int) -> HouseSlot:
    try:
        return HouseSlot.objects.select_related("rules__shared_house").get(
            pk=slot_id, rules__shared_house__municipality=actor.municipality
        )
    except HouseSlot.DoesNotExist as exc:
        raise Http404 from exc


def _groups(actor: Actor) -> Any:
    return TargetGroup.objects.filter(municipality=actor.municipality, is_active=True)


def _crumbs(request: HttpRequest, house: SharedHouse | None, current: str = "") -> list[Any]:
    """Dashboard › Allocation › Shared houses › the house › ``current``."""
    return crumbs(
        request,
        (_("Allocation"), reverse("allocation:meeting_list")),
        (_("Shared houses"), reverse("allocation:house_list")),
        house and (house.name, reverse("allocation:house_detail", args=[house.pk])),
        current=current,
    )


def _to_house(house: SharedHouse) -> HttpResponse:
    return redirect("allocation:house_detail", house_id=house.pk)


@role_required(*READ_ROLES)
def house_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.shared_house_list(actor=request.actor, today=timezone.localdate())
    return render(
        request,
        "allocation/houses/house_list.html",
        {"rows": rows, "crumbs": _crumbs(request, None)},
    )


def _required_labels(slot: HouseSlot) -> list[str]:
    labels = [group.name for group in slot.target_groups.all()]
    if slot.needs_work_or_education:
        labels.append(str(REQUIRED_TEXTS[selectors.WORK_OR_EDUCATION]))
    if slot.needs_interest_in_young_people:
        labels.append(str(REQUIRED_TEXTS[selectors.INTEREST_IN_YOUNG]))
    return labels


def _reason_text(reason: composition.Reason) -> str:
    text = str(REASON_TEXTS[reason.code])
    return text % {"count": reason.count, "limit": reason.limit, "value": reason.value}


def _proposal_context(proposal: services.HouseProposal) -> dict[str, Any]:
    by_id = {profile.person.id: profile for profile in proposal.candidates}
    chosen = [
        {
            "profile": by_id[choice.person_id],
            "slot": proposal.slots[choice.slot],
            "reasons": [_reason_text(reason) for reason in choice.reasons],
            "required": _required_labels(proposal.slots[choice.slot]),
        }
        for choice in sorted(proposal.result.chosen, key=lambda c: (int(c.slot), -c.points))
    ]
    causes = []
    for cause in proposal.result.infeasibilities:
        slots = ", ".join(proposal.slots[code].label for code in cause.subject if code.isdigit())
        causes.append(
            str(INFEASIBLE_TEXTS[cause.code])
            % {"slots": slots, "needed": cause.needed, "best": cause.best}
        )
    chosen_ids = {choice.person_id for choice in proposal.result.chosen}
    return {
        "result": proposal.result,
        "status_text": STATUS_TEXTS.get(proposal.result.status, ""),
        "chosen": chosen,
        "causes": causes,
        "others": [p for p in proposal.candidates if p.person.id not in chosen_ids],
        "free_units": sum(proposal.free_units.values()),
    }


def _detail_context(request: HttpRequest, house: SharedHouse) -> dict[str, Any]:
    actor = request.actor
    today = timezone.localdate()
    rules_row = selectors.house_rules(house)
    units = selectors.house_units(house, today)
    slots = list(rules_row.slots.all()) if rules_row else []
    return {
        "house": house,
        "rules": rules_row,
        "slots": [{"slot": slot, "required": _required_labels(slot)} for slot in slots],
        "slot_units": sum(slot.count for slot in slots),
        "units": units,
        "residents": selectors.residents(units, today),
        "meeting": selectors.open_meeting_for(house),
        "can_edit_rules": actor.has_role(*HOUSE_RULE_ROLES),
        "can_compose": actor.has_role(*MEETING_ROLES),
        "can_see_house_life": actor.has_role(*HOUSE_LIFE_ROLES),
        "caps_form": HouseCapsForm(
            initial={
                "max_same_gender": rules_row.max_same_gender if rules_row else None,
                "max_same_country": rules_row.max_same_country if rules_row else None,
            }
        ),
        "crumbs": _crumbs(request, house),
    }


@role_required(*READ_ROLES)
def house_detail(request: HttpRequest, house_id: int) -> HttpResponse:
    house = _house(request.actor, house_id)
    return render(request, "allocation/houses/house_detail.html", _detail_context(request, house))


@require_POST
@role_required(*MEETING_ROLES)
def house_compose(request: HttpRequest, house_id: int) -> HttpResponse:
    """Solve and show the proposal on the house's page (nothing is stored but the
    audit event; locking the chosen is the decision)."""
    house = _house(request.actor, house_id)
    context = _detail_context(request, house)
    try:
        proposal = services.house_compose(actor=request.actor, house=house, on=timezone.localdate())
    except ValidationError as exc:
        context["compose_error"] = " ".join(exc.messages)
    else:
        context.update(_proposal_context(proposal))
        context["composed"] = True
    return render(request, "allocation/houses/house_detail.html", context)


@require_POST
@role_required(*MEETING_ROLES)
def house_lock(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = _house(actor, house_id)
    ids = ids_from_query(request.POST.getlist("application"))
    found = {
        a.pk: a for a in Application.objects.filter(municipality=actor.municipality, pk__in=ids)
    }
    try:
        meeting, made = services.house_lock_chosen(
            actor=actor, house=house, applications=[found[pk] for pk in ids if pk in found]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_house(house)
    messages.success(
        request,
        _(
            "%(count)s households were locked to the house's dwellings. "
            "Solve again to see the effect."
        )
        % {"count": made},
    )
    return redirect("allocation:meeting_detail", meeting_id=meeting.pk)


@require_POST
@role_required(*HOUSE_RULE_ROLES)
def house_caps(request: HttpRequest, house_id: int) -> HttpResponse:
    house = _house(request.actor, house_id)
    form = HouseCapsForm(request.POST)
    if form.is_valid():
        try:
            services.house_rules_save(actor=request.actor, house=house, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The caps were saved."))
            return _to_house(house)
    context = _detail_context(request, house)
    context["caps_form"] = form
    return render(request, "allocation/houses/house_detail.html", context)


@require_POST
@role_required(*HOUSE_RULE_ROLES)
def house_trondheim_model(request: HttpRequest, house_id: int) -> HttpResponse:
    house = _house(request.actor, house_id)
    try:
        services.house_rules_use_trondheim_model(actor=request.actor, house=house)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The house now has the roles of Trondheim's model."))
    return _to_house(house)


@role_required(*HOUSE_RULE_ROLES)
def slot_create(request: HttpRequest, house_id: int) -> HttpResponse:
    actor = request.actor
    house = _house(actor, house_id)
    form = HouseSlotForm(request.POST or None, target_groups=_groups(actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.house_slot_add(
                actor=actor,
                house=house,
                label=data["label"],
                count=data["count"],
                target_groups=list(data["target_groups"]),
                needs_work_or_education=data["needs_work_or_education"],
                needs_interest_in_young_people=data["needs_interest_in_young_people"],
                min_age=data["min_age"],
                max_age=data["max_age"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The role was added."))
            return _to_house(house)
    context = {"house": house, "form": form, "crumbs": _crumbs(request, house, _("New role"))}
    return render(request, "allocation/houses/slot_form.html", context)


@role_required(*HOUSE_RULE_ROLES)
def slot_remove(request: HttpRequest, slot_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the role."""
    actor = request.actor
    slot = _slot(actor, slot_id)
    house = slot.rules.shared_house
    if request.method == "POST":
        services.house_slot_remove(actor=actor, slot=slot)
        messages.success(request, _("The role %(label)s was removed.") % {"label": slot.label})
        return _to_house(house)
    context = {
        "house": house,
        "slot": slot,
        "required": _required_labels(slot),
        "crumbs": _crumbs(request, house, _("Remove role")),
    }
    return render(request, "allocation/houses/slot_confirm_remove.html", context)


urlpatterns = [
    path("shared-houses/", house_list, name="house_list"),
    path("shared-houses/<int:house_id>/", house_detail, name="house_detail"),
    path("shared-houses/<int:house_id>/compose/", house_compose, name="house_compose"),
    path("shared-houses/<int:house_id>/lock/", house_lock, name="house_lock"),
    path("shared-houses/<int:house_id>/caps/", house_caps, name="house_caps"),
    path(
        "shared-houses/<int:house_id>/trondheim-model/",
        house_trondheim_model,
        name="house_trondheim_model",
    ),
    path("shared-houses/<int:house_id>/roles/new/", slot_create, name="slot_create"),
    path("shared-houses/roles/<int:slot_id>/remove/", slot_remove, name="slot_remove"),
]
