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
def mona(trondheim):
    """Trondheim's manager: reads the register, the list and the figures."""
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")
