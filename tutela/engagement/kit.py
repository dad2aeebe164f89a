"""Wigan's Engagement Centres (seed 000) on the casework kit: targeted education for young people
having difficulties in school.

The notice's route in is "the referral your child's school makes with your agreement": a school's
referral carries the parent's agreement, which is a consent (purpose ``school-referral``), so
withdrawing it flags the case. The notice also names support agencies as a source: staff of the
council's other teams (TESS, youth justice, social care) and the centre's own staff refer under
``decide-support`` without that consent. Parents are a source of information (the centre's parental
consent form), not a route in, so the public has no form.

A case runs from assessment and planning, through the young person's time at the centre, to their
return to school. Placements, sessions and their attendance codes come with the service's own issue.
"""

from tutela.casework.kit import Field, IntakeForm, Letter, ServiceKit, Stage, Step, Submitter
from tutela.engagement.categories import (
    ADMINISTER,
    AGENCY_RECORDS,
    ATTENDANCE,
    CARE,
    CASE_NOTES,
    CHILD,
    DECIDE_SUPPORT,
    FAMILY,
    HEALTH,
    LETTER_TO_FAMILY,
    LETTERS,
    PARENT_NAME,
    SCHOOL_PICTURE,
    SCHOOL_REFERRAL,
    SEN,
    SERVICE,
)
from tutela.lib.sen import SEN_PROVISION

ASSESSMENT, ATTENDING, RETURNING = "assessment", "attending", "returning"


def _date(key: str, label: str, *, required: bool = True) -> Field:
    return Field(key, label, "date", required=required)


def _said(key: str, label: str, *, hint: str = "", required: bool = True) -> Field:
    """What someone said or wrote: kept in the record's body, not as data."""
    return Field(key, label, "text", required=required, content=True, hint=hint)


_SCHOOL_FORM = IntakeForm(
    key=SCHOOL_REFERRAL,
    title="Refer a pupil to the engagement centres",
    description="For a pupil having difficulties in school, with their parent's agreement to the referral.",
    submitters=frozenset({Submitter.SCHOOL}),
    purpose=SCHOOL_REFERRAL,
    categories=(*CHILD, *FAMILY, *SCHOOL_PICTURE, SEN, *CASE_NOTES),
    consent_purpose=SCHOOL_REFERRAL,
    family="required",
    family_needs_address=True,
    fields=(
        _said("difficulties", "What difficulties is the pupil having in school?"),
        Field("attendance_percent", "Attendance this school year (%)", "int"),
        Field("suspensions", "Suspensions this school year", "int", hint="Enter 0 if there have been none"),
        Field("sen_provision", "Special educational needs", "choice", choices=SEN_PROVISION),
        _said("support_so_far", "What has the school already tried?"),
    ),
)

_AGENCY_FORM = IntakeForm(
    key="agency-referral",
    title="Refer a young person from another service",
    description="For council staff who work with a young person the centre could help.",
    submitters=frozenset({Submitter.OTHER_TEAM, Submitter.SERVICE}),
    purpose=DECIDE_SUPPORT,
    categories=(*CHILD, *SCHOOL_PICTURE, AGENCY_RECORDS, *CASE_NOTES),
    family="optional",
    fields=(
        Field("referrer_role", "Your role and team", "line"),
        _said("reason", "Why are you referring the young person?"),
        _said("keeping_safe", "Anything the centre must know to keep the young person and others safe", required=False),
    ),
)

