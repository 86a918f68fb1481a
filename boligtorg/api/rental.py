"""API of the rental app: the same services, selectors, permission checks and audit
as the pages; rule errors answer 422 naming the field."""

from ninja import Router

router = Router(tags=["rental"])
