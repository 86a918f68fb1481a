import pytest

from boligtorg.core.factories import actor_for, member
from boligtorg.core.models import Role


@pytest.fixture
def lars(trondheim):
    return member("lars", trondheim, Role.LOAN_OFFICER, first_name="Lars", last_name="Moen")


@pytest.fixture
def lars_actor(lars, trondheim):
    return actor_for(lars, trondheim)


@pytest.fixture
def mona(trondheim):
    """The manager, with delegated authority to decide."""
    return member("mona", trondheim, Role.MANAGER, first_name="Mona", last_name="Berg")


@pytest.fixture
def mona_actor(mona, trondheim):
    return actor_for(mona, trondheim)


@pytest.fixture
def karen(skanderborg):
    """Skanderborg's loan officer: deposit loans (indskudslån), no start loans."""
    return member("karen", skanderborg, Role.LOAN_OFFICER, first_name="Karen", last_name="Skov")


@pytest.fixture
def karen_actor(karen, skanderborg):
    return actor_for(karen, skanderborg)
