"""The Education Support Service's casework kit: the school's attendance referral and ESS's stages.

ESS has its own case page (steps with legal effect, clocks, penalty notices, prosecutions); the kit
declares what the generic intake and triage need, so a school refers a pupil to ESS as it refers to
any service. The referral carries the attendance Tutela holds: the summary as data the dashboards
and rules run on, and the marks as a CSV attachment; a pupil with no marks cannot be referred.
"""

from datetime import date
from typing import Any

from tutela.accounts.models import User
from tutela.casework.kit import Field, IntakeForm, IntakeResult, ServiceKit, ServicePage, Stage, Submitter
from tutela.enforcement.categories import SCHOOL_REFERRAL, SCHOOL_REFERRAL_CATEGORIES, SERVICE
from tutela.enforcement.stages import ENFORCEMENT, STAGE_NAMES
from tutela.people.models import Person
from tutela.records.services import Upload

SEN_STATUSES = (
    ("none", "No special educational needs"),
    ("sen_support", "SEN support"),
    ("ehcp", "Education, health and care plan"),
)


def attendance_at_referral(*, child: Person, answers: dict[str, Any], actor: User, as_of: date) -> IntakeResult:
    """The pupil's attendance summary and marks to the day; no marks, or concerns not described, refuse."""
    from tutela.enforcement.selectors import pupil_attendance

    errors = {}
    if answers.get("safeguarding_concerns") and not str(answers.get("safeguarding") or "").strip():
        errors["safeguarding"] = "Describe the safeguarding concerns"
    summary, marks_csv = pupil_attendance(person=child, as_of=as_of)
    if summary["possible_sessions"] == 0:
        errors["child"] = "Tutela holds no attendance marks for this pupil: import them first"
        return IntakeResult(errors=errors)
    marks = Upload(f"attendance-marks-{child.upn or child.pk}.csv", "text/csv", marks_csv.encode())
    return IntakeResult(
        data={
            "attendance": {
                key: value.isoformat() if isinstance(value, date) else value for key, value in summary.items()
            }
        },
        attachments=((f"Attendance marks to {as_of:%-d %B %Y}", marks),),
        errors=errors,
    )


SCHOOL_REFERRAL_FORM = IntakeForm(
    key=SCHOOL_REFERRAL,
    title="Refer a pupil for attendance support",
    description=(
        "Tutela attaches the pupil's attendance summary and marks from the registers your school has sent. "
        "The Education Support Service will accept the referral, or return it with reasons."
    ),
    submitters=frozenset({Submitter.SCHOOL}),
    purpose=ENFORCEMENT,
    categories=SCHOOL_REFERRAL_CATEGORIES,
    fields=(
        Field("actions_taken", "What the school has done to improve attendance", "text", content=True),
        Field("sen_status", "Special educational needs", "choice", choices=SEN_STATUSES),
        Field("safeguarding_concerns", "The school has safeguarding concerns", "bool", required=False),
        Field("safeguarding", "Safeguarding concerns", "text", required=False, content=True),
    ),
    family="required",
    family_needs_address=True,
    attachments=False,
    opening_stage="referral",
    prepare=attendance_at_referral,
)

ESS_KIT = ServiceKit(
    service=SERVICE,
    stages=tuple(Stage(key, name) for key, name in STAGE_NAMES.items()),
    intake=(SCHOOL_REFERRAL_FORM,),
    case_url_name="enforcement:case",
    pages=(
        ServicePage("Officer's dashboard", "enforcement:dashboard"),
        ServicePage("Manager's dashboard", "enforcement:manager", managers_only=True),
    ),
)
