"""The register's categories the records pages name (checked at start-up: ``tutela.register.declared``).

What identifies each kind of person in a list, what a case file holds about its child, and what a case
page shows about each parent or carer on the case."""

from tutela.register.declared import category

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
CHILD_UPN = category("child.identity.upn")
CASE_RECORDS = category("child.support.case-records")
PARENT_NAME = category("family.identity.name")
PARENT_DATE_OF_BIRTH = category("family.identity.date-of-birth")
PROFESSIONAL_NAME = category("professional.identity.name")
WORKFORCE_NAME = category("workforce.identity.name")
RELATIONSHIPS = category("family.relationships")
PARENT_ADDRESS = category("family.contact.address")
PARENT_PHONE = category("family.contact.phone")
PARENT_EMAIL = category("family.contact.email")

# What a case page shows about each parent or carer on the case, by the category covering it.
FAMILY_SHOWN = (PARENT_NAME, RELATIONSHIPS, PARENT_ADDRESS, PARENT_PHONE, PARENT_EMAIL)
