"""API of the planning module's areas part."""

from ninja import Router

router = Router(tags=["planning"])
