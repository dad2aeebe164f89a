"""The register's keys Werneth School's safeguarding kit names (``registers/werneth-school.yaml``),
declared once and checked against the register at start-up (``tutela.register.declared``)."""

from tutela.register.declared import category, purpose, service

SERVICE = service("sen-safeguarding")

# The purposes the kit records under.
SAFEGUARD = purpose(SERVICE, "safeguard")
PASTORAL = purpose(SERVICE, "pastoral-care")

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
CHILD_ADDRESS = category("child.contact.address")
PARENT_NAME = category("family.identity.name")
SAFEGUARDING_CONCERNS = category("child.safeguarding.concerns")
CHILD_IN_NEED = category("child.safeguarding.child-in-need")
CHILD_PROTECTION = category("child.safeguarding.child-protection")
ATTENDANCE = category("child.education.attendance")

# Categories as the kit's forms and steps use them, by what they hold.
CHILD = (CHILD_NAME, CHILD_DATE_OF_BIRTH)
CONCERNS = (SAFEGUARDING_CONCERNS,)
SOCIAL_CARE = (CHILD_IN_NEED, CHILD_PROTECTION)
# The written referral to children's social care: who the child is, where they live, and the concerns.
WRITTEN_REFERRAL = (*CHILD, CHILD_ADDRESS, PARENT_NAME, *CONCERNS)
