"""The append-only, hash-chained audit log (ARCHITECTURE.md, "The audit log").

Each entry stores the SHA-256 of the previous entry's hash followed by its own canonical
content, so editing, deleting, inserting or reordering any entry breaks the chain.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Decision(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        DENIED = "denied", "Denied"

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the system itself (scheduled tasks, imports without a person).",
    )
    actor_label = models.CharField(max_length=200, help_text="The actor's username when the entry was written.")
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="The person the data is about (people.Person id)."
    )
    purpose = models.CharField(max_length=200, blank=True)
    controller = models.ForeignKey(
        "accounts.Controller",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=(
            "The controller whose oversight the entry falls under: the controller of the purpose it records "
            "(its first part), else the actor's controller. Only that controller's IG staff and DPO see it."
        ),
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.ALLOWED)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering: ClassVar = ["seq"]
        verbose_name_plural = "audit entries"
        indexes: ClassVar = [
            models.Index(fields=["actor", "-seq"], name="audit_actor_recent"),
            models.Index(fields=["controller", "-seq"], name="audit_controller_recent"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_label} {self.action} {self.decision}"

    @property
    def action_label(self) -> str:
        """The action code in words, for pages: ``sign_in`` reads "Sign in"."""
        return self.action.replace("_", " ").capitalize()
