"""Pages of the persons proposed for settlement: the list (filters, search, sort,
export), registering a household with its persons, its page with the answer, the
edit pages, the consent, and the persons one by one. Norway receives IMDi's
distribution lists and Denmark the placement decisions; each municipality's pages
show its own country's kind only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_POST

from boligtorg.core import exports
from boligtorg.core.audit import audit_export, audit_list_read, audit_record
from boligtorg.core.exports import ExportColumn
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs, paginate
from boligtorg.domain.settlement import responsibility

from ..access import READ_ROLES, WRITE_ROLES, can_see_health, can_write
from ..forms.proposals import (
    AcceptForm,
    ConsentForm,
    DeclineForm,
    PersonFormSet,
    ProposalDetailsForm,
    ProposalFilterForm,
    ProposalRegisterForm,
    ProposedPersonForm,
    WithdrawForm,
)
from ..models import Proposal, ProposalSource, ProposalStatus
from ..selectors import proposals as selectors
from ..services import proposals as services


def _crumbs(request: HttpRequest, proposal: Proposal | None = None, current: str = "") -> Any:
    trail = [(_("Proposed for settlement"), reverse("settlement:proposal_list"))]
    if proposal is not None:
        trail.append((str(proposal), reverse("settlement:proposal_detail", args=[proposal.pk])))
    return crumbs(request, *trail, current=current)


def _filters(request: HttpRequest) -> tuple[ProposalFilterForm, dict[str, Any], str]:
    form = ProposalFilterForm(
        request.GET or None,
        source=services.source_for(request.actor.municipality.country),
        years=selectors.proposal_years(actor=request.actor),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    ordering = request.GET.get("sort", selectors.DEFAULT_ORDERING)
    if ordering.lstrip("-") not in selectors.ORDERINGS:
        ordering = selectors.DEFAULT_ORDERING
    return form, {k: v for k, v in filters.items() if v not in ("", None, False)}, ordering


def _list(request: HttpRequest, filters: dict[str, Any], ordering: str) -> Any:
    return selectors.proposal_list(
        actor=request.actor,
        status=filters.get("status", ""),
        source=filters.get("source", ""),
        year=filters.get("year"),
        minors=bool(filters.get("minors")),
        search=filters.get("q", ""),
        ordering=ordering,
    )


@require_GET
@role_required(*READ_ROLES)
def proposal_list(request: HttpRequest) -> HttpResponse:
    """The households proposed; each page shown is one audit event."""
    actor = request.actor
    form, filters, ordering = _filters(request)
    page = paginate(request, _list(request, filters, ordering))
    audit_list_read(
        actor=actor,
        model=Proposal,
        query={**filters, "sort": ordering, "page": page.number},
        ids=[proposal.pk for proposal in page.object_list],
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "settlement/proposals/list.html",
        {
            "form": form,
            "page": page,
            "sort": ordering,
            "filtered": bool(filters),
            "export_query": query.urlencode(),
            "can_write": can_write(actor),
            "crumbs": crumbs(request, current=_("Proposed for settlement")),
        },
    )


def _names(proposal: Proposal) -> str:
    return "; ".join(
        " ".join(filter(None, (p.first_name, p.last_name))) or str(p.date_of_birth)
        for p in proposal.persons.all()
    )


EXPORT_COLUMNS = (
    ExportColumn(gettext_lazy("Reference"), lambda p: p.list_reference),
    ExportColumn(gettext_lazy("Source"), lambda p: p.get_source_display()),
    ExportColumn(gettext_lazy("Received"), lambda p: p.received_on),
    ExportColumn(gettext_lazy("Status"), lambda p: p.get_status_display()),
    ExportColumn(gettext_lazy("Persons"), _names),
    ExportColumn(gettext_lazy("Unaccompanied minor"), lambda p: p.unaccompanied_minor),
    ExportColumn(gettext_lazy("Bedrooms needed"), lambda p: p.bedrooms_needed),
    ExportColumn(gettext_lazy("Needs an accessible dwelling"), lambda p: p.needs_accessible),
    ExportColumn(gettext_lazy("Expected arrival"), lambda p: p.expected_arrival_on),
    ExportColumn(gettext_lazy("Responsible from"), lambda p: p.responsible_from),
    ExportColumn(gettext_lazy("Reason for declining"), lambda p: p.get_decline_reason_display()),
)


@require_GET
@role_required(*READ_ROLES)
def proposal_export(request: HttpRequest) -> HttpResponse:
    """Every proposal the list's filters give, as CSV or XLSX (formula-safe); one
    audit event with the proposals the file holds. Health needs never leave."""
    file_format = exports.export_format(request)
    _form, filters, ordering = _filters(request)
    rows = exports.bounded(_list(request, filters, ordering))
    if rows is None:
        return exports.too_many_rows(request, reverse("settlement:proposal_list"))
    audit_export(
        actor=request.actor,
        model=Proposal,
        query={**filters, "sort": ordering},
        ids=[p.pk for p in rows],
        name="settlement proposals",
        file_format=file_format,
    )
    return exports.export_response(
        file_format=file_format,
        name=pgettext("file name", "settlement-proposals"),
        columns=EXPORT_COLUMNS,
        rows=rows,
    )


@role_required(*WRITE_ROLES)
def proposal_create(request: HttpRequest) -> HttpResponse:
    """Register a household with its persons in one form: the details and up to
    four persons (more are added on the household's page)."""
    actor = request.actor
    country = actor.municipality.country
    data = request.POST or None
    form = ProposalRegisterForm(
        data, country=country, initial={"received_on": timezone.localdate(), "bedrooms_needed": 1}
    )
    persons = PersonFormSet(data, prefix="persons", form_kwargs={"country": country})
    if request.method == "POST":
        form_ok, persons_ok = form.is_valid(), persons.is_valid()
        if form_ok and persons_ok:
            try:
                proposal = services.proposal_register(
                    actor=actor,
                    source=services.source_for(country),
                    persons=persons.persons(),
                    health_needs=form.cleaned_data.get("health_needs", ""),
                    consent_on=form.cleaned_data.get("consent_on"),
                    **form.details(),
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The proposed household is registered."))
                return redirect("settlement:proposal_detail", proposal.pk)
    return render(
        request,
        "settlement/proposals/create.html",
        {
            "form": form,
            "persons": persons,
            "source": dict(ProposalSource.choices)[services.source_for(country)],
            "crumbs": _crumbs(request, current=_("Register a proposed household")),
        },
    )


def _detail(
    request: HttpRequest,
    proposal: Proposal,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
    consent_form: ConsentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.actor
    today = timezone.localdate()
    answer_initial = {"answered_on": today, "version": proposal.version}
    writer = can_write(actor)
    open_without_case = (
        proposal.status in services.EDITABLE_STATUSES and not proposal.application_id
    )
    return render(
        request,
        "settlement/proposals/detail.html",
        {
            "proposal": proposal,
            "persons": list(proposal.persons.all()),
            "can_write": writer,
            "can_answer": writer and proposal.status == ProposalStatus.PROPOSED,
            "can_decline": proposal.source == ProposalSource.DISTRIBUTION_LIST,
            "can_edit_persons": writer and open_without_case,
            "can_make_case": writer
            and proposal.source == ProposalSource.PLACEMENT
            and not proposal.application_id
            and proposal.status != ProposalStatus.DECLINED
            and proposal.status != ProposalStatus.WITHDRAWN,
            "show_health": can_see_health(actor, proposal),
            "responsibility": responsibility(
                proposal.decided_on, consented_from=proposal.consented_from
            )
            if proposal.decided_on
            else None,
            "accept_form": accept_form or AcceptForm(initial=answer_initial, prefix="accept"),
            "decline_form": decline_form or DeclineForm(initial=answer_initial, prefix="decline"),
            "consent_form": consent_form
            or ConsentForm(
                initial={"consent_on": today, "version": proposal.version}, prefix="consent"
            ),
            "crumbs": _crumbs(request, current=str(proposal)),
        },
        status=status,
    )


@require_GET
@role_required(*READ_ROLES)
def proposal_detail(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=settlement_proposal_id)
    return _detail(request, proposal)


def _answer(
    request: HttpRequest, settlement_proposal_id: int, form_class: type, call: Any, done: str
) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=settlement_proposal_id, audit=False)
    prefix = {AcceptForm: "accept", DeclineForm: "decline", ConsentForm: "consent"}[form_class]
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            call(proposal, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, done)
            return redirect("settlement:proposal_detail", proposal.pk)
    return _detail(request, proposal, status=422, **{f"{prefix}_form": form})


@require_POST
@role_required(*WRITE_ROLES)
def proposal_accept(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    def call(proposal: Proposal, data: dict[str, Any]) -> None:
        services.proposal_accept(
            actor=request.actor,
            proposal=proposal,
            answered_on=data["answered_on"],
            expected_arrival_on=data["expected_arrival_on"],
            version=data["version"],
        )

    return _answer(
        request, settlement_proposal_id, AcceptForm, call, _("The proposal is accepted.")
    )


@require_POST
@role_required(*WRITE_ROLES)
def proposal_decline(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    def call(proposal: Proposal, data: dict[str, Any]) -> None:
        services.proposal_decline(
            actor=request.actor,
            proposal=proposal,
            answered_on=data["answered_on"],
            reason=data["reason"],
            note=data["note"],
            version=data["version"],
        )

    return _answer(
        request, settlement_proposal_id, DeclineForm, call, _("The proposal is declined.")
    )


@require_POST
@role_required(*WRITE_ROLES)
def proposal_consent(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    def call(proposal: Proposal, data: dict[str, Any]) -> None:
        services.proposal_consent_record(
            actor=request.actor,
            proposal=proposal,
            consent_on=data["consent_on"],
            version=data["version"],
        )

    return _answer(
        request, settlement_proposal_id, ConsentForm, call, _("The consent is recorded.")
    )


@require_POST
@role_required(*WRITE_ROLES)
def proposal_case_create(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=settlement_proposal_id, audit=False)
    try:
        services.proposal_case_create(actor=request.actor, proposal=proposal)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The housing case is made from the settlement record."))
    return redirect("settlement:proposal_detail", proposal.pk)


@role_required(*WRITE_ROLES)
def proposal_edit(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    """The household's details; the health needs only for those who may see them."""
    actor = request.actor
    # Opening the form shows the household (and health needs to those who may see
    # them): audited as a read; a post is audited by the service's write.
    proposal = selectors.proposal_get(
        actor=actor, pk=settlement_proposal_id, audit=request.method != "POST"
    )
    if proposal.status not in services.EDITABLE_STATUSES:
        raise Http404
    health = can_see_health(actor, proposal)
    initial = {name: getattr(proposal, name) for name in services.DETAIL_FIELDS}
    initial.update(version=proposal.version, health_needs=proposal.health_needs if health else "")
    form = ProposalDetailsForm(
        request.POST or None,
        country=actor.municipality.country,
        health=health,
        version=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                actor=actor,
                proposal=proposal,
                version=form.cleaned_data["version"],
                health_needs=form.cleaned_data["health_needs"] if health else None,
                **form.details(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The household's details are saved."))
            return redirect("settlement:proposal_detail", proposal.pk)
    title = _("Edit the household's details")
    return render(
        request,
        "settlement/proposals/form.html",
        {
            "proposal": proposal,
            "form": form,
            "title": title,
            "health_hidden": not health,
            "submit": _("Save"),
            "crumbs": _crumbs(request, proposal, title),
        },
    )


@role_required(*WRITE_ROLES)
def proposal_withdraw(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=settlement_proposal_id, audit=False)
    form = WithdrawForm(request.POST or None, initial={"version": proposal.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_withdraw(
                actor=request.actor,
                proposal=proposal,
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The proposal is withdrawn."))
            return redirect("settlement:proposal_detail", proposal.pk)
    title = _("Withdraw the proposal")
    return render(
        request,
        "settlement/proposals/form.html",
        {
            "proposal": proposal,
            "form": form,
            "title": title,
            "lead": _(
                "IMDi or the Immigration Service withdrew the proposal. The household is "
                "no longer expected; this cannot be undone."
            ),
            "submit": title,
            "danger": True,
            "crumbs": _crumbs(request, proposal, title),
        },
    )


@role_required(*WRITE_ROLES)
def proposed_person_add(request: HttpRequest, settlement_proposal_id: int) -> HttpResponse:
    actor = request.actor
    proposal = selectors.proposal_get(actor=actor, pk=settlement_proposal_id, audit=False)
    form = ProposedPersonForm(request.POST or None, country=actor.municipality.country)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposed_person_add(actor=actor, proposal=proposal, **form.person())
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The person is added."))
            return redirect("settlement:proposal_detail", proposal.pk)
    title = _("Add a person")
    return render(
        request,
        "settlement/proposals/form.html",
        {
            "proposal": proposal,
            "form": form,
            "title": title,
            "submit": title,
            "crumbs": _crumbs(request, proposal, title),
        },
    )


@role_required(*WRITE_ROLES)
def proposed_person_edit(request: HttpRequest, proposed_person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.proposed_person_get(actor=actor, pk=proposed_person_id)
    proposal = person.proposal
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    initial["version"] = proposal.version
    form = ProposedPersonForm(
        request.POST or None, country=actor.municipality.country, initial=initial
    )
    if request.method != "POST":
        # The form shows the person's name, birth date and national id.
        audit_record(actor=actor, action=AuditAction.VIEW, obj=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposed_person_update(
                actor=actor,
                person=person,
                version=form.cleaned_data.get("version"),
                **form.person(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The person is saved."))
            return redirect("settlement:proposal_detail", proposal.pk)
    title = _("Edit a person")
    return render(
        request,
        "settlement/proposals/form.html",
        {
            "proposal": proposal,
            "form": form,
            "title": title,
            "submit": _("Save"),
            "crumbs": _crumbs(request, proposal, title),
        },
    )


@role_required(*WRITE_ROLES)
def proposed_person_remove(request: HttpRequest, proposed_person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.proposed_person_get(actor=actor, pk=proposed_person_id)
    proposal = person.proposal
    form = WithdrawForm(request.POST or None, initial={"version": proposal.version})
    del form.fields["note"]
    if request.method == "POST" and form.is_valid():
        try:
            services.proposed_person_remove(
                actor=actor, person=person, version=form.cleaned_data.get("version")
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The person is removed."))
            return redirect("settlement:proposal_detail", proposal.pk)
    title = _("Remove a person")
    return render(
        request,
        "settlement/proposals/form.html",
        {
            "proposal": proposal,
            "form": form,
            "title": title,
            "lead": _("Remove %(person)s from the proposed household?") % {"person": person},
            "submit": _("Remove"),
            "danger": True,
            "crumbs": _crumbs(request, proposal, title),
        },
    )
