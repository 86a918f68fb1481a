"""Pagination of the API's lists: page numbers bounded to what the database can
slice, and the lists of persons audited page by page, with the refusal of a
national id in a URL."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination

from boligtorg.api.inputs import InputSchema
from boligtorg.core.audit import audit_list_read
from boligtorg.core.private_search import looks_like_national_id

# No list comes near this many pages (100,000 cases are 4,000 pages of 25); the bound
# keeps the page's offset inside the 64-bit integer the database slices with.
MAX_PAGE = 1_000_000


class BoundedPageNumberPagination(PageNumberPagination):
    """Page numbers from 1 to ``MAX_PAGE``: a larger one answers 422 naming ``page``
    (unbounded, ``?page=99999999999999999999`` overflowed the ORM's slice or the
    database's OFFSET and answered 500). A page past the last is an empty page."""

    class Input(InputSchema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)  # at most the list's max_page_size


class AuditedPageNumberPagination(BoundedPageNumberPagination):
    """Page-number pagination that writes one audit event for the page it cut: the
    caller, the list (``label``, else the queryset's model), the operation's
    parameters and page, and the ids of the rows returned, in their order (one
    insert per page). For the lists that show persons.

    The page is evaluated here, once, so the ids are those of the rows sent.
    Rows may be model objects or dicts; ``id_key`` names a dict's id, ``label`` the
    kind of row (needed for a list of dicts) and ``name`` the list (see
    ``core.audit.audit_list_read``)."""

    def __init__(
        self, *, label: str = "", name: str = "list", id_key: str = "id", **kwargs: Any
    ) -> None:
        self.label = label
        self.name = name
        self.id_key = id_key
        super().__init__(**kwargs)

    def paginate_queryset(
        self,
        queryset: QuerySet | list,
        pagination: PageNumberPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        rows = list(result[self.items_attribute])
        result[self.items_attribute] = rows
        actor = request.auth
        if actor is not None:
            audit_list_read(
                actor=actor,
                model=self.label or queryset.model,
                query={
                    **_flat(params),
                    "page": pagination.page,
                    "page_size": self._get_page_size(pagination.page_size),
                },
                ids=[self._id(row) for row in rows],
                name=self.name,
            )
        return result

    def _id(self, row: Any) -> Any:
        return row[self.id_key] if isinstance(row, dict) else row.pk


def _flat(params: dict[str, Any]) -> dict[str, Any]:
    """The operation's parameters with a body (a search posted) spread into its
    fields, so that a search reads the same posted or in the query string."""
    flat: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, Schema):
            flat.update(value.dict())
        else:
            flat[key] = value
    return flat


def refuse_national_id_in_url(value: str, *, field: str, post_to: str) -> None:
    """A 422 naming ``field`` when ``value`` (from the query string) holds a run of
    digits shaped like a national id: a URL lands in access logs, so the id must be
    posted to ``post_to`` instead."""
    if looks_like_national_id(value):
        raise ValidationError(
            [
                {
                    "loc": ["query", field],
                    "msg": (
                        f"A national id may not be sent in the URL; "
                        f'POST the search to {post_to} with a body {{"{field}": ...}}.'
                    ),
                    "type": "value_error",
                }
            ]
        )
