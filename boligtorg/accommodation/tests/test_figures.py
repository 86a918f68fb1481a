import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from boligtorg.accommodation.models import Placement
from boligtorg.accommodation.selectors.figures import accommodation_figures
from boligtorg.core.factories import actor_for

from .factories import family_case, granted, provider

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _place(trondheim, kari, case, made, starts_on, ends_on=None):
    placement = Placement.objects.create(
        municipality=trondheim,
        application=case,
        provider=made,
        starts_on=starts_on,
        ends_on=ends_on,
        price_per_night=made.agreements.get().price_per_night,
        decision=granted(case, kari),
        created_by=kari,
    )
    placement.members.set(case.household.members.all())
    return placement


def test_the_figures_count_households_nights_long_stays_families_and_spending(
    kari, trondheim, skanderborg, sven
):
    hostel = provider(trondheim, kari, price="500.00")
    family = provider(trondheim, kari, name="Familiehuset", children=True, price="1000.00")
    # 100 nights so far, 10 of them in the period: a stay over three months.
    _place(trondheim, kari, family_case(trondheim, kari, children=0), hostel, TODAY - 100 * DAY)
    # A family, 3 nights, all in the period.
    _place(trondheim, kari, family_case(trondheim, kari), family, TODAY - 5 * DAY, TODAY - 2 * DAY)
    # Before the period: not counted. Another municipality: not counted.
    _place(
        trondheim,
        kari,
        family_case(trondheim, kari, children=0),
        hostel,
        TODAY - 50 * DAY,
        TODAY - 20 * DAY,
    )
    theirs = provider(skanderborg, sven)
    _place(skanderborg, sven, family_case(skanderborg, sven), theirs, TODAY - 5 * DAY)
    figures = accommodation_figures(
        actor=actor_for(kari, trondheim), first=TODAY - 10 * DAY, last=TODAY
    )
    assert (figures.households, figures.nights) == (2, 13)
    assert (figures.over_three_months, figures.families_with_children) == (1, 1)
    assert [(p.name, p.nights, p.spending) for p in figures.by_provider] == [
        ("Familiehuset", 3, Decimal("3000.00")),
        ("Sentrum Hostel", 10, Decimal("5000.00")),
    ]
    assert figures.spending == Decimal("8000.00")


def test_a_manager_reads_the_figures_page_with_an_empty_state(english, mona):
    english.force_login(mona)
    response = english.get(reverse("accommodation:figures"))
    assert response.status_code == 200
    assert "No one stayed in temporary accommodation in this period." in response.content.decode()
