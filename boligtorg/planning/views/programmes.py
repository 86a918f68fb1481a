"""Pages of the housing programme (seed 004): the list, a programme with its
needs, projects and coverage, its mapped persons, the grouping page, and the
forms. Thin: they parse input and call selectors and services. Reads of mapped
persons are audited: they are persons' data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boligtorg.cases.access import application_get, can_read
from boligtorg.cases.models import Application
from boligtorg.core.audit import audit_record
from boligtorg.core.forms import add_service_errors, service_or_errors
from boligtorg.core.models import AuditAction
from boligtorg.core.permissions import Actor, role_required
from boligtorg.core.query import id_from_query
from boligtorg.core.views import crumbs, paginate
from boligtorg.domain import programme as rules

from .. import selectors_programmes as selectors
from ..forms_programmes import CaseSearchForm, MappedPersonForm, ProgrammeForm, ProjectForm
from ..models import HousingProgramme, MappedPerson, NeedKind, Project
from ..services import programmes as services
from .common import confirm_page, form_page

READ_ROLES = selectors.READ_ROLES
WRITE_ROLES = selectors.WRITE_ROLES
PERSON_ROLES = selectors.PERSON_ROLES


def _crumbs(
    request: HttpRequest, programme: HousingProgramme | None = None, current: str = ""
) -> list[tuple[str, str]]:
    """Dashboard › Housing programmes › the programme › ``current``."""
    return crumbs(
        request,
        (_("Housing programmes"), reverse("planning:programme_list")),
        programme and (programme.name, reverse("planning:programme_detail", args=[programme.pk])),
        current=current,
    )


def _detail_url(programme: HousingProgramme, anchor: str = "") -> str:
    url = reverse("planning:programme_detail", args=[programme.pk])
    return f"{url}#{anchor}" if anchor else url


# The list and the programme -----------------------------------------------------------


@role_required(*READ_ROLES)
def programme_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor
    return render(
        request,
        "planning/programmes/programme_list.html",
        {
            "page": paginate(request, selectors.programme_list(actor=actor)),
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request),
        },
    )


@role_required(*READ_ROLES)
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor: Actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    coverage = selectors.coverage_of(programme)
    return render(
        request,
        "planning/programmes/programme_detail.html",
        {
            "programme": programme,
            "needs": selectors.need_list(programme),
            "projects": selectors.project_queryset(programme),
            "person_count": programme.persons.count(),
            "coverage": coverage,
            "coverage_rows": _coverage_rows(coverage),
            "financing": selectors.financing_total(programme),
            "can_edit": selectors.can_write(actor),
            "can_see_persons": selectors.can_see_persons(actor),
            "crumbs": _crumbs(request, programme),
        },
    )


def _coverage_rows(coverage: rules.Coverage) -> list[tuple[str, tuple[rules.YearCoverage, ...]]]:
    rows = [(str(NeedKind(kind).label), cells) for kind, cells in coverage.by_kind.items()]
    rows.append((_("All needs"), coverage.total))
    return rows


@role_required(*WRITE_ROLES)
def programme_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_or_errors(
            form, lambda: services.programme_create(actor=actor, **form.cleaned_data)
        )
        if made:
            messages.success(request, _("The programme is created. Map the persons next."))
            return redirect(_detail_url(made))
    title = _("New housing programme")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, current=title),
        submit=_("Create the programme"),
        back=reverse("planning:programme_list"),
        intro=_(
            "A housing programme maps the persons expected to need a dwelling in the coming "
            "years, groups them into needs and plans the projects that cover them."
        ),
    )


@role_required(*WRITE_ROLES)
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    initial = {
        "name": programme.name,
        "description": programme.description,
        "first_year": programme.first_year,
        "last_year": programme.last_year,
    }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = service_or_errors(
            form,
            lambda: services.programme_update(
                actor=actor, programme=programme, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("The programme is saved."))
            return redirect(_detail_url(programme))
    title = _("Edit the programme")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, programme, title),
        submit=_("Save"),
        back=_detail_url(programme),
    )


@role_required(*WRITE_ROLES)
def programme_delete(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    if request.method == "POST":
        services.programme_delete(actor=actor, programme=programme)
        messages.success(request, _("The programme is deleted."))
        return redirect("planning:programme_list")
    return confirm_page(
        request,
        question=_("Delete the programme?"),
        lead=programme.name,
        warning=_(
            "Its mapped persons, needs and projects are deleted with it. This cannot be undone."
        ),
        submit=_("Delete the programme"),
        back=_detail_url(programme),
        trail=_crumbs(request, programme, _("Delete")),
    )


# Mapped persons ---------------------------------------------------------------------


@role_required(*PERSON_ROLES)
def mapped_person_list(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor: Actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    page = paginate(request, selectors.mapped_person_queryset(programme))
    audit_record(actor=actor, action=AuditAction.VIEW, obj=programme, changes={"persons": []})
    return render(
        request,
        "planning/programmes/person_list.html",
        {
            "programme": programme,
            "page": page,
            "rows": selectors.person_rows(actor=actor, persons=list(page.object_list)),
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request, programme, _("Mapped persons")),
        },
    )


def _person_form(
    request: HttpRequest,
    actor: Actor,
    programme: HousingProgramme,
    person: MappedPerson | None = None,
    **kw: Any,
) -> MappedPersonForm:
    others = programme.persons.order_by("pseudonym")
    kept_case = None
    if person is not None:
        others = others.exclude(pk=person.pk)
        if person.application is not None and not can_read(actor, person.application):
            kept_case = person.application
    return MappedPersonForm(
        request.POST or None,
        cases=selectors.case_choices(actor=actor),
        target_groups=selectors.target_group_choices(actor=actor),
        others=others,
        kept_case=kept_case,
        **kw,
    )


def _person_saved(form: MappedPersonForm, call: Any) -> MappedPerson | None:
    """``service_or_errors`` with the service's ``application`` errors shown at the
    case number field, where the planner typed it."""
    try:
        return call()
    except ValidationError as exc:
        moved = hasattr(exc, "error_dict") and "application" in exc.error_dict
        if moved and "case_number" in form.fields:
            exc.error_dict["case_number"] = exc.error_dict.pop("application")
        add_service_errors(exc, form)
        return None


def _persons_url(programme: HousingProgramme) -> str:
    return reverse("planning:mapped_person_list", args=[programme.pk])


def _case_read(actor: Actor, programme: HousingProgramme, application_id: str) -> Application:
    """The case a person is mapped from: 404 outside the municipality, 403 for a
    case the actor may not read; the read is audited with the programme named."""
    pk = id_from_query(application_id)
    if pk is None:
        raise Http404
    application = application_get(actor=actor, pk=pk, audit=False)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=application,
        changes={"mapped_in_programme": [programme.pk]},
    )
    return application


@role_required(*WRITE_ROLES)
def mapped_person_from_case(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Find the case to map a person from: by case number or name, among the cases
    of the municipality the actor may read."""
    actor: Actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    form = CaseSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, selectors.case_search(actor=actor, programme=programme, search=search))
    title = _("Map a person from a case")
    return render(
        request,
        "planning/programmes/case_search.html",
        {
            "programme": programme,
            "form": form,
            "search": search,
            "page": page,
            "title": title,
            "crumbs": _crumbs(request, programme, title),
        },
    )


