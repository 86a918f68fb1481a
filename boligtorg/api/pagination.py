"""Pagination of the API's lists."""

from ninja import Field
from ninja.pagination import PageNumberPagination

from boligtorg.api.inputs import InputSchema

# No list comes near this many pages (100,000 cases are 4,000 pages of 25); the bound
# keeps the page's offset inside the 64-bit integer the database slices with.
MAX_PAGE = 1_000_000


class BoundedPageNumberPagination(PageNumberPagination):
    """Page numbers from 1 to ``MAX_PAGE``: a larger one answers 422 naming ``page``
    (unbounded, ``?page=99999999999999999999`` overflowed the ORM's slice or the
    database's OFFSET and answered 500). A page past the last is an empty page."""

    class Input(InputSchema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)  # at most the list's max_page_size
