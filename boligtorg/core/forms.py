"""Forms of the core app, styled for Designsystemet by ``DesignsystemetMixin``."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.utils.choices import CallableChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AuditAction, Role

T = TypeVar("T")


# Django's <input> widgets (text, number, date, checkbox, ...) are each a template
# that includes input.html, which includes attrs.html: three template renders for
# one tag, on every field of every form. ``FormRenderer`` draws them here instead,
# to the same HTML (a test holds every one to Django's own templates).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
    )
)


def widget_attrs(attrs: dict[str, Any]) -> str:
    """attrs.html in Python: `` name="value"`` each, a bare `` name`` for True,
    nothing for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def input_html(widget: dict[str, Any]) -> str:
    """input.html in Python."""
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        widget_attrs(widget["attrs"]),
    )


# A required field's label says so (Designsystemet's "Må fylles ut" tag).
REQUIRED = pgettext_lazy("form field", "Required")
# A select's empty choice, instead of Django's dashes.
CHOOSE = _("Choose…")
DJANGO_EMPTY_LABEL = "---------"

# The name under which ``FormRenderer`` draws a field with its label, description
# and error (``field_group_html``); not a template file.
FIELD_GROUP = "core/forms/field_group"


def _field_errors(field: BoundField) -> str:
    if not field.errors:
        return ""
    return format_html(
        '\n  <p class="ds-validation-message" data-field="validation" id="{}_error">{}</p>',
        field.auto_id,
        format_html_join(" ", "{}", ((error,) for error in field.errors)),
    )


def _field_choices(field: BoundField) -> str:
    invalid = mark_safe(' aria-invalid="true"') if field.errors else ""  # noqa: S308
    return format_html_join(
        "",
        '\n    <div class="ds-field">'
        '\n      <input type="{}" class="ds-input" name="{}" value="{}" id="{}"{}{}>'
        '\n      <label class="ds-label" data-weight="regular" for="{}">{}</label>'
        "\n    </div>",
        (
            (
                field.field.widget.input_type,
                field.html_name,
                choice.data["value"],
                choice.id_for_label,
                mark_safe(" checked") if choice.data["selected"] else "",  # noqa: S308
                invalid,
                choice.id_for_label,
                choice.choice_label,
            )
            for choice in field
        ),
    )


def _required_tag(*, hidden: bool) -> str:
    return format_html(
        '<span class="ds-tag bt-required" data-color="warning" data-size="sm"{}>{}</span>',
        mark_safe(' aria-hidden="true"') if hidden else "",  # noqa: S308
        REQUIRED,
    )


def _label_html(field: BoundField, *, regular: bool = False) -> str:
    """The field's label; a required field's with Designsystemet's "Required" tag
    beside it. The widget tells a screen reader itself (its ``required`` attribute),
    so the tag is only seen, and it stands outside the label, whose text stays the
    field's name."""
    label = format_html(
        '<label class="ds-label"{} for="{}">{}</label>',
        mark_safe(' data-weight="regular"') if regular else "",  # noqa: S308
        field.id_for_label,
        field.label,
    )
    if not field.field.required:
        return label
    return format_html('<div class="bt-label-row">{} {}</div>', label, _required_tag(hidden=True))


def _legend_html(field: BoundField) -> str:
    """A group's legend; a required group's says so in words, since a group of
    checkboxes or radios has no ``required`` attribute to tell a screen reader."""
    return format_html(
        '<legend class="ds-label">{}{}</legend>',
        field.label,
        format_html(" {}", _required_tag(hidden=False)) if field.field.required else "",
    )


def field_group_html(field: BoundField) -> str:
    """A field as Designsystemet draws one: label (or legend), description, the
    widget (or a radio or checkbox per choice, in a fieldset) and the error, tied
    together by ids for screen readers. Drawn in Python rather than by a template,
    whose variable lookups were 3 % of a list page's Python calls (40,509 -> 39,221
    on the dwelling list)."""
    errors = _field_errors(field)
    if field.use_fieldset:
        return format_html(
            '<fieldset class="ds-fieldset bt-field"{}>\n  {}{}{}{}\n</fieldset>',
            format_html(' aria-describedby="{}_error"', field.auto_id) if field.errors else "",
            _legend_html(field),
            format_html('\n  <p data-field="description">{}</p>', field.help_text)
            if field.help_text
            else "",
            _field_choices(field),
            errors,
        )
    if getattr(field.field.widget, "input_type", None) == "checkbox":
        return format_html(
            '<div class="ds-field bt-field">\n  {}\n  {}{}\n</div>',
            str(field),
            _label_html(field, regular=True),
            errors,
        )
    return format_html(
        '<div class="ds-field bt-field">\n  {}{}\n  {}{}\n</div>',
        _label_html(field),
        format_html(
            '\n  <div data-field="description" id="{}_helptext">{}</div>',
            field.auto_id,
            field.help_text,
        )
        if field.help_text
        else "",
        str(field),
        errors,
    )


class FormRenderer(TemplatesSetting):
    """Render every form with the Designsystemet template of core; its fields
    (``field_group_html``) and their <input> widgets (``INPUT_TEMPLATES``) are drawn
    in Python."""

    form_template_name = "core/forms/form.html"
    field_template_name = FIELD_GROUP

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == FIELD_GROUP:
            return field_group_html(context["field"])
        return super().render(template_name, context, request)