@role_required(*WRITE_ROLES)
def mapped_person_create(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    case = None
    initial: dict[str, Any] = {"expected_year": programme.first_year}
    if "case" in request.GET:
        case = _case_read(actor, programme, request.GET["case"])
        initial = selectors.case_prefill(
            programme=programme, application=case, today=timezone.localdate()
        )
    form = _person_form(request, actor, programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = _person_saved(
            form,
            lambda: services.mapped_person_add(
                actor=actor, programme=programme, **form.service_data()
            ),
        )
        if made:
            messages.success(request, _("%(name)s is mapped.") % {"name": made.pseudonym})
            if "another" in request.POST:
                return redirect(reverse("planning:mapped_person_create", args=[programme.pk]))
            return redirect(_persons_url(programme))
    title = _("Map a person")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, programme, title),
        submit=_("Map the person"),
        another=_("Map and add another"),
        back=_persons_url(programme),
        lead=programme.name,
        intro=_(
            "From the mapping interview: who is expected to need a dwelling, from which year, "
            "and what kind of home and neighbours suit them."
        ),
        template="planning/programmes/person_form.html",
        case=case,
        case_visible=case is not None,
        from_case_url=reverse("planning:mapped_person_from_case", args=[programme.pk]),
    )


@role_required(*WRITE_ROLES)
def mapped_person_edit(request: HttpRequest, mapped_person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.mapped_person_get(actor=actor, mapped_person_id=mapped_person_id)
    programme = person.programme
    audit_record(actor=actor, action=AuditAction.VIEW, obj=person)
    form = _person_form(request, actor, programme, person=person, initial=_person_initial(person))
    if request.method == "POST" and form.is_valid():
        done = _person_saved(
            form,
            lambda: services.mapped_person_update(
                actor=actor, person=person, **form.service_data()
            ),
        )
        if done:
            messages.success(request, _("%(name)s is saved.") % {"name": person.pseudonym})
            return redirect(_persons_url(programme))
    title = _("Edit %(name)s") % {"name": person.pseudonym}
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, programme, title),
        submit=_("Save"),
        back=_persons_url(programme),
        lead=programme.name,
        delete_url=reverse("planning:mapped_person_delete", args=[person.pk]),
        template="planning/programmes/person_form.html",
        case=person.application,
        case_visible=form.kept_case is None and person.application is not None,
    )


