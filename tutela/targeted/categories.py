"""The register's keys the Targeted Education Support Service's kit names (Wigan's register,
``registers/wigan.yaml``), declared once and checked against the register at start-up
(``tutela.register.declared``)."""

from tutela.register.declared import category, purpose, service

SERVICE = service("targeted-education-support")

# The purposes the kit records under.
INVOLVEMENT = purpose(SERVICE, "service-involvement")  # consent: the signed Request for Service Involvement
LEARNING = purpose(SERVICE, "support-learning")
PROGRESS = purpose(SERVICE, "monitor-progress")
HEALTH = purpose(SERVICE, "wellbeing-health")
SAFEGUARDING = purpose(SERVICE, "safeguarding")

CHILD_NAME = category("child.identity.name")
CHILD_DATE_OF_BIRTH = category("child.identity.date-of-birth")
PARENT_NAME = category("family.identity.name")
PARENT_ADDRESS = category("family.contact.address")
PARENT_PHONE = category("family.contact.phone")
SCHOOLS = category("child.education.schools")
SCHOOL_RECORDS = category("child.education.school-records")
SEN_NEEDS = category("child.education.sen")
INTERVENTIONS = category("child.education.sen-interventions")
OUTCOMES = category("child.education.outcomes")
ASSESSMENTS = category("child.education.assessment")
STRENGTHS = category("child.education.strengths")
PROFESSIONALS_INVOLVED = category("child.support.professionals-involved")
CASE_RECORDS = category("child.support.case-records")
HEALTH_NEEDS = category("child.special.health")
PHYSICAL_MENTAL = category("child.special.physical-mental")
PROFESSIONAL_NAME = category("professional.identity.name")
NEGLECT = category("child.safeguarding.neglect")
DOMESTIC_ABUSE = category("child.safeguarding.domestic-abuse")
EXPLOITATION = category("child.safeguarding.exploitation")

# Categories as the kit's forms and steps use them, by what they hold.
CHILD = (CHILD_NAME, CHILD_DATE_OF_BIRTH)
FAMILY = (PARENT_NAME, PARENT_ADDRESS, PARENT_PHONE)
SEN = (SEN_NEEDS,)
PLAN = (INTERVENTIONS, OUTCOMES)
LETTER_TO_FAMILY = (CHILD_NAME, PARENT_NAME, PARENT_ADDRESS)
# What the request for involvement carries: the child, the family, and the setting's picture of the child.
REQUEST = (*CHILD, *FAMILY, SCHOOLS, SCHOOL_RECORDS, *SEN, STRENGTHS, PROFESSIONALS_INVOLVED)
# A health professional's information about the child's needs, and who gave it.
HEALTH_INFORMATION = (HEALTH_NEEDS, PHYSICAL_MENTAL, PROFESSIONAL_NAME)
# What a safeguarding concern may be about.
SAFEGUARDING_CONCERNS = (NEGLECT, DOMESTIC_ABUSE, EXPLOITATION)
