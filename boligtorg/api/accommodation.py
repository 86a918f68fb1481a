"""API of the accommodation app: the same services, selectors, permission checks and audit
as the pages; rule errors answer 422 naming the field."""

from ninja import Router

router = Router(tags=["accommodation"])
