"""Wigan's pupils', children's and school workforce data (seed 002) on the casework kit.

Most of what this notice describes is statistics and sharing under agreements, which are not
casework. Two things are about one child and need a person's decision, so they are this service's
cases:

- a request for an education, health and care (EHC) needs assessment, the notice's "assessment of
  any special educational needs the child may have". Its sources are schools and the council's
  children's services, so a school, another team (TESS, say) or the team itself sends one; the
  register names no parents as a source, so the public has no form here. The LA decides whether to
  assess (within 6 weeks of the request, SI 2014/1530 reg 5) and, after the advice, whether to
  issue a plan (the decision within 16 weeks, reg 10);
- a careers service's request for a pupil's information (pupils of 13 and over, on request only):
  the team logs the request and an officer decides what goes, name, address and date of birth only
  where a parent, or the pupil from 16, has opted out (the sharing pages apply the opt-out).

School workforce data is about staff, not children, and has no cases. EHC plans, annual reviews
and the SEN2 return come with the service's own issue.
"""

from tutela.casework.kit import Field, IntakeForm, Letter, ServiceKit, Stage, Step, Submitter
from tutela.lib.sen import NEED_TYPES
from tutela.pupil_data.categories import (
    ASSESSMENT_REQUEST,
    CAREERS,
    CAREERS_ANSWER,
    CHILD,
    LETTER_TO_FAMILY,
    NEEDS,
    SCHOOL_RECORDS,
    SEN_ASSESSMENT,
    SERVICE,
)

RECEIVED, ASSESSING, ANSWERED = "received", "assessing", "answered"


def _date(key: str, label: str, *, required: bool = True) -> Field:
    return Field(key, label, "date", required=required)


def _said(key: str, label: str, *, hint: str = "", required: bool = True) -> Field:
    """What someone said or wrote: kept in the record's body, not as data."""
    return Field(key, label, "text", required=required, content=True, hint=hint)


_ASSESSMENT_REQUEST = IntakeForm(
    key="ehc-assessment-request",
    title="Request an EHC needs assessment",
    description="Ask the local authority to assess a child's special educational needs.",
    submitters=frozenset({Submitter.SCHOOL, Submitter.OTHER_TEAM, Submitter.SERVICE}),
    purpose=SEN_ASSESSMENT,
    categories=ASSESSMENT_REQUEST,
    family="required",
    family_needs_address=True,  # the LA's decisions are sent to the parents
    fields=(
        Field("primary_need", "Main area of need", "choice", choices=NEED_TYPES),
        _said("needs", "The child's needs, and the evidence for them"),
        _said("support_so_far", "SEN support so far, and what its reviews found"),
        _said("parents_views", "What the parents and the child think", required=False),
    ),
)

_CAREERS_REQUEST = IntakeForm(
    key="careers-request",
    title="Log a careers service request",
    description="A careers adviser's request for a pupil's information (pupils of 13 and over).",
    submitters=frozenset({Submitter.SERVICE}),
    purpose=CAREERS,
    categories=CHILD,
    family="none",
    attachments=False,
    fields=(
        _date("requested_on", "Date of the request"),
        Field("adviser", "Careers adviser asking", "line"),
        _said("asked_for", "What they asked for, and why"),
    ),
)

_STEPS = (
    Step(
        key="agree-to-assess",
        name="Decide to carry out an EHC needs assessment",
        stages=(RECEIVED,),
        purpose=SEN_ASSESSMENT,
        categories=NEEDS,
        happened="decided_on",
        moves_to=ASSESSING,
        decision=True,
        letter="assessment-agreed",
        fields=(_date("decided_on", "Date of the decision"),),
    ),
    Step(
        key="refuse-to-assess",
        name="Decide not to carry out an EHC needs assessment",
        stages=(RECEIVED,),
        purpose=SEN_ASSESSMENT,
        categories=NEEDS,
        happened="decided_on",
        moves_to=ANSWERED,
        decision=True,
        letter="assessment-refused",
        fields=(
            _date("decided_on", "Date of the decision"),
            _said("support_advised", "The support the school should put in place instead"),
        ),
    ),
    Step(
        key="advice-received",
        name="Advice received",
        stages=(ASSESSING,),
        purpose=SEN_ASSESSMENT,
        categories=(*NEEDS, SCHOOL_RECORDS),
        happened="received_on",
        fields=(
            _date("received_on", "Date received"),
            Field(
                "adviser",
                "Advice from",
                "choice",
                choices=(
                    ("educational-psychologist", "Educational psychologist"),
                    ("school", "The school or setting"),
                    ("parents", "The parents and the child"),
                    ("sen-service", "The council's SEN support services"),
                ),
            ),
            _said("summary", "What the advice says"),
        ),
    ),
    Step(
        key="plan-decision",
        name="Decide whether to issue an EHC plan",
        stages=(ASSESSING,),
        purpose=SEN_ASSESSMENT,
        categories=NEEDS,
        happened="decided_on",
        moves_to=ANSWERED,
        decision=True,
        letter="assessment-outcome",
        fields=(
            _date("decided_on", "Date of the decision"),
            Field(
                "outcome",
                "Decision",
                "choice",
                choices=(
                    ("draft-plan", "Issue a draft EHC plan"),
                    ("no-plan", "No plan: the needs can be met from SEN support"),
                ),
            ),
        ),
    ),
    Step(
        key="careers-answer",
        name="Answer the careers service",
        stages=(RECEIVED,),
        purpose=CAREERS,
        categories=CAREERS_ANSWER,
        happened="sent_on",
        moves_to=ANSWERED,
        decision=True,  # a disclosure: an officer decides what goes, after checking for an opt-out
        fields=(
            _date("sent_on", "Date sent"),
            Field(
                "extent",
                "What was sent",
                "choice",
                choices=(
                    ("full", "Name, address and information relevant to the careers service"),
                    ("opted-out", "Only name, address and date of birth: an opt-out applies"),
                ),
            ),
        ),
    ),
)

KIT = ServiceKit(
    service=SERVICE,
    stages=(
        Stage(RECEIVED, "Request received", next=(ASSESSING, ANSWERED)),
        Stage(ASSESSING, "Needs assessment under way", next=(ANSWERED,)),
        Stage(ANSWERED, "Decided and answered"),
    ),
    intake=(_ASSESSMENT_REQUEST, _CAREERS_REQUEST),
    steps=_STEPS,
    letters=(
        Letter(
            "assessment-agreed",
            "We will assess your child's needs",
            "letters/pupil_data_assessment_agreed.html",
            SEN_ASSESSMENT,
            LETTER_TO_FAMILY,
        ),
        Letter(
            "assessment-refused",
            "Our decision not to assess your child's needs",
            "letters/pupil_data_assessment_refused.html",
            SEN_ASSESSMENT,
            LETTER_TO_FAMILY,
        ),
        Letter(
            "assessment-outcome",
            "The outcome of your child's needs assessment",
            "letters/pupil_data_assessment_outcome.html",
            SEN_ASSESSMENT,
            LETTER_TO_FAMILY,
        ),
    ),
)
