"""Wigan's Engagement Centres in the demo: schools' referrals waiting and returned, young people at
every stage from assessment to their return to school, a parent withdrawing the agreement that came
with the school's referral, and closed cases. Made by ``kit_runner`` through the kit's services."""

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
from tutela.engagement import categories as engagement

SERVICE = engagement.SERVICE
MANAGER = "wigan-manager"  # triages referrals
OFFICER = "wigan-caseworker"  # works the cases

_DIFFICULTIES = (
    "{child} has been removed from lessons 14 times this half term for refusing to work and walking out. "
    "{child} says lessons are too noisy and that teachers pick on them; they get on well with the learning mentor."
)
_TRIED = (
    "A pastoral support plan since September, a daily report card, two sessions a week with the learning "
    "mentor and a meeting with {parent}, who agrees {child} needs a fresh start."
)


def _school_referral(days_ago: int, *, attendance: int = 81, suspensions: int = 2) -> Refer:
    answers = {
        "difficulties": _DIFFICULTIES,
        "attendance_percent": attendance,
        "suspensions": suspensions,
        "sen_provision": "K",
        "support_so_far": _TRIED,
    }
    return Refer(engagement.SCHOOL_REFERRAL, SCHOOL_USER, answers, days_ago=days_ago)


_ACCEPT = Accept(MANAGER, OFFICER, "Meets the centre's criteria: the school's support is evidenced. Allocated.")


def _meeting(days_ago: int) -> Record:
    answers = {
        "held_on": Ago(days_ago),
        "attendees": "{child}, {parent}, the head of year at {school}",
        "discussed": "{child} wants to get back on track for their exams. We agreed a taster morning at the centre "
        "and that {parent} will let us know about anything that affects {child}'s mornings.",
    }
    return Record("initial-meeting", answers)


def _offer(days_ago: int, offer: str = "part-time") -> Record:
    answers = {
        "decided_on": Ago(days_ago),
        "offer": offer,
        "starts_on": Ago(max(days_ago - 7, 0)),
        "timetable": "Monday to Wednesday at the centre, Thursday and Friday at school",
    }
    reasons = "The school's plan has not worked; {child} engaged well at the taster and wants the place."
    return Record("support-decision", answers, rationale=reasons)


def _review(days_ago: int, attendance: int) -> Record:
    answers = {
        "held_on": Ago(days_ago),
        "attendance_percent": attendance,
        "progress": "{child} arrives on time and has had no removals. Maths and English work is back on track.",
        "next_review_on": Ahead(42),
    }
    return Record("progress-review", answers)


def _return_plan(days_ago: int) -> Record:
    answers = {
        "agreed_on": Ago(days_ago),
        "school": "{school}",
        "starts_on": Ago(max(days_ago - 10, 0)),
        "plan": "Mornings at school for two weeks, then full days; a check-in with the learning mentor each "
        "morning and a weekly call from the centre to {parent}.",
    }
    return Record("return-plan", answers, rationale="Two good reviews in a row; {child} and {parent} want to go back.")


SCENARIOS = (
    Scenario("referral waiting", (_school_referral(2),)),
    Scenario(
        "referral from another team waiting",
        (
            Refer(
                "agency-referral",
                "wigan-tess-caseworker",
                {
                    "referrer_role": "Targeted Education Support Service caseworker",
                    "reason": "{child} is struggling in a large school since moving to {school}; the setting and TESS "
                    "think a few weeks in a small group would help.",
                },
                days_ago=1,
            ),
        ),
    ),
    Scenario(
        "referral returned",
        (
            _school_referral(12, attendance=93, suspensions=0),
            Return(
                MANAGER,
                "Please send the pastoral support plan and its review notes, and refer again if "
                "removals go on after the review.",
            ),
        ),
    ),
    Scenario(
        "assessment under way",
        (_school_referral(9), _ACCEPT, _meeting(5), Task("Arrange a taster morning at the centre", 5)),
    ),
    Scenario(
        "attending the centre",
        (
            _school_referral(90),
            _ACCEPT,
            _meeting(80),
            _offer(75),
            Record(
                "care-plan",
                {
                    "recorded_on": Ago(74),
                    "needs": "Asthma: {child} carries a blue inhaler. No allergies.",
                    "in_an_emergency": "Inhaler first; if no better in 10 minutes call 999, then {parent}.",
                },
            ),
            _review(30, 94),
            Task("Half-termly review with {school} and the family", 12),
        ),
    ),
    Scenario(
        "agreement withdrawn",
        (
            _school_referral(40),
            _ACCEPT,
            _meeting(32),
            Withdraw(3, "{parent} told the head of year they no longer agree to the referral.", by=SCHOOL_USER),
        ),
    ),
    Scenario(
        "back at school",
        (
            _school_referral(200, attendance=72, suspensions=4),
            _ACCEPT,
            _meeting(190),
            _offer(185, "full-time"),
            _review(120, 91),
            _review(75, 96),
            _return_plan(40),
            Record(
                "return-outcome",
                {
                    "recorded_on": Ago(10),
                    "outcome": "sustained",
                    "notes": "{child} has been back full time for four weeks with no removals.",
                },
            ),
            Close("{child} is back at {school} full time and the return has lasted; the school will monitor."),
        ),
    ),
    Scenario(
        "closed after assessment",
        (
            _school_referral(60),
            _ACCEPT,
            _meeting(50),
            Record("file-note", {"occurred_on": Ago(35), "note": "The family moved out of the borough."}),
            Close("The family moved out of the borough; their new school has the centre's notes."),
        ),
    ),
)
