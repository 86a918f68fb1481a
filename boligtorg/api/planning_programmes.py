"""API of the planning module's programmes part."""

from ninja import Router

router = Router(tags=["planning"])
