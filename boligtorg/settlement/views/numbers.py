"""Pages of the yearly numbers: the overview of a year's settlement, the figures by
year, one version with the history of its figure, registering a figure or a change
(a new version), and the version's document. Each country sees only its kinds: a
Danish municipality never sees IMDi's request or the council's decision, a Norwegian
never the quota (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligtorg.core.audit import audit_list_read, audit_record
from boligtorg.core.files import stored_file_missing, stored_file_open, stored_pdf_response
from boligtorg.core.forms import add_service_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import role_required
from boligtorg.core.views import crumbs

from ..access import READ_ROLES, WRITE_ROLES, can_see_figures, can_write
from ..forms.numbers import TargetForm, YearForm
from ..models import ProposedPerson, SettlementTarget, TargetKind
from ..selectors import numbers as selectors
from ..services import numbers as services

SUBMIT_BY_KIND = {
    TargetKind.IMDI_REQUEST: gettext_lazy("Register the request"),
    TargetKind.COUNCIL_DECISION: gettext_lazy("Register the decision"),
    TargetKind.QUOTA: gettext_lazy("Register the quota"),
}


def _numbers_crumbs(request: HttpRequest, *trail: tuple[str, str], current: str = "") -> Any:
    return crumbs(
        request,
        (_("Settlement"), reverse("settlement:overview")),
        (_("Yearly numbers"), reverse("settlement:target_list")),
        *trail,
        current=current,
    )


def _years(request: HttpRequest) -> tuple[YearForm, list[int]]:
    """The chosen year, else this year and the next."""
    form = YearForm(request.GET or None, initial={})
    form.fields["year"].help_text = _("Empty: this year and the next.")
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        return form, [form.cleaned_data["year"]]
    this_year = timezone.localdate().year
    return form, [this_year, this_year + 1]


@role_required(*READ_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    """The year's figure in force against the persons settled, of them unaccompanied
    minors, the remaining, those accepted and expected, and those declined; with the
    persons settled listed (a read of persons: audited)."""
    actor = request.actor
    form, years = _years(request)
    overviews = []
    for year in years:
        settled = list(selectors.settled_persons(actor=actor, year=year))
        overviews.append((selectors.year_overview(actor=actor, year=year), settled))
        audit_list_read(
            actor=actor,
            model=ProposedPerson,
            query={"year": year, "status": "settled"},
            ids=[person.pk for person in settled],
            name="settled",
        )
    return render(
        request,
        "settlement/numbers/overview.html",
        {
            "form": form,
            "overviews": overviews,
            "kinds": services.kinds_for(actor),
            "can_write": can_write(actor),
            "can_see_figures": can_see_figures(actor),
            "crumbs": crumbs(request, current=_("Settlement")),
        },
    )


@role_required(*READ_ROLES)
def target_list(request: HttpRequest) -> HttpResponse:
    """Each year's figures: the version in force of each kind, with the way to
    register one or a change."""
    actor = request.actor
    this_year = timezone.localdate().year
    years = sorted({*selectors.target_years(actor=actor), this_year, this_year + 1}, reverse=True)
    kinds = services.kinds_for(actor)
    by_year = selectors.targets_in_force_by_year(actor=actor, years=years)
    rows = [
        (year, [(kind, TargetKind(kind).label, by_year[year].get(kind)) for kind in kinds])
        for year in years
    ]
    return render(
        request,
        "settlement/numbers/list.html",
        {
            "years": rows,
            "first_year": services.year_range()[0],
            "last_year": services.year_range()[1],
            "can_write": can_write(actor),
            "crumbs": crumbs(
                request,
                (_("Settlement"), reverse("settlement:overview")),
                current=_("Yearly numbers"),
            ),
        },
    )


def _record(
    request: HttpRequest, *, kind: str, initial: dict[str, Any], based_on: SettlementTarget | None
) -> HttpResponse:
    actor = request.actor
    form = TargetForm(request.POST or None, request.FILES or None, kind=kind, initial=initial)
    if based_on is not None:
        form.fields["year"].disabled = True
    if request.method == "POST":
        valid = form.is_valid()
        year = based_on.year if based_on else form.cleaned_data.get("year")
        try:
            if not valid:
                # The service's rules too, so that every error shows at once.
                fields = {name: form.cleaned_data.get(name) for name in form.fields}
                errors = services.target_errors(
                    kinds=services.kinds_for(actor), kind=kind, year=year, fields=fields
                )
                raise ValidationError(
                    {name: found for name, found in errors.items() if name not in form.errors}
                )
            target = services.target_record(
                actor=actor, kind=kind, year=year, **form.fields_for_service()
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(kind)s for %(year)s registered as version %(version)s.")
                % {
                    "kind": target.get_kind_display(),
                    "year": target.year,
                    "version": target.version,
                },
            )
            return redirect("settlement:target_detail", target.pk)
    label = TargetKind(kind).label
    if based_on is not None:
        title = _("Change the %(kind)s for %(year)s") % {
            "kind": str(label).lower(),
            "year": based_on.year,
        }
        trail = [(str(based_on), reverse("settlement:target_detail", args=[based_on.pk]))]
    else:
        title = _("Register: %(kind)s") % {"kind": label}
        trail = []
    return render(
        request,
        "settlement/numbers/form.html",
        {
            "form": form,
            "kind": kind,
            "title": title,
            "based_on": based_on,
            "submit": SUBMIT_BY_KIND[kind],
            "crumbs": _numbers_crumbs(request, *trail, current=title),
        },
    )


@role_required(*WRITE_ROLES)
def target_create(request: HttpRequest) -> HttpResponse:
    """Register the first version of a year's figure (a later one when the year
    already has one: a change is a new version either way)."""
    kind = request.GET.get("kind", "")
    if kind not in services.kinds_for(request.actor):
        raise Http404
    year_given = request.GET.get("year", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    year = (
        int(year_given)
        if year_given.isascii() and year_given.isdigit() and len(year_given) == 4
        else timezone.localdate().year + 1
    )
    return _record(
        request,
        kind=kind,
        initial={"year": year, "dated_on": timezone.localdate(), "minors": 0},
        based_on=None,
    )


@role_required(*WRITE_ROLES)
def target_change(request: HttpRequest, settlement_target_id: int) -> HttpResponse:
    """Register a change as a new version, starting from this version's figures."""
    based_on = selectors.target_get(actor=request.actor, pk=settlement_target_id)
    initial = {
        name: getattr(based_on, name)
        for name in services.FIELDS_BY_KIND[based_on.kind]
        if name != "document"
    }
    initial.update(year=based_on.year, dated_on=timezone.localdate())
    return _record(request, kind=based_on.kind, initial=initial, based_on=based_on)


