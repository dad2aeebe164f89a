"""Wigan's pupil data service in the demo: requests for an EHC needs assessment waiting (from a school
and from TESS), returned, agreed with advice coming in, refused and decided; a careers service request
answered; and a parent's objection waiting for an answer. No purpose of this service rests on consent.
Made by ``kit_runner`` through the kit's services."""

from tutela.demo.kit_script import (
    SCHOOL_USER,
    Accept,
    Ago,
    Close,
    Object,
    Record,
    Refer,
    Return,
    Scenario,
    Task,
)
from tutela.pupil_data import categories as pupil_data

SERVICE = pupil_data.SERVICE
MANAGER = "wigan-data-manager"  # triages requests
OFFICER = "wigan-sen-officer"  # works the cases


def _request(days_ago: int, need: str = "SEMH", *, by: str = SCHOOL_USER) -> Refer:
    answers = {
        "primary_need": need,
        "needs": "{child} has not been able to stay in class for more than 20 minutes since January, even with a "
        "teaching assistant; an educational psychologist's report from last year is attached to the school file.",
        "support_so_far": "Three cycles of assess, plan, do and review at SEN support; a part-time nurture group; "
        "outreach from the engagement centre. Each review found progress stalled.",
        "parents_views": "{parent} asked the school to make this request and wants a specialist place considered.",
    }
    return Refer("ehc-assessment-request", by, answers, days_ago=days_ago)


_ACCEPT = Accept(MANAGER, OFFICER, "A valid request: the six-week decision clock runs from the day it came in.")


def _agree(days_ago: int) -> Record:
    reasons = "The evidence shows needs that may call for provision beyond SEN support."
    return Record("agree-to-assess", {"decided_on": Ago(days_ago)}, rationale=reasons)


def _advice(days_ago: int, adviser: str, summary: str) -> Record:
    return Record("advice-received", {"received_on": Ago(days_ago), "adviser": adviser, "summary": summary})


SCENARIOS = (
    Scenario("request waiting", (_request(4),)),
    Scenario("request from TESS waiting", (_request(2, "SLCN", by="wigan-tess-caseworker"),)),
    Scenario(
        "request returned",
        (
            _request(20, "MLD"),
            Return(MANAGER, "The request has no SEN support plan or review notes: please send them with it."),
        ),
    ),
    Scenario(
        "assessment under way",
        (
            _request(60),
            _ACCEPT,
            _agree(30),
            _advice(12, "educational-psychologist", "Cognitive skills in the average range; high anxiety in groups."),
            _advice(5, "school", "Attendance 78%; 11 removals from class this term; progress below expected."),
            Task("Ask {parent} for their advice and {child}'s views", 7),
            Task("Decide whether to issue a plan (16 weeks from the request)", 52),
        ),
    ),
    Scenario(
        "assessment refused",
        (
            _request(70, "SPLD"),
            _ACCEPT,
            Record(
                "refuse-to-assess",
                {
                    "decided_on": Ago(30),
                    "support_advised": "A structured literacy programme daily, and a review with the specialist "
                    "teacher service this term.",
                },
                rationale="The needs are specific to literacy and the school has not yet tried specialist support.",
            ),
            Close("Decision not to assess sent to {parent} with their right of appeal."),
        ),
    ),
    Scenario(
        "plan to be issued",
        (
            _request(160),
            _ACCEPT,
            _agree(130),
            _advice(90, "educational-psychologist", "Needs an adult-led small-group setting for most of the day."),
            Record(
                "plan-decision",
                {"decided_on": Ago(40), "outcome": "draft-plan"},
                rationale="The advice agrees that {child}'s needs call for provision beyond SEN support.",
            ),
            Close("Draft plan issued; the plan writers have the case."),
        ),
    ),
    Scenario(
        "careers service request answered",
        (
            Refer(
                "careers-request",
                OFFICER,
                {
                    "requested_on": Ago(9),
                    "adviser": "Careers adviser, Wigan careers service",
                    "asked_for": "Contact details and predicted grades, to offer {child} a guidance interview.",
                },
                days_ago=9,
            ),
            _ACCEPT,
            Record("careers-answer", {"sent_on": Ago(7), "extent": "full"}, rationale="No opt-out is recorded."),
            Close("Answered the careers service's request."),
        ),
        min_age=13,
    ),
    Scenario(
        "objection waiting for an answer",
        (
            _request(25, "ASD"),
            _ACCEPT,
            Object(
                pupil_data.SEN_ASSESSMENT,
                "{parent} does not want the council to use {child}'s school records to assess.",
            ),
        ),
    ),
)
