"""Factories for schools and people (all synthetic)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from tutela.lib.identifiers import upn_build
from tutela.people.models import Person, Relationship, School


class SchoolFactory(DjangoModelFactory[School]):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: f"{995000 + n}")
    name = factory.Sequence(lambda n: f"Test School {n}")
    la_code = "359"
    establishment_number = factory.Sequence(lambda n: f"{2100 + n:04d}")
    phase = School.Phase.SECONDARY
    kind = School.Kind.MAINTAINED


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    kind = Person.Kind.CHILD
    la_reference = factory.Sequence(lambda n: f"TEST-{n:06d}")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = date(2012, 5, 17)
    gender = Person.Gender.FEMALE
    upn = factory.Sequence(lambda n: upn_build(la_code="359", establishment="2100", year=2016, serial=n % 1000))


class ParentFactory(PersonFactory):
    kind = Person.Kind.PARENT
    date_of_birth = date(1985, 3, 2)
    upn = None  # type: ignore[assignment]


class RelationshipFactory(DjangoModelFactory[Relationship]):
    class Meta:
        model = Relationship

    person = factory.SubFactory(ParentFactory)
    child = factory.SubFactory(PersonFactory)
    kind = Relationship.Kind.MOTHER
    parental_responsibility = True
