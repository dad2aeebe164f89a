"""Wigan's Targeted Education Support Service (TESS) in the demo: settings' Requests for Service
Involvement waiting, returned and redirected, children at assessment and with a support plan, a
consent withdrawn through the school (as the notice says it is), and involvement ended. Made by
``kit_runner`` through the kit's services."""

from tutela.demo.kit_script import (
    SCHOOL_USER,
    Accept,
    Ago,
    Ahead,
    Close,
    Record,
    Refer,
    Return,
    Scenario,
    Task,
    Withdraw,
)
from tutela.targeted import categories as targeted

SERVICE = targeted.SERVICE
MANAGER = "wigan-tess-manager"  # triages requests
OFFICER = "wigan-tess-caseworker"  # works the cases


def _request(days_ago: int, need: str = "SLCN", *, by: str = SCHOOL_USER) -> Refer:
    answers = {
        "sen_provision": "K",
        "primary_need": need,
        "concerns": "{child} finds it hard to follow instructions in class and to explain what they mean; "
        "they are falling behind in reading and have become withdrawn at playtimes.",
        "strengths": "{child} loves building things and is kind to younger children.",
        "tried": "Small-group language sessions three times a week and visual timetables since last term.",
        "professionals": "School nurse; speech and language therapy (waiting list).",
    }
    return Refer("request-for-involvement", by, answers, days_ago=days_ago)


_ACCEPT = Accept(MANAGER, OFFICER, "Needs are beyond what the setting can meet alone. Allocated.")


def _consultation(days_ago: int) -> Record:
    answers = {
        "held_on": Ago(days_ago),
        "attendees": "{parent}, the SENCo at {school}, the class teacher",
        "notes": "{parent} sees the same at home: {child} gets frustrated when not understood. The SENCo has "
        "a term of notes from the language group.",
    }
    return Record("consultation", answers)


def _plan(days_ago: int) -> Record:
    answers = {
        "agreed_on": Ago(days_ago),
        "outcomes": "By the end of term {child} will follow two-step instructions in class, and join a game at "
        "playtime with an adult nearby.",
        "interventions": "Language group three times a week (teaching assistant); TESS visits fortnightly to "
        "model strategies; a home-school book.",
        "review_on": Ahead(30),
    }
    return Record("support-plan", answers, rationale="The assessment shows language needs the plan can meet in school.")


def _review(days_ago: int, progress: str) -> Record:
    answers = {
        "held_on": Ago(days_ago),
        "progress": progress,
        "notes": "{child} follows two-step instructions most of the time; playtimes are still hard.",
        "next_review_on": Ahead(40),
    }
    return Record("progress-review", answers)


SCENARIOS = (
    Scenario("request waiting", (_request(3),)),
    Scenario("request from a nursery on paper waiting", (_request(1, "ASD", by=OFFICER),)),
    Scenario(
        "request returned",
        (
            _request(15, "MLD"),
            Return(
                MANAGER,
                "The needs described are being met by the setting's SEN support: please review it "
                "with your link educational psychologist first, and ask again if progress stalls.",
            ),
        ),
    ),
    Scenario(
        "request redirected",
        (
            _request(10, "ASD"),
            Return(
                MANAGER,
                "The family and setting are asking for an autism assessment: passed to the SEND and Autism Panel.",
                redirect_to="send-autism-panel",
            ),
        ),
    ),
    Scenario(
        "assessment under way",
        (_request(14), _ACCEPT, _consultation(6), Task("Observe {child} in class and at playtime", 8)),
    ),
    Scenario(
        "support plan in place",
        (
            _request(120, "SLCN"),
            _ACCEPT,
            _consultation(110),
            Record(
                "needs-assessment",
                {
                    "assessed_on": Ago(100),
                    "primary_need": "SLCN",
                    "secondary_need": "SEMH",
                    "findings": "Receptive language well below age; anxiety when not understood.",
                },
            ),
            _plan(90),
            Record(
                "health-information",
                {
                    "received_on": Ago(60),
                    "professional": "Speech and language therapist",
                    "summary": "Confirms a developmental language disorder; therapy blocks starting next term.",
                },
            ),
            _review(20, "partly"),
            Task("Review the support plan with the SENCo and {parent}", 10),
        ),
    ),
    Scenario(
        "consent withdrawn through the school",
        (
            _request(50),
            _ACCEPT,
            _consultation(40),
            Withdraw(2, "{parent} told the SENCo they no longer want TESS involved.", by=SCHOOL_USER),
        ),
    ),
    Scenario(
        "involvement ended",
        (
            _request(250, "SPLD"),
            _ACCEPT,
            _consultation(240),
            _plan(220),
            _review(150, "met"),
            Record(
                "end-involvement",
                {
                    "ended_on": Ago(30),
                    "reason": "outcomes-met",
                    "summary": "{child} reads at the expected level for their age; the setting carries on the plan.",
                },
                rationale="The outcomes are met and the setting can carry on the plan without us.",
            ),
            Close("Outcomes met; the setting carries on the plan and can ask for TESS again."),
        ),
    ),
)