def _person_initial(person: MappedPerson) -> dict[str, Any]:
    return {
        "case_number": person.application.number if person.application else "",
        "pseudonym": person.pseudonym,
        "age_group": person.age_group,
        "gender": person.gender,
        "target_group": person.target_group,
        "expected_year": person.expected_year,
        "need": person.need,
        "interests": person.interests,
        "avoid": list(person.avoid.all()),
    }


@role_required(*WRITE_ROLES)
def mapped_person_delete(request: HttpRequest, mapped_person_id: int) -> HttpResponse:
    actor = request.actor
    person = selectors.mapped_person_get(actor=actor, mapped_person_id=mapped_person_id)
    programme = person.programme
    if request.method == "POST":
        services.mapped_person_delete(actor=actor, person=person)
        messages.success(request, _("The mapped person is deleted."))
        return redirect(_persons_url(programme))
    return confirm_page(
        request,
        question=_("Delete %(name)s from the programme?") % {"name": person.pseudonym},
        lead=programme.name,
        warning=_("The person no longer counts toward the need. The case is not changed."),
        submit=_("Delete"),
        back=_persons_url(programme),
        trail=_crumbs(request, programme, _("Delete")),
    )


# Grouping ---------------------------------------------------------------------------


@role_required(*PERSON_ROLES)
def programme_grouping(request: HttpRequest, programme_id: int) -> HttpResponse:
    """GET: the page with the button; POST "propose": run the solver and show its
    groups; POST "accept": make the shown grouping the programme's needs."""
    actor: Actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    proposal = None
    error = ""
    if request.method == "POST" and "accept" in request.POST:
        partition = selectors.decode_partition(request.POST.get("partition", ""))
        if partition is None:
            error = str(services.ERROR_GROUPING_BROKEN)
        else:
            try:
                services.programme_needs_accept(
                    actor=actor, programme=programme, partition=partition
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("The grouping is accepted as the programme's needs."))
                return redirect(_detail_url(programme, "needs-heading"))
    elif request.method == "POST":
        proposal = selectors.grouping_propose(actor=actor, programme=programme)
        audit_record(actor=actor, action=AuditAction.VIEW, obj=programme, changes={"grouping": []})
    title = _("Group the mapped persons")
    return render(
        request,
        "planning/programmes/grouping.html",
        {
            "programme": programme,
            "proposal": proposal,
            "error": error,
            "person_count": programme.persons.count(),
            "can_edit": selectors.can_write(actor),
            "crumbs": _crumbs(request, programme, title),
            "title": title,
        },
    )


# Projects ---------------------------------------------------------------------------


GRORUD_INITIAL = dict(
    zip(("own_funds", "investment_grant", "loans"), rules.GRORUD_SHARES, strict=True)
)