@role_required(*READ_ROLES)
def target_detail(request: HttpRequest, settlement_target_id: int) -> HttpResponse:
    """One version of a figure, with every version of its kind and year."""
    actor = request.actor
    target = selectors.target_get(actor=actor, pk=settlement_target_id)
    versions = selectors.target_versions(actor=actor, kind=target.kind, year=target.year)
    return render(
        request,
        "settlement/numbers/detail.html",
        {
            "target": target,
            "versions": versions,
            "in_force": versions[0],
            "fields": services.FIELDS_BY_KIND[target.kind],
            "may_change": can_write(actor)
            and services.year_range()[0] <= target.year <= services.year_range()[1],
            "crumbs": _numbers_crumbs(request, current=str(target)),
        },
    )


@role_required(*READ_ROLES)
def target_document(request: HttpRequest, settlement_target_id: int) -> HttpResponse:
    """The version's document (PDF), as a download; the read is audited."""
    actor = request.actor
    target = selectors.target_get(actor=actor, pk=settlement_target_id)
    if not target.document:
        raise Http404
    opened = stored_file_open(target.document)
    if opened is None:
        return stored_file_missing(
            request,
            document=str(target),
            back_url=reverse("settlement:target_detail", args=[target.pk]),
            back_label=str(target),
        )
    audit_record(actor=actor, action=AuditAction.VIEW, obj=target, changes={"document": True})
    filename = f"{target.kind}-{target.year}-v{target.version}.pdf"
    return stored_pdf_response(opened, filename)
