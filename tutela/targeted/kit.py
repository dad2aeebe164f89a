"""Wigan's Targeted Education Support Service (TESS, seed 001) on the casework kit.

TESS "supports children when their education establishment asks it to": the only way in is the
establishment's Request for Service Involvement, which is also the parent's consent to the service
(purpose ``service-involvement``): without it TESS cannot act, and a withdrawal (passed on by the
school, as the notice says) flags the case. A school user sends the request; TESS's own staff may
enter one that came on paper from a setting with no Tutela account (a nursery, say). Parents are a
source of information and consents, not a route in, so the public has no form.

A case runs from assessment to a support plan with outcomes, its reviews, and the end of TESS's
involvement. Photograph and video consents, Early Help and PLO work come with the service's own issue.
"""

from tutela.casework.kit import Field, IntakeForm, Letter, ServiceKit, Stage, Step, Submitter
from tutela.lib.sen import NEED_TYPES, SEN_PROVISION
from tutela.targeted.categories import (
    ASSESSMENTS,
    CASE_RECORDS,
    HEALTH,
    HEALTH_INFORMATION,
    INTERVENTIONS,
    INVOLVEMENT,
    LEARNING,
    LETTER_TO_FAMILY,
    PLAN,
    PROFESSIONALS_INVOLVED,
    PROGRESS,
    REQUEST,
    SAFEGUARDING,
    SAFEGUARDING_CONCERNS,
    SCHOOL_RECORDS,
    SEN,
    SERVICE,
    STRENGTHS,
)

ASSESSMENT, SUPPORT, ENDING = "assessment", "support", "ending"


def _date(key: str, label: str, *, required: bool = True) -> Field:
    return Field(key, label, "date", required=required)


def _said(key: str, label: str, *, hint: str = "", required: bool = True) -> Field:
    """What someone said or wrote: kept in the record's body, not as data."""
    return Field(key, label, "text", required=required, content=True, hint=hint)


_REQUEST = IntakeForm(
    key="request-for-involvement",
    title="Request for Service Involvement",
    description="An education establishment asks TESS to support a child, with the parent's signed consent.",
    submitters=frozenset({Submitter.SCHOOL, Submitter.SERVICE}),
    purpose=INVOLVEMENT,
    categories=REQUEST,
    consent_purpose=INVOLVEMENT,
    family="required",
    family_needs_address=True,
    fields=(
        Field("sen_provision", "Special educational needs", "choice", choices=SEN_PROVISION),
        Field("primary_need", "Main area of need, if known", "choice", required=False, choices=NEED_TYPES),
        _said("concerns", "What are your concerns about the child's learning or development?"),
        _said("strengths", "What is the child good at, and what do they enjoy?"),
        _said("tried", "What has the setting already put in place?"),
        _said("professionals", "Other professionals involved", required=False),
    ),
)

_OUTCOMES = (
    ("exceeded", "Outcomes exceeded"),
    ("met", "Outcomes met"),
    ("partly", "Outcomes partly met"),
    ("not-met", "Outcomes not met"),
)

