import pytest

from boligtorg.core.factories import actor_for


@pytest.fixture
def kari_actor(kari, trondheim):
    return actor_for(kari, trondheim)


@pytest.fixture
def sven_actor(sven, skanderborg):
    return actor_for(sven, skanderborg)
