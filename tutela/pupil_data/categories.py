"""The register's keys the pupil data service's kit names (Wigan's register, ``registers/wigan.yaml``),
declared once and checked against the register at start-up (``tutela.register.declared``)."""

from tutela.register.declared import category, purpose, service

SERVICE = service("pupil-data")

# The purposes the kit records under.
SEN_ASSESSMENT = purpose(SERVICE, "sen-assessment")
CAREERS = purpose(SERVICE, "careers-service")

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
CHILD_UPN = category("child.identity.upn")
CHILD_ADDRESS = category("child.contact.address")
PARENT_NAME = category("family.identity.name")
PARENT_ADDRESS = category("family.contact.address")
SCHOOLS = category("child.education.schools")
SCHOOL_RECORDS = category("child.education.school-records")
SEN = category("child.education.sen")
ASSESSMENTS = category("child.education.assessment")
CAREERS_INFORMATION = category("child.education.careers-information")

# Categories as the kit's forms and steps use them, by what they hold.
CHILD = (CHILD_NAME, CHILD_DATE_OF_BIRTH)
FAMILY = (PARENT_NAME, PARENT_ADDRESS)
NEEDS = (SEN, ASSESSMENTS)
LETTER_TO_FAMILY = (CHILD_NAME, PARENT_NAME, PARENT_ADDRESS, SEN)
# What a request for an EHC needs assessment carries: the child, the parents, the school and the needs.
ASSESSMENT_REQUEST = (*CHILD, CHILD_UPN, *FAMILY, SCHOOLS, SCHOOL_RECORDS, *NEEDS)
# What may go to the careers service: the pupil's and the family's names and addresses, and what is
# relevant to careers advice (an officer narrows it where an opt-out applies).
CAREERS_ANSWER = (*CHILD, CHILD_ADDRESS, *FAMILY, CAREERS_INFORMATION)
