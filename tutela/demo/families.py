"""The demo's people: a child at each demo school and one or two parents with parental responsibility.

Names come from Faker, identifiers are made up (UPNs carry valid check letters but sit in an unused
serial range of invented schools, and URNs start at 990000, above any real school's)."""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone
from faker import Faker

from tutela.demo.world import SCHOOLS_PER_LA
from tutela.lib.identifiers import upn_build
from tutela.people.models import Person, Relationship, School


def _academic_year_start() -> date:
    """1 September of the current school year: ages are reckoned from it, so the same seed gives
    the same people all year."""
    today = timezone.localdate()
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def _date_of_birth(rng: random.Random, anchor: date) -> date:
    # Pupils of compulsory school age and a little beyond: 5 to 17 at the start of the school year.
    return anchor - timedelta(days=rng.randint(5 * 365, 17 * 365))


def _parents(
    rng: random.Random, fake: Faker, *, index: int, family_name: str, born: date, address: str
) -> list[tuple[Person, str]]:
    """A mother, and a father for two families in three, with parental responsibility for the child."""
    made: list[tuple[Person, str]] = []
    for number, kind in enumerate([Relationship.Kind.MOTHER, Relationship.Kind.FATHER][: rng.choice([1, 2, 2])]):
        parent_ref = f"DEMO-P{index + 1:06d}-{number + 1}"
        female = kind == Relationship.Kind.MOTHER
        parent = Person(
            kind=Person.Kind.PARENT,
            la_reference=parent_ref,
            given_name=fake.first_name_female() if female else fake.first_name_male(),
            family_name=family_name,
            date_of_birth=born - timedelta(days=rng.randint(20 * 365, 45 * 365)),
            gender=Person.Gender.FEMALE if female else Person.Gender.MALE,
            address=address,
            phone=f"07700 900{rng.randint(0, 999):03d}",  # Ofcom's range for drama and fiction
            email=f"{parent_ref.lower()}@example.com",
        )
        made.append((parent, kind))
    return made


def families_build(
    rng: random.Random, fake: Faker, schools: dict[str, list[School]], count: int, progress: Callable[[int], None]
) -> tuple[int, int]:
    la_schools = [school for slug in SCHOOLS_PER_LA for school in schools[slug]] + schools["werneth-school"]
    serials: dict[tuple[str, int], int] = {}
    anchor = _academic_year_start()
    children, parents, links = [], [], []
    for index in range(count):
        school = la_schools[index % len(la_schools)]
        born = _date_of_birth(rng, anchor)
        year = born.year + 4  # UPNs are issued on first entry to school
        serial = serials[(school.urn, year)] = serials.get((school.urn, year), 0) + 1
        if serial > 999:  # a UPN's serial has three digits
            raise ValueError(f"too many demo children for {school.name} in {year}: ask for fewer children")
        family_name = fake.last_name()
        gender = rng.choice([Person.Gender.FEMALE, Person.Gender.MALE])
        address = fake.address().replace("\n", ", ")
        child_ref = f"DEMO-C{index + 1:06d}"
        children.append(
            Person(
                kind=Person.Kind.CHILD,
                la_reference=child_ref,
                given_name=fake.first_name_female() if gender == Person.Gender.FEMALE else fake.first_name_male(),
                family_name=family_name,
                date_of_birth=born,
                gender=gender,
                upn=upn_build(
                    la_code=school.la_code, establishment=school.establishment_number, year=year, serial=serial
                ),
                school=school,
                address=address,
            )
        )
        for parent, kind in _parents(rng, fake, index=index, family_name=family_name, born=born, address=address):
            parents.append(parent)
            links.append((parent.la_reference or "", child_ref, kind))
        if (index + 1) % 500 == 0:
            progress(index + 1)
    # Direct ORM: people.services.person_create gives each person a new reference and checks duplicates
    # one by one, so it cannot refresh a fixed set of demo people in place; no service adds a relationship.
    _replace_demo_people(children + parents)
    ids = dict(Person.objects.filter(la_reference__startswith="DEMO-").values_list("la_reference", "id"))
    Relationship.objects.bulk_create(
        [
            Relationship(person_id=ids[parent], child_id=ids[child], kind=kind, parental_responsibility=True)
            for parent, child, kind in links
        ],
        ignore_conflicts=True,
    )
    return len(children), len(parents)


def _replace_demo_people(people: list[Person]) -> None:
    """Make the demo people exactly these: drop any others from earlier runs, then upsert.

    UPNs are cleared first, because a refreshed person may take a UPN another held before.
    """
    references = {person.la_reference for person in people}
    demo = Person.objects.filter(la_reference__startswith="DEMO-")
    demo.exclude(la_reference__in=references).delete()
    demo.update(upn=None)
    fields = [
        "kind",
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "upn",
        "school",
        "address",
        "phone",
        "email",
    ]
    Person.objects.bulk_create(
        people, batch_size=1000, update_conflicts=True, unique_fields=["la_reference"], update_fields=fields
    )
