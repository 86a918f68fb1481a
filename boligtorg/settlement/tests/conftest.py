import pytest

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def sven_actor(sven, skanderborg):
    return actor_for(sven, skanderborg)


@pytest.fixture
def anders(trondheim):
    """An allocation member in Trondheim: sees arrivals, may reserve a dwelling."""
    return member(
        "anders", trondheim, Role.ALLOCATION_MEMBER, first_name="Anders", last_name="Berg"
    )


@pytest.fixture
def mona(trondheim):
    """Trondheim's manager: reads the figures and the forecast."""
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")
