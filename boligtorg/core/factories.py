"""factory_boy factories of the core app. Other apps' factories build on these and
keep the municipality consistent down the object tree."""

import random

import factory

from boligtorg.domain.identity import fictitious_national_id

from .models import Country, Membership, MembershipRole, Municipality, User
from .permissions import Actor

TEST_PASSWORD = "correct-horse-battery"  # noqa: S105 - test data only


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("country", "code")

    name = "Trondheim"
    country = Country.NORWAY
    code = "5001"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    national_id = factory.Sequence(
        lambda n: fictitious_national_id(Country.NORWAY, random.Random(f"test:{n}"))  # noqa: S311
    )

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            MembershipRole.objects.bulk_create(
                MembershipRole(membership=self, role=role) for role in extracted
            )


def member(username: str, municipality: Municipality, *roles: str, **user_fields: object) -> User:
    """A user with ``roles`` in ``municipality`` (adds a membership to an existing user)."""
    user = UserFactory(username=username, **user_fields)
    MembershipFactory(user=user, municipality=municipality, roles=list(roles))
    return user


def actor_for(user: User, municipality: Municipality) -> Actor:
    """The Actor the middleware would build for ``user`` in ``municipality``."""
    membership = Membership.objects.filter(user=user, municipality=municipality).first()
    roles = (
        frozenset(membership.role_values) if membership and membership.is_active else frozenset()
    )
    return Actor(user=user, municipality=municipality, roles=roles)
