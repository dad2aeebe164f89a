"""Break-glass grants (time-limited access without need to know, for the DPO's review) and the
publications of the register (each version that took effect, and what it changed).

Controllers, teams, roles and users live in tutela.accounts.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models

from tutela.accounts.models import Controller, User


class BreakGlassGrant(models.Model):
    """Time-limited access without need to know, for a stated reason, queued for the DPO's review.

    Opened by staff of the subject's own controller, for one registered purpose of one of that
    controller's services; it opens only that service's data about the subject.
    """

    class ReviewDecision(models.TextChoices):
        APPROPRIATE = "appropriate", "Appropriate"
        NOT_APPROPRIATE = "not_appropriate", "Not appropriate"

    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass_grants")
    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    controller = models.ForeignKey(
        Controller,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty only on grants from before grants named their controller; those open nothing.",
    )
    service = models.SlugField(blank=True)
    purpose = models.SlugField(blank=True)
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    review_action = models.TextField(blank=True, help_text="Where the access was not appropriate: the action taken.")
    review_outcome = models.TextField(blank=True, help_text="The reviewer's notes.")

    class Meta:
        ordering: ClassVar = ["-granted_at"]
        permissions: ClassVar = [("review_break_glass", "Can review break-glass access")]

    def __str__(self) -> str:
        return f"Break-glass by {self.actor} until {self.expires_at:%d %b %Y %H:%M}"


class RegisterPublication(models.Model):
    """A version of a controller's register that took effect, and what it changed."""

    controller_key = models.SlugField()
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the register's canonical content.")
    snapshot = models.JSONField(help_text="The register as published.")
    changes = models.JSONField(default=list, help_text="What this version added and removed, for the change log.")

    class Meta:
        ordering: ClassVar = ["controller_key", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["controller_key", "version"], name="publication_unique_version"),
        ]
        permissions: ClassVar = [
            ("browse_register", "Can browse the register of processing"),
            ("export_register", "Can export the record of processing and policy documents"),
        ]

    def __str__(self) -> str:
        return f"{self.controller_key} register v{self.version}"
