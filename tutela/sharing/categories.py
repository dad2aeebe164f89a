"""The register's categories a disclosure writes as columns (checked at start-up: ``tutela.register.declared``)."""

from tutela.register.declared import category

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
CHILD_GENDER = category("child.identity.gender")
CHILD_UPN = category("child.identity.upn")
CHILD_IDENTIFIERS = category("child.identity.identifiers")
CHILD_SCHOOLS = category("child.education.schools")
CHILD_ADDRESS = category("child.contact.address")
CHILD_PHONE = category("child.contact.phone")
CHILD_EMAIL = category("child.contact.email")
PARENT_NAME = category("family.identity.name")
PARENT_DATE_OF_BIRTH = category("family.identity.date-of-birth")
PARENT_ADDRESS = category("family.contact.address")
PARENT_PHONE = category("family.contact.phone")
PARENT_EMAIL = category("family.contact.email")
