"""API of the follow-up module's career part."""

from ninja import Router

router = Router(tags=["follow-up"])
