"""API of the planning module's statistics part."""

from ninja import Router

router = Router(tags=["planning"])
