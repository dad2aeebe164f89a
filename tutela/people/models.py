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
    """A data subject: a child or young person, a parent or carer, a professional or a member of staff."""

    class Kind(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent or carer"
        PROFESSIONAL = "professional", "Professional"
        STAFF = "staff", "School workforce"

    class Gender(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        UNKNOWN = "U", "Not known"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    la_reference = models.CharField(
        "LA reference", max_length=40, unique=True, help_text="The local authority's own reference for the person."
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.UNKNOWN)
    upn = models.CharField("UPN", max_length=13, unique=True, null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, null=True, blank=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="pupils")
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text="Set when a person is merged as a duplicate; the row stays so both audit trails remain.",
    )
    processing_restricted = models.BooleanField(
        default=False, help_text="UK GDPR Art 18: store only; every other use is refused by the gate."
    )
    registered_by_team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The team that added the person, which may see their identity before any case exists.",
    )
    restriction_reason = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["family_name", "given_name"]
        indexes: ClassVar = [models.Index(fields=["family_name", "date_of_birth"], name="person_name_dob")]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class FormerUPN(models.Model):
    """A UPN the child held before: a temporary number later replaced, or one from another LA."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="former_upns")
    upn = models.CharField("UPN", max_length=13, db_index=True)
    replaced_on = models.DateField()

    def __str__(self) -> str:
        return self.upn


class Relationship(models.Model):
    """How one person stands to a child, and whether (and since when) they hold parental responsibility."""

    class Kind(models.TextChoices):
        MOTHER = "mother", "Mother"
        FATHER = "father", "Father"
        STEP_PARENT = "step_parent", "Step-parent"
        GRANDPARENT = "grandparent", "Grandparent"
        CARER = "carer", "Carer"
        FOSTER_CARER = "foster_carer", "Foster carer"
        SIBLING = "sibling", "Sibling"
        SOCIAL_WORKER = "social_worker", "Social worker"
        OTHER_PROFESSIONAL = "other_professional", "Other professional"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parental_responsibility = models.BooleanField(default=False)
    responsibility_from = models.DateField(null=True, blank=True)
    responsibility_until = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "child", "kind"], name="relationship_unique"),
            models.CheckConstraint(condition=~models.Q(person=models.F("child")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display().lower()} of {self.child}"


class CourtOrder(models.Model):
    """A court order about a child that limits what a person with parental responsibility may do or see."""

    class Kind(models.TextChoices):
        CHILD_ARRANGEMENTS = "child_arrangements", "Child arrangements order"
        PROHIBITED_STEPS = "prohibited_steps", "Prohibited steps order"
        SPECIFIC_ISSUE = "specific_issue", "Specific issue order"
        CARE = "care", "Care order"
        SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
        NON_MOLESTATION = "non_molestation", "Non-molestation order"
        OTHER = "other", "Other order"

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="court_orders")
    restricts = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="orders_restricting",
        help_text="The person whose parental responsibility the order limits.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    made_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    limits_information = models.BooleanField(
        default=False, help_text="The restricted person may not receive information about the child."
    )
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {self.made_on:%d %B %Y}"


class Enrolment(models.Model):
    """A pupil on a school's roll from one date, until they leave."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enrolments")
    enrolled_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "school", "enrolled_on"], name="enrolment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.school} from {self.enrolled_on}"
