"""Pagination of the long lists (cases, dwellings), with a total counted only up to
a cap."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Counting every match of a broad search ("Hansen", or no filter at all) means
# reading every matching row of the municipality (100,000 cases, 116,000 dwellings)
# on each page view. Beyond this many, the list says "more than" and stops counting.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator whose ``count`` is exact up to ``cap`` and ``cap`` beyond it, with
    ``capped`` telling which. Its pages are the first ``cap`` matches: each page is
    correct, and the filters and the sort reach the rest."""

    def __init__(self, object_list, per_page: int, cap: int | None = None) -> None:  # noqa: ANN001
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def _found(self) -> int:
        # The order does not change how many match, and without it the database
        # may stop at the cap by the cheapest path.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._found, self.cap)

    @cached_property
    def capped(self) -> bool:
        return self._found > self.cap
