"""The register's categories attendance names (checked at start-up: ``tutela.register.declared``)."""

from tutela.register.declared import category

CHILD_NAME = category("child.identity.name")
ATTENDANCE = category("child.education.attendance")
