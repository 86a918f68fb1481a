"""The search and status filter above the financing and deposit-loan lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class StatusFilterForm(forms.Form):
    """A search box and a status choice: all, open, or one of ``statuses``."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, statuses: type[TextChoices], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), ("open", _("Open")), *statuses.choices]
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"
