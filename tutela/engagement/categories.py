"""The register's keys the Engagement Centres' kit names (Wigan's register, ``registers/wigan.yaml``),
declared once and checked against the register at start-up (``tutela.register.declared``)."""

from tutela.register.declared import category, purpose, service

SERVICE = service("engagement-centres")

# The purposes the kit records under.
SCHOOL_REFERRAL = purpose(SERVICE, "school-referral")  # consent: the parent's agreement to the referral
DECIDE_SUPPORT = purpose(SERVICE, "decide-support")
ADMINISTER = purpose(SERVICE, "administer-service")
CARE = purpose(SERVICE, "care-while-attending")
LETTERS = purpose(SERVICE, "organisational-information")

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
PARENT_NAME = category("family.identity.name")
PARENT_ADDRESS = category("family.contact.address")
PARENT_PHONE = category("family.contact.phone")
ATTENDANCE = category("child.education.attendance")
BEHAVIOUR = category("child.education.behaviour")
SEN = category("child.education.sen")
AGENCY_RECORDS = category("child.support.agency-records")
CASE_RECORDS = category("child.support.case-records")
HEALTH = category("child.special.health")

# Categories as the kit's forms and steps use them, by what they hold.
CHILD = (CHILD_NAME, CHILD_DATE_OF_BIRTH)
FAMILY = (PARENT_NAME, PARENT_ADDRESS, PARENT_PHONE)
SCHOOL_PICTURE = (ATTENDANCE, BEHAVIOUR)
CASE_NOTES = (CASE_RECORDS,)
LETTER_TO_FAMILY = (CHILD_NAME, PARENT_NAME, PARENT_ADDRESS)
