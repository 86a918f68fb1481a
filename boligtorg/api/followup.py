"""API of follow-up: plans, visits and warnings."""

from ninja import Router

router = Router(tags=["follow-up"])
