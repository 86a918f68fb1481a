"""What the planning pages share: a page with one form, and a confirmation
before a destructive step."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    *,
    trail: list[tuple[str, str]],
    submit: str,
    back: str,
    intro: str = "",
    lead: str = "",
    template: str = "planning/form.html",
    **extra: Any,
) -> HttpResponse:
    """A page with one form: title, optional lead and help, submit and cancel."""
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "lead": lead,
        "submit": submit,
        "back": back,
        "crumbs": trail,
        **extra,
    }
    return render(request, template, context)


def confirm_page(
    request: HttpRequest,
    *,
    question: str,
    warning: str,
    submit: str,
    back: str,
    trail: list[tuple[str, str]],
    lead: str = "",
    title: str = "",
) -> HttpResponse:
    """A confirmation before a destructive step (``title`` names the page when
    it differs from the question)."""
    return render(
        request,
        "planning/confirm.html",
        {
            "title": title,
            "question": question,
            "lead": lead,
            "warning": warning,
            "submit": submit,
            "back": back,
            "crumbs": trail,
        },
    )
