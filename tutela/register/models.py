"""Publications of the register: each version that took effect, and what it changed."""

from typing import ClassVar

from django.conf import settings
from django.db import models


class RegisterPublication(models.Model):
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
