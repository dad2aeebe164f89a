"""Factories for controllers, teams and users."""

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from tutela.accounts.models import Controller, Role, Team, User

PASSWORD = "correct horse battery staple"
# Argon2 is slow on purpose; hash the shared test password once, not once per user.
_PASSWORD_HASH = make_password(PASSWORD)


class ControllerFactory(DjangoModelFactory[Controller]):
    class Meta:
        model = Controller
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"controller-{n}")
    name = factory.Sequence(lambda n: f"Controller {n}")
    kind = Controller.Kind.LOCAL_AUTHORITY


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    controller = factory.SubFactory(ControllerFactory)
    slug = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    service = ""


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = _PASSWORD_HASH
    controller = factory.SubFactory(ControllerFactory)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            roles = list(Role.objects.filter(code__in=extracted))
            if len(roles) != len(set(extracted)):
                raise LookupError(f"unknown role codes in {extracted}: the roles migration has not run or was flushed")
            self.roles.set(roles)

    @factory.post_generation
    def teams(self, create: bool, extracted: list[Team] | None, **kwargs: object) -> None:
        if create and extracted:
            self.teams.set(extracted)
