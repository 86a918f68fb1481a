"""Fixtures of the API tests, on top of the shared personas (kari, per, tone, sven):
the allocation module's own (Anders of the allocation meeting, a rule set valid
from 2000, vacant dwellings, households on the waiting list), reused as they are."""

from boligtorg.allocation.tests.conftest import (  # noqa: F401
    anders,
    family,
    family_flat,
    flat,
    midtbyen,
    rules_2000,
    single,
    today,
)
