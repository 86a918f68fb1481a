"""The areas demo data: synthetic, idempotent, and classified as the guide says."""

import pytest

from boligtorg.core.factories import actor_for
from boligtorg.planning import demo_areas
from boligtorg.planning import selectors_areas as selectors
from boligtorg.planning.models import PlanningArea

pytestmark = pytest.mark.django_db


def test_the_demo_gives_skanderborg_three_areas_and_loading_again_adds_nothing(sven, skanderborg):
    assert demo_areas.load(skanderborg, sven) == 3
    assert demo_areas.load(skanderborg, sven) == 0
    actor = actor_for(sven, skanderborg)
    rows = selectors.area_rows(actor=actor, areas=selectors.area_list(actor=actor))
    assert {row.area.name: row.latest.headline for row in rows} == {
        "Eskebækparken": "prevention",
        "Højvangen": "transformation",
        "Mølleparken": "",
    }


def test_the_demo_gives_trondheim_two_areas_without_danish_criteria(kari, trondheim):
    assert demo_areas.load(trondheim, kari) == 2
    area = PlanningArea.objects.get(area__name="Saupstad")
    history = selectors.area_history(actor=actor_for(kari, trondheim), planning_area=area)
    assert [row.year for row in history] == [2024, 2023, 2022]
    assert not history[0].classification.evaluations
