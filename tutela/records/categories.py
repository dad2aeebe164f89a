"""The register's categories the records pages name (checked at start-up: ``tutela.register.declared``).

What identifies each kind of person in a list, and what a case file holds about its child."""

from tutela.register.declared import category

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
CHILD_UPN = category("child.identity.upn")
CASE_RECORDS = category("child.support.case-records")
PARENT_NAME = category("family.identity.name")
PARENT_DATE_OF_BIRTH = category("family.identity.date-of-birth")
PROFESSIONAL_NAME = category("professional.identity.name")
WORKFORCE_NAME = category("workforce.identity.name")