def _project_form(request: HttpRequest, programme: HousingProgramme, initial: dict) -> ProjectForm:
    """The form; the button with the common assumption (seed 003, Grorud) fills in
    30 / 70 / 0 % and keeps the rest of what was typed, without saving."""
    needs = programme.needs.order_by("position", "pk")
    if request.method == "POST" and "grorud" in request.POST:
        data = request.POST.copy()
        data["entry"] = "percent"
        for name, value in GRORUD_INITIAL.items():
            data[name] = str(value)
        return ProjectForm(
            initial={**initial, **data.dict(), "needs": data.getlist("needs")}, needs=needs
        )
    return ProjectForm(request.POST or None, initial=initial, needs=needs)


@role_required(*WRITE_ROLES)
def project_create(request: HttpRequest, programme_id: int) -> HttpResponse:
    actor = request.actor
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    form = _project_form(request, programme, {"year": programme.first_year, **GRORUD_INITIAL})
    if form.is_bound and form.is_valid():
        made = service_or_errors(
            form,
            lambda: services.project_create(
                actor=actor, programme=programme, **form.service_data()
            ),
        )
        if made:
            messages.success(request, _("The project is added."))
            return redirect(_detail_url(programme, "projects-heading"))
    title = _("New project")
    return form_page(
        request,
        form,
        title,
        trail=_crumbs(request, programme, title),
        submit=_("Add the project"),
        back=_detail_url(programme, "projects-heading"),
        lead=programme.name,
        grorud=True,
        intro=_(
            "Own funds, the Husbanken investment grant and loans must add up to the cost. "
            "Give them as percentages of the cost or as amounts."
        ),
    )


@role_required(*READ_ROLES)
def project_edit(request: HttpRequest, programme_project_id: int) -> HttpResponse:
    """The project's page: its form for planners and managers, its facts for others."""
    actor: Actor = request.actor
    project = selectors.project_get(actor=actor, project_id=programme_project_id)
    programme = project.programme
    if not selectors.can_write(actor):
        return render(
            request,
            "planning/programmes/project_detail.html",
            {
                "project": project,
                "programme": programme,
                "shares": rules.shares_of(
                    project.cost, project.own_funds, project.investment_grant, project.loans
                ),
                "crumbs": _crumbs(request, programme, project.name),
            },
        )
    initial = {
        "name": project.name,
        "kind": project.kind,
        "status": project.status,
        "year": project.year,
        "units": project.units,
        "need_kind": project.need_kind,
        "needs": list(project.needs.all()),
        "cost": project.cost,
        "entry": "amounts",
        "own_funds": project.own_funds,
        "investment_grant": project.investment_grant,
        "loans": project.loans,
    }
    form = _project_form(request, programme, initial)
    if form.is_bound and form.is_valid():
        done = service_or_errors(
            form,
            lambda: services.project_update(actor=actor, project=project, **form.service_data()),
        )
        if done:
            messages.success(request, _("The project is saved."))
            return redirect(_detail_url(programme, "projects-heading"))
    return form_page(
        request,
        form,
        project.name,
        trail=_crumbs(request, programme, project.name),
        submit=_("Save"),
        back=_detail_url(programme, "projects-heading"),
        lead=programme.name,
        grorud=True,
        delete_url=reverse("planning:project_delete", args=[project.pk]),
    )


@role_required(*WRITE_ROLES)
def project_delete(request: HttpRequest, programme_project_id: int) -> HttpResponse:
    actor = request.actor
    project: Project = selectors.project_get(actor=actor, project_id=programme_project_id)
    programme = project.programme
    if request.method == "POST":
        services.project_delete(actor=actor, project=project)
        messages.success(request, _("The project is deleted."))
        return redirect(_detail_url(programme, "projects-heading"))
    return confirm_page(
        request,
        question=_("Delete the project?"),
        lead=project.name,
        warning=_("Its units no longer count toward the coverage. This cannot be undone."),
        submit=_("Delete the project"),
        back=reverse("planning:project_edit", args=[project.pk]),
        trail=_crumbs(request, programme, _("Delete")),
    )