_STEPS = (
    Step(
        key="initial-meeting",
        name="Initial meeting with the young person and family",
        stages=(ASSESSMENT,),
        purpose=ADMINISTER,
        categories=(*CASE_NOTES, PARENT_NAME),
        happened="held_on",
        fields=(
            _date("held_on", "Date of the meeting"),
            Field("attendees", "Who came", "line"),
            _said("discussed", "What was discussed and agreed"),
        ),
    ),
    Step(
        key="support-decision",
        name="Decide the support offered",
        stages=(ASSESSMENT,),
        purpose=DECIDE_SUPPORT,
        categories=(*SCHOOL_PICTURE, *CASE_NOTES),
        happened="decided_on",
        moves_to=ATTENDING,
        decision=True,
        letter="place-offer",
        fields=(
            _date("decided_on", "Date of the decision"),
            Field(
                "offer",
                "Support offered",
                "choice",
                choices=(
                    ("full-time", "A full-time place at the centre"),
                    ("part-time", "Part of the week at the centre, the rest at school"),
                    ("outreach", "Outreach support at school"),
                ),
            ),
            _date("starts_on", "Start date"),
            Field("timetable", "Days and sessions", "line", hint="For example, Monday to Wednesday mornings"),
        ),
    ),
    Step(
        key="care-plan",
        name="Health and care needs while at the centre",
        stages=(),
        purpose=CARE,
        categories=(HEALTH,),
        happened="recorded_on",
        fields=(
            _date("recorded_on", "Date recorded"),
            _said("needs", "Medical and care needs"),
            _said("in_an_emergency", "What staff must do in an emergency", required=False),
        ),
    ),
    Step(
        key="progress-review",
        name="Progress review",
        stages=(ATTENDING,),
        purpose=DECIDE_SUPPORT,
        categories=(*SCHOOL_PICTURE, *CASE_NOTES),
        happened="held_on",
        fields=(
            _date("held_on", "Date of the review"),
            Field("attendance_percent", "Attendance at the centre since the last review (%)", "int"),
            _said("progress", "Progress, and what changes"),
            _date("next_review_on", "Next review", required=False),
        ),
    ),
    Step(
        key="return-plan",
        name="Plan the return to school",
        stages=(ATTENDING,),
        purpose=DECIDE_SUPPORT,
        categories=(ATTENDANCE, *CASE_NOTES),
        happened="agreed_on",
        moves_to=RETURNING,
        decision=True,
        letter="return-plan",
        fields=(
            _date("agreed_on", "Date agreed"),
            Field("school", "School returning to", "line"),
            _date("starts_on", "First day back"),
            _said("plan", "The plan: timetable, support and who checks in"),
        ),
    ),
    Step(
        key="return-outcome",
        name="Record how the return went",
        stages=(RETURNING,),
        purpose=ADMINISTER,
        categories=(ATTENDANCE, *CASE_NOTES),
        happened="recorded_on",
        fields=(
            _date("recorded_on", "Date recorded"),
            Field(
                "outcome",
                "Outcome",
                "choice",
                choices=(
                    ("sustained", "Back at school full time"),
                    ("with-outreach", "Back at school, with outreach support"),
                    ("not-sustained", "The return has not worked out"),
                ),
            ),
            _said("notes", "What happened"),
        ),
    ),
    Step(
        key="file-note",
        name="File note",
        stages=(),
        purpose=ADMINISTER,
        categories=CASE_NOTES,
        happened="occurred_on",
        fields=(_date("occurred_on", "Date"), _said("note", "Note")),
    ),
)

KIT = ServiceKit(
    service=SERVICE,
    stages=(
        Stage(ASSESSMENT, "Assessment and planning", next=(ATTENDING,)),
        Stage(ATTENDING, "Attending the centre", next=(RETURNING,)),
        Stage(RETURNING, "Returning to school", next=(ATTENDING,)),
    ),
    intake=(_SCHOOL_FORM, _AGENCY_FORM),
    steps=_STEPS,
    letters=(
        Letter(
            "place-offer",
            "Offer of support from the engagement centre",
            "letters/engagement_place_offer.html",
            LETTERS,
            LETTER_TO_FAMILY,
        ),
        Letter(
            "return-plan",
            "Plan for returning to school",
            "letters/engagement_return_plan.html",
            LETTERS,
            LETTER_TO_FAMILY,
        ),
    ),
)
