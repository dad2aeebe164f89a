"""The Education Support Service's register keys that its steps name, declared once.

Checked against the register at start-up (``tutela.register.declared``). The purposes are the
service's own (Dudley's register, ``registers/dudley.yaml``); the categories are those its steps,
letters and court bundles touch.
"""

from tutela.register.declared import category, purpose, service

SERVICE = service("education-support")
ENFORCEMENT = purpose(SERVICE, "attendance-offence-enforcement")
SAO = purpose(SERVICE, "school-attendance-orders")
REGISTER_DELETIONS = purpose(SERVICE, "register-deletions")
CRIMINAL = purpose(SERVICE, "criminal-offence-information")

CHILD_NAME = category("child.identity.name")
ATTENDANCE = category("child.education.attendance")
SEN = category("child.education.sen")
CASE_RECORDS = category("child.support.case-records")
MEETING_NOTES = category("child.support.meeting-notes")
COURT_ORDERS = category("child.safeguarding.court-orders")
SCHOOLS = category("child.education.schools")
PARENT_NAME = category("family.identity.name")
PARENT_ADDRESS = category("family.contact.address")
OFFENCE = category("family.criminal.offence")
INTERVIEW_UNDER_CAUTION = category("family.criminal.interview-under-caution")
WITNESS_STATEMENTS = category("family.criminal.witness-statements")

# A case file: the child, their attendance and the service's forms and notes.
CASE_CATEGORIES = (CHILD_NAME, ATTENDANCE, CASE_RECORDS)
# A letter or notice to a parent: their name and address, and the attendance it is about.
PARENT_CATEGORIES = (PARENT_NAME, PARENT_ADDRESS, ATTENDANCE)
# A school's attendance referral: the pupil, their attendance and SEN, and the school's account.
SCHOOL_REFERRAL_CATEGORIES = (CHILD_NAME, ATTENDANCE, SEN, CASE_RECORDS)

# The key of the school's referral form (in its address, and on each referral made with it). Not a key
# of ESS's register: named here because Wigan's register uses the same words for one of its purposes.
SCHOOL_REFERRAL = "school-referral"
