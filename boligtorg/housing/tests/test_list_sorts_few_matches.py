"""The dwelling list sorts the few matches of an address search in full instead of
walking the address order (core.pagination.CappedPaginator's ``sort_few``), and
shows the same rows in the same order either way."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boligtorg.core.pagination import CappedPaginator, sorted_in_full
from boligtorg.housing import selectors
from boligtorg.housing.factories import DwellingFactory
from boligtorg.housing.models import Dwelling


def _streets(trondheim) -> None:  # noqa: ANN001
    for n, street in enumerate(["Bakkegata", "Storgata", "Lille Storgata", "Åsvegen"] * 3):
        DwellingFactory(
            municipality=trondheim,
            address=f"{street} {n}",
            usable_area=None if n % 4 == 0 else 30 + n,
        )


def test_sorted_in_full_changes_how_not_what(trondheim):
    _streets(trondheim)
    for ordering in ("address", "-address", "area", "-area", "unit", "-rent"):
        walked = Dwelling.objects.filter(municipality=trondheim).order_by(
            *selectors.DWELLING_ORDERINGS[ordering]
        )
        assert list(sorted_in_full(walked)) == list(walked), ordering


def test_only_columns_without_nulls_get_the_other_null_placement(trondheim):
    qs = Dwelling.objects.filter(municipality=trondheim).order_by("-usable_area", "address")
    sql = str(sorted_in_full(qs).query)
    # usable_area may be empty: its blanks stay last, as in the walked order.
    assert '"usable_area" DESC NULLS LAST' not in sql
    assert '"address" ASC NULLS FIRST' in sql
    sql = str(sorted_in_full(qs.order_by("-address")).query)
    assert '"address" DESC NULLS LAST' in sql


def test_the_searched_list_sorts_few_matches_and_walks_many(client, kari, kari_actor, trondheim):
    _streets(trondheim)
    client.force_login(kari)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("housing:dwelling_list"), {"q": "storgata"}).context["page"]
    assert [d["address"] for d in page.object_list] == [
        "Lille Storgata 10",
        "Lille Storgata 2",
        "Lille Storgata 6",
        "Storgata 1",
        "Storgata 5",
        "Storgata 9",
    ]
    assert "NULLS FIRST" in queries.captured_queries[-1]["sql"]
    # More matches than the cap: the page comes from the walk, in the same order.
    many = selectors.dwelling_list(actor=kari_actor, search="gata")
    paginator = CappedPaginator(many, per_page=2, cap=3, sort_few=True)
    page = paginator.page(1)
    assert paginator.capped
    assert "NULLS FIRST" not in str(page.object_list.query)
    assert [d.address for d in page.object_list] == ["Bakkegata 0", "Bakkegata 4"]