_STEPS = (
    Step(
        key="consultation",
        name="Consultation with the setting",
        stages=(ASSESSMENT,),
        purpose=LEARNING,
        categories=(*SEN, SCHOOL_RECORDS, PROFESSIONALS_INVOLVED),
        happened="held_on",
        fields=(
            _date("held_on", "Date of the consultation"),
            Field("attendees", "Who took part", "line"),
            _said("notes", "What the setting and family told us"),
        ),
    ),
    Step(
        key="needs-assessment",
        name="Assessment of needs",
        stages=(ASSESSMENT, SUPPORT),
        purpose=LEARNING,
        categories=(*SEN, ASSESSMENTS, STRENGTHS),
        happened="assessed_on",
        fields=(
            _date("assessed_on", "Date of the assessment"),
            Field("primary_need", "Primary need", "choice", choices=NEED_TYPES),
            Field("secondary_need", "Secondary need", "choice", required=False, choices=NEED_TYPES),
            _said("findings", "Findings"),
        ),
    ),
    Step(
        key="support-plan",
        name="Agree a support plan",
        stages=(ASSESSMENT,),
        purpose=LEARNING,
        categories=(*PLAN, STRENGTHS),
        happened="agreed_on",
        moves_to=SUPPORT,
        decision=True,
        letter="support-plan",
        fields=(
            _date("agreed_on", "Date agreed"),
            _said("outcomes", "Outcomes the child is working towards"),
            _said("interventions", "Interventions, who delivers them and how often"),
            _date("review_on", "Review date"),
        ),
    ),
    Step(
        key="progress-review",
        name="Review progress",
        stages=(SUPPORT,),
        purpose=PROGRESS,
        categories=(*PLAN, ASSESSMENTS),
        happened="held_on",
        fields=(
            _date("held_on", "Date of the review"),
            Field("progress", "Progress towards the outcomes", "choice", choices=_OUTCOMES),
            _said("notes", "What has changed, and what happens next"),
            _date("next_review_on", "Next review", required=False),
        ),
    ),
    Step(
        key="health-information",
        name="Health information from a professional",
        stages=(),
        purpose=HEALTH,
        categories=HEALTH_INFORMATION,
        happened="received_on",
        fields=(
            _date("received_on", "Date received"),
            Field("professional", "From (name and role)", "line"),
            _said("summary", "What it says about the child's needs"),
        ),
    ),
    Step(
        key="safeguarding-concern",
        name="Safeguarding concern",
        stages=(),
        purpose=SAFEGUARDING,
        categories=SAFEGUARDING_CONCERNS,
        happened="noticed_on",
        decision=True,  # passing it on can mean sharing without consent, to protect the child
        fields=(
            _date("noticed_on", "Date of the concern"),
            _said("concern", "What was seen or heard"),
            Field(
                "action",
                "What you did",
                "choice",
                choices=(
                    ("setting-dsl", "Told the setting's designated safeguarding lead"),
                    ("social-care", "Referred to children's social care"),
                    ("advice", "Sought advice; no referral needed"),
                ),
            ),
        ),
    ),
    Step(
        key="end-involvement",
        name="End TESS's involvement",
        stages=(SUPPORT,),
        purpose=PROGRESS,
        categories=PLAN,
        happened="ended_on",
        moves_to=ENDING,
        decision=True,
        letter="end-involvement",
        fields=(
            _date("ended_on", "Date involvement ends"),
            Field(
                "reason",
                "Why involvement ends",
                "choice",
                choices=(
                    ("outcomes-met", "Outcomes met: the setting carries on the plan"),
                    ("moved", "The child moved to another setting"),
                    ("other-service", "Another service now leads"),
                ),
            ),
            _said("summary", "Summary for the setting and family"),
        ),
    ),
    Step(
        key="file-note",
        name="File note",
        stages=(),
        purpose=LEARNING,
        categories=(CASE_RECORDS,),
        happened="occurred_on",
        fields=(_date("occurred_on", "Date"), _said("note", "Note")),
    ),
)

KIT = ServiceKit(
    service=SERVICE,
    stages=(
        Stage(ASSESSMENT, "Assessment", next=(SUPPORT,)),
        Stage(SUPPORT, "Support plan in place", next=(ENDING,)),
        Stage(ENDING, "Ending involvement", next=(SUPPORT,)),
    ),
    intake=(_REQUEST,),
    steps=_STEPS,
    # Letters to the family rest on their consent to the service, as the notice says the work does.
    letters=(
        Letter(
            "support-plan",
            "Your child's support plan",
            "letters/targeted_support_plan.html",
            INVOLVEMENT,
            (*LETTER_TO_FAMILY, INTERVENTIONS),
        ),
        Letter(
            "end-involvement",
            "The end of our involvement",
            "letters/targeted_end_involvement.html",
            INVOLVEMENT,
            LETTER_TO_FAMILY,
        ),
    ),
)
