"""Who may act in Tutela: data controllers, their teams, roles and users.

Roles are data, not code: each carries Django permissions and its reach for need-to-know
(ARCHITECTURE.md, "One gate for every touch of personal data"). Every app may import these models;
this app imports nothing of Tutela's but lib.
"""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, Permission
from django.db import models


class Role(models.Model):
    """A job a person does in Tutela, with the permissions and reach that job needs."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    service_wide_reach = models.BooleanField(
        default=False,
        help_text="Sees every case of the services of the holder's teams, not only assigned or team cases.",
    )
    reads_records = models.BooleanField(
        default=True, help_text="False for roles that work only with statistics, never individual records."
    )
    permissions = models.ManyToManyField(Permission, blank=True, related_name="roles")

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class Controller(models.Model):
    """A data controller under UK GDPR: a council or a school, with its own register file."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        SCHOOL = "school", "School"

    slug = models.SlugField(unique=True, help_text="Key of the controller's register file under registers/.")
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    la_code = models.CharField(
        "LA code", max_length=3, blank=True, help_text="For a local authority: its DfE LA number."
    )
    two_factor_roles = models.ManyToManyField(
        Role,
        blank=True,
        related_name="controller_two_factor",
        help_text="Users holding any of these roles must sign in with a second factor.",
    )

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of one controller, usually delivering one service named in its register."""

    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="teams")
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    service = models.SlugField(blank=True, help_text="Key of the register service this team delivers.")

    class Meta:
        ordering: ClassVar = ["controller__name", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["controller", "slug"], name="team_unique_slug_per_controller"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.controller.name})"


class User(AbstractUser):
    """A person who signs in: an officer, school staff member, or IG and DPO staff."""

    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="users", null=True, blank=True)
    school = models.ForeignKey(
        "people.School",
        on_delete=models.PROTECT,
        related_name="staff_users",
        null=True,
        blank=True,
        help_text="For school users: the school whose referrals and submissions they make.",
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users")
    teams = models.ManyToManyField(Team, blank=True, related_name="members")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
