"""Children, young people, parents and carers, and the schools they attend.

Every row here is personal data: pages and APIs reach it only through the governed services
and selectors of later parts (ARCHITECTURE.md, "One gate for every touch of personal data").
"""

from typing import ClassVar

from django.db import models


class School(models.Model):
    """A school or setting, identified by its URN from Get Information about Schools."""

    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special"
        ALTERNATIVE = "alternative", "Alternative provision"

    class Kind(models.TextChoices):
        MAINTAINED = "maintained", "Maintained"
        ACADEMY = "academy", "Academy"
        INDEPENDENT = "independent", "Independent"
        PRU = "pru", "Pupil referral unit"

    urn = models.CharField("URN", max_length=6, unique=True)
    name = models.CharField(max_length=200)
    la_code = models.CharField("LA code", max_length=3)
    establishment_number = models.CharField("DfE establishment number", max_length=4)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"


class Person(models.Model):
    """A data subject: a child or young person, or a parent or carer."""

    class Kind(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent or carer"

    class Gender(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        UNKNOWN = "U", "Not known"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    la_reference = models.CharField(
        "LA reference", max_length=20, unique=True, help_text="The local authority's own reference for the person."
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.UNKNOWN)
    upn = models.CharField("UPN", max_length=13, unique=True, null=True, blank=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="pupils")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering: ClassVar = ["family_name", "given_name"]
        indexes: ClassVar = [models.Index(fields=["family_name", "date_of_birth"], name="person_name_dob")]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Relationship(models.Model):
    """How one person stands to a child, and whether they hold parental responsibility."""

    class Kind(models.TextChoices):
        MOTHER = "mother", "Mother"
        FATHER = "father", "Father"
        CARER = "carer", "Carer"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parental_responsibility = models.BooleanField(default=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "child", "kind"], name="relationship_unique"),
            models.CheckConstraint(condition=~models.Q(person=models.F("child")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display().lower()} of {self.child}"
