"""Werneth School's SEN, looked-after children and safeguarding information (seed 003) on the casework kit.

The notice's sources are admissions forms, the local authorities, safeguarding leads and notes of
concern, and it says the information is handled only by the safeguarding leads, pastoral staff and
the headteacher. So the one way in is a note of concern that one of them records (the service's own
staff); the designated safeguarding lead (DSL) triages it. There are no school users or other teams
of the school to refer, and no public route. Every purpose rests on legal obligation (KCSIE, Working
Together): nothing here is consent-based, and Art 21 objections can only be refused, with reasons.

A case runs from the concern with the DSL to monitoring in school or a referral to children's
social care. KCSIE asks for the reasons for every decision, including a decision not to refer, so
both of the DSL's decisions are decision steps. Looked-after pupils' PEPs, EHC plans and the
transfer of the file to a new school come with the service's own issue.
"""

from tutela.casework.kit import Field, IntakeForm, Letter, ServiceKit, Stage, Step, Submitter
from tutela.safeguarding.categories import (
    ATTENDANCE,
    CHILD,
    CHILD_IN_NEED,
    CONCERNS,
    PASTORAL,
    SAFEGUARD,
    SERVICE,
    SOCIAL_CARE,
    WRITTEN_REFERRAL,
)

CONCERN, MONITORING, REFERRED = "concern", "monitoring", "referred"


def _date(key: str, label: str, *, required: bool = True) -> Field:
    return Field(key, label, "date", required=required)


def _said(key: str, label: str, *, hint: str = "", required: bool = True) -> Field:
    """What someone said or wrote: kept in the record's body, not as data."""
    return Field(key, label, "text", required=required, content=True, hint=hint)


_NOTE_OF_CONCERN = IntakeForm(
    key="note-of-concern",
    title="Record a note of concern",
    description="Anything you have seen or heard that worries you about a pupil's safety or welfare.",
    submit_label="Record the concern",
    submitters=frozenset({Submitter.SERVICE}),
    purpose=SAFEGUARD,
    categories=(*CHILD, *CONCERNS),
    family="optional",
    fields=(
        _date("noticed_on", "Date you saw or heard it"),
        Field("noticed_at", "Time", "time", required=False, hint="Use the 24-hour clock, for example 14:30"),
        Field(
            "kind",
            "What kind of concern is it?",
            "choice",
            choices=(
                ("physical", "Physical"),
                ("emotional", "Emotional"),
                ("sexual", "Sexual"),
                ("neglect", "Neglect"),
                ("online", "Online safety"),
                ("other", "Something else"),
            ),
        ),
        _said(
            "account", "What did you see or hear?", hint="Use the pupil's own words where you can. Facts, not opinions."
        ),
        _said("action_taken", "What did you do?"),
    ),
)

_STEPS = (
    Step(
        key="decide-monitor",
        name="Decide to monitor in school",
        stages=(CONCERN,),
        purpose=SAFEGUARD,
        categories=CONCERNS,
        happened="decided_on",
        moves_to=MONITORING,
        decision=True,  # the reasons for not referring are part of the record (KCSIE Annex C)
        fields=(
            _date("decided_on", "Date of the decision"),
            _said("plan", "What school will do, and who watches for what"),
            _date("review_on", "Review date"),
        ),
    ),
    Step(
        key="refer-social-care",
        name="Refer to children's social care",
        stages=(CONCERN, MONITORING),
        purpose=SAFEGUARD,
        categories=(*CONCERNS, CHILD_IN_NEED),
        happened="referred_on",
        moves_to=REFERRED,
        decision=True,
        letter="written-referral",
        fields=(
            _date("referred_on", "Date referred"),
            Field("referred_to", "Referred to", "line", hint="For example, the local authority's front door (MASH)"),
            _said("summary", "What you told them"),
        ),
    ),
    Step(
        key="further-concern",
        name="Add a further concern",
        stages=(),
        purpose=SAFEGUARD,
        categories=CONCERNS,
        happened="noticed_on",
        fields=(
            _date("noticed_on", "Date you saw or heard it"),
            _said("account", "What did you see or hear?"),
            _said("action_taken", "What did you do?"),
        ),
    ),
    Step(
        key="social-care-update",
        name="Update from children's social care",
        stages=(REFERRED,),
        purpose=SAFEGUARD,
        categories=SOCIAL_CARE,
        happened="received_on",
        fields=(
            _date("received_on", "Date received"),
            Field(
                "status",
                "Where it stands",
                "choice",
                choices=(
                    ("assessment", "Assessment under way"),
                    ("child-in-need", "Child in need plan"),
                    ("section-47", "Section 47 enquiry"),
                    ("protection-plan", "Child protection plan"),
                    ("no-further-action", "No further action by children's social care"),
                ),
            ),
            _said("summary", "What school has been told and asked to do"),
        ),
    ),
    Step(
        key="monitoring-review",
        name="Monitoring review",
        stages=(MONITORING,),
        purpose=SAFEGUARD,
        categories=(*CONCERNS, ATTENDANCE),
        happened="held_on",
        fields=(
            _date("held_on", "Date of the review"),
            Field("attendance_percent", "Attendance since the last review (%)", "int"),
            _said("notes", "What has been seen, and what happens next"),
            _date("next_review_on", "Next review", required=False),
        ),
    ),
    Step(
        key="pastoral-support",
        name="Pastoral support",
        stages=(MONITORING, REFERRED),
        purpose=PASTORAL,
        categories=(*CONCERNS, ATTENDANCE),
        happened="started_on",
        fields=(_date("started_on", "Date started"), _said("support", "Support given, by whom and how often")),
    ),
)

KIT = ServiceKit(
    service=SERVICE,
    stages=(
        Stage(CONCERN, "Concern with the safeguarding lead", next=(MONITORING, REFERRED)),
        Stage(MONITORING, "Monitoring in school", next=(REFERRED,)),
        Stage(REFERRED, "Referred to children's social care", next=(MONITORING,)),
    ),
    intake=(_NOTE_OF_CONCERN,),
    triaged_by=frozenset({"safeguarding-lead", "headteacher"}),
    steps=_STEPS,
    letters=(
        Letter(
            "written-referral",
            "Written confirmation of a referral to children's social care",
            "letters/safeguarding_written_referral.html",
            SAFEGUARD,
            WRITTEN_REFERRAL,
        ),
    ),
)
