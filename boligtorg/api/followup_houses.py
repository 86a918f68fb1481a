"""API of the follow-up module's houses part."""

from ninja import Router

router = Router(tags=["follow-up"])