class PlainSelect(forms.Select):
    """A select whose options carry nothing but a value, a label and ``selected``,
    drawn in Python: the filters of the case and dwelling lists are drawn on every
    view of a list, and the template engine pays for every variable of every option
    (Django's own widget includes one template per option). Option groups are not
    drawn: use ``forms.Select`` for a select that has them."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def choose_instead_of_dashes(field: forms.Field) -> None:
    """A select's empty choice reads "Choose…" in the user's language, not Django's
    "---------" (a model field's blank choice, a model choice's empty label)."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField) and not isinstance(
        field.choices, CallableChoiceIterator
    ):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_EMPTY_LABEL):
            # A required radio group needs no empty choice: none is checked until chosen.
            if field.required and isinstance(field.widget, forms.RadioSelect):
                field.choices = choices[1:]
            else:
                field.choices = [("", CHOOSE), *choices[1:]]


def user_label(user: Any) -> str:
    """A user as a picker shows them: full name (username), and the roles held in the
    municipality when the selector prefetched them (``picker_memberships``, see
    ``cases.selectors_team.colleague_list``), so that two people of the same name
    can be told apart and the user sees the role that fits."""
    name = user.get_full_name()
    label = f"{name} ({user.get_username()})" if name else user.get_username()
    memberships = getattr(user, "picker_memberships", None)
    if memberships:
        labels = [label for m in memberships for label in m.role_labels]
        label += " – " + ", ".join(labels)
    return label


class UserChoiceField(forms.ModelChoiceField):
    """A choice of user, labelled by ``user_label`` (name and roles)."""

    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class DesignsystemetMixin:
    """Give every widget the Designsystemet input class and every select a worded
    empty choice; ``field_group_html`` draws label, description and error around it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")
            choose_instead_of_dashes(field)


class LoginForm(DesignsystemetMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong user name or password. Check both and try again."),
        "inactive": _("This account is inactive."),
    }


class ClearsForcedChangeMixin:
    """A password the user chose themselves ends the change an administrator forced
    (``User.must_change_password``), in the same save."""

    user: Any

    def save(self, commit: bool = True) -> Any:
        self.user.must_change_password = False
        return super().save(commit)  # type: ignore[misc]


class PasswordChangeForm(
    DesignsystemetMixin, ClearsForcedChangeMixin, auth_forms.PasswordChangeForm
):
    pass


class SetPasswordForm(DesignsystemetMixin, ClearsForcedChangeMixin, auth_forms.SetPasswordForm):
    """The new password at the end of a reset by e-mail."""


class PasswordResetForm(DesignsystemetMixin, auth_forms.PasswordResetForm):
    def get_users(self, email: str) -> Any:
        """Django's (active users with a usable password and this address), but only
        those who can log in to something: a system administrator, or a member with
        access to an active municipality. The page answers the same either way."""
        for user in super().get_users(email):
            if (
                user.is_superuser
                or user.memberships.filter(is_active=True, municipality__is_active=True).exists()
            ):
                yield user


ERROR_PASSWORD_MISMATCH = _("The two passwords differ. Type the same password twice.")
ERROR_PASSWORD_REQUIRED = _("Type the new password, or choose to generate one.")


class MemberPasswordForm(DesignsystemetMixin, forms.Form):
    """An administrator's new password for a member: typed twice and checked by the
    password validators (errors at the first field), or generated on saving."""

    generate = forms.BooleanField(
        label=_("Generate a password for me (shown once, after saving)"), required=False
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("generate"):
            cleaned["new_password1"] = cleaned["new_password2"] = ""
            return cleaned
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if not first:
            self.add_error("new_password1", ERROR_PASSWORD_REQUIRED)
            return cleaned
        if first != second:
            self.add_error("new_password2", ERROR_PASSWORD_MISMATCH)
            return cleaned
        try:
            password_validation.validate_password(first, user=self.user)
        except ValidationError as exc:
            self.add_error("new_password1", exc)
        return cleaned


class MemberFilterForm(DesignsystemetMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("inactive", _("No access")), ("all", _("All"))],
    )


class MemberForm(DesignsystemetMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role.")},
    )


class MemberCreateForm(MemberForm):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
    )
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=True),
        help_text=_("At least 10 characters. The user must change it at first login."),
    )

    field_order = ["username", "first_name", "last_name", "email", "roles", "password"]


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it sends and shows."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


ERROR_DATE = _("Give a valid date.")
ERROR_DATE_RANGE = _("The last day cannot be before the first day.")


class AuditFilterForm(DesignsystemetMixin, forms.Form):
    """The audit log's filters. ``person`` may hold a national id, so the form is
    posted and the search kept in the session (``core.private_search``)."""

    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput, error_messages={"invalid": ERROR_DATE}
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput, error_messages={"invalid": ERROR_DATE}
    )
    case = forms.CharField(label=_("Case number"), required=False, max_length=20)
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_("Name or national identity number."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", ERROR_DATE_RANGE)
        return cleaned


def service_or_errors(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run the service; on a ValidationError put its messages on the form's fields
    and return None, so that the page re-renders with everything typed."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(exc, form)
        return None


def add_service_errors(exc: ValidationError, *forms: forms.Form) -> None:
    """Put a service's ValidationError on the forms of the page: each field's errors
    on the form that has that field, everything else above the first form."""
    if not hasattr(exc, "error_dict"):
        forms[0].add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = next((form for form in forms if field in form.fields), forms[0])
        target.add_error(field if field in target.fields else None, errors)
