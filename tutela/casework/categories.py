"""The register's categories the casework kit names (checked at start-up: ``tutela.register.declared``).

What a case page shows of each parent or carer on a case, and what a referral form reads of the
child and their family to offer them as choices."""

from tutela.register.declared import category

CHILD_NAME = category("child.identity.name")
PARENT_NAME = category("family.identity.name")
RELATIONSHIPS = category("family.relationships")
PARENT_ADDRESS = category("family.contact.address")
PARENT_PHONE = category("family.contact.phone")
PARENT_EMAIL = category("family.contact.email")

# A relative offered on a referral form: who they are and where they live.
FAMILY_CATEGORIES = (PARENT_NAME, PARENT_ADDRESS)
