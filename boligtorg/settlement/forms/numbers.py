"""Forms of the yearly numbers: one form for a version of a figure, showing only the
fields its kind keeps; the year selector of the overview and the figures. The rules
are in ``services.numbers``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligtorg.core.forms import DateInput, DesignsystemetMixin

from ..models import QuotaSetBy, TargetKind
from ..services.numbers import FIELDS_BY_KIND, year_range

HELP_BY_KIND = {
    TargetKind.IMDI_REQUEST: _("The number IMDi asks the municipality to settle in the year."),
    TargetKind.COUNCIL_DECISION: _("The number the council decided to settle in the year."),
    TargetKind.QUOTA: _("The municipality's quota (kommunekvote) of the year's national figure."),
}


def _count(label: Any, *, required: bool = False, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=0, help_text=help_text)


class TargetForm(DesignsystemetMixin, forms.Form):
    """A version of a year's figure of one kind."""

    year = forms.IntegerField(label=_("Year"))
    dated_on = forms.DateField(label=_("Dated"), widget=DateInput())
    national_figure = _count(_("National figure (landstal)"))
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    regional_quota = _count(_("Regional quota"))
    total = _count(_("Refugees"), required=True)
    minors = _count(_("Of them unaccompanied minors"))
    next_year_total = _count(_("Plan figure for the year after"))
    next_year_minors = _count(_("Plan figure for the year after, unaccompanied minors"))
    set_by = forms.ChoiceField(
        label=_("Set by"), required=False, choices=QuotaSetBy.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(label=_("Case reference"), required=False, max_length=100)
    document = forms.FileField(
        label=_("Document (PDF)"),
        required=False,
        help_text=_("The letter or the decision as a PDF file."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        kept = FIELDS_BY_KIND[kind]
        for name in list(self.fields):
            if name != "year" and name not in kept:
                del self.fields[name]
        first, last = year_range()
        self.fields["year"].help_text = _("From %(first)s to %(last)s.") % {
            "first": first,
            "last": last,
        }
        self.fields["total"].help_text = HELP_BY_KIND[kind]
        if kind == TargetKind.QUOTA:
            self.fields["total"].label = _("Municipal quota (kommunekvote)")
            self.fields["minors"].label = _("Of them unaccompanied minors, if known")
            self.fields["set_by"].required = True
        if kind == TargetKind.COUNCIL_DECISION:
            self.fields["dated_on"].label = _("Decided")

    def fields_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("year", None)
        if not data.get("document"):
            data.pop("document", None)
        return data


class YearForm(DesignsystemetMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # Unbound, the field shows the year the page shows.
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(data, **kwargs)

    def year_or_default(self) -> int:
        chosen = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else None
        return chosen or timezone.localdate().year
