"""Werneth School's SEN and safeguarding in the demo: notes of concern waiting for the designated
safeguarding lead, pupils monitored in school and referred to children's social care, a parent's
objection waiting for an answer and one answered, and a closed concern. Every purpose here rests on
legal obligation, so there is no consent to withdraw. Made by ``kit_runner`` through the kit's services."""

from tutela.demo.kit_script import (
    Accept,
    Ago,
    Ahead,
    Answer,
    Close,
    Object,
    Record,
    Refer,
    Return,
    Scenario,
    Task,
)
from tutela.safeguarding import categories as safeguarding

SERVICE = safeguarding.SERVICE
DSL = "werneth-school-dsl"  # triages notes of concern and decides
PASTORAL = "werneth-school-pastoral"  # raises most notes of concern
HEAD = "werneth-school-head"

_OBJECTION_GROUNDS = (
    "{parent} says the school has no business keeping notes about the family and wants them kept only by the head."
)


def _concern(days_ago: int, kind: str, account: str, *, by: str = PASTORAL) -> Refer:
    answers = {
        "noticed_on": Ago(days_ago),
        "noticed_at": "10:40",
        "kind": kind,
        "account": account,
        "action_taken": "Listened, did not ask leading questions, told {child} I would pass it to the safeguarding "
        "lead, and wrote this straight away.",
    }
    return Refer("note-of-concern", by, answers, days_ago=days_ago)


_ACCEPT = Accept(DSL, DSL, "Opened as a safeguarding concern.")
_TIRED = "{child} fell asleep in period 2 and said they had been up most of the night because of shouting at home."
_HUNGRY = "{child} asked for food at break for the third day running and said there was nothing in for breakfast."
_BRUISE = "{child} had a bruise on the upper arm in PE and said 'it happened at home' and would not say more."


def _monitor(days_ago: int) -> Record:
    answers = {
        "decided_on": Ago(days_ago),
        "plan": "Form tutor checks in each morning; breakfast club place; pastoral lead to speak to {parent}.",
        "review_on": Ahead(21),
    }
    reasons = "A first concern with no sign of harm: monitoring in school with early support, not a referral yet."
    return Record("decide-monitor", answers, rationale=reasons)


SCENARIOS = (
    Scenario("note of concern waiting", (_concern(0, "emotional", _TIRED),)),
    Scenario("note of concern from the head waiting", (_concern(1, "neglect", _HUNGRY, by=HEAD),)),
    Scenario(
        "note of concern returned",
        (
            _concern(6, "other", "{child} has come to school without the right uniform all week."),
            Return(DSL, "A uniform matter, not a safeguarding concern: passed back to the head of year."),
        ),
    ),
    Scenario(
        "monitored in school",
        (
            _concern(30, "neglect", _HUNGRY),
            _ACCEPT,
            _monitor(29),
            Record(
                "monitoring-review",
                {
                    "held_on": Ago(8),
                    "attendance_percent": 92,
                    "notes": "{child} comes to breakfast club most days and seems brighter.",
                    "next_review_on": Ahead(14),
                },
            ),
            Task("Monitoring review for {child}", 14),
        ),
    ),
    Scenario(
        "referred to children's social care",
        (
            _concern(20, "physical", _BRUISE),
            _ACCEPT,
            Record(
                "refer-social-care",
                {
                    "referred_on": Ago(20),
                    "referred_to": "The local authority's front door (MASH)",
                    "summary": "An unexplained bruise and {child}'s words; two earlier notes about shouting at home.",
                },
                rationale="An injury with a disclosure: the threshold for a referral is met today.",
            ),
            Record(
                "social-care-update",
                {
                    "received_on": Ago(12),
                    "status": "section-47",
                    "summary": "A section 47 enquiry is under way; school asked for attendance and a report.",
                },
            ),
            Record(
                "pastoral-support",
                {"started_on": Ago(11), "support": "Weekly time with the pastoral lead; a safe space at lunch."},
            ),
            Task("Send the school's report for the child protection conference", 4),
        ),
    ),
    Scenario(
        "objection waiting for an answer",
        (
            _concern(25, "emotional", _TIRED),
            _ACCEPT,
            _monitor(24),
            Object(safeguarding.SAFEGUARD, _OBJECTION_GROUNDS),
        ),
    ),
    Scenario(
        "objection answered",
        (
            _concern(45, "neglect", _HUNGRY),
            _ACCEPT,
            _monitor(44),
            Object(safeguarding.SAFEGUARD, _OBJECTION_GROUNDS),
            Answer(
                HEAD,
                upheld=False,
                rationale="Keeping Children Safe in Education requires the school to keep these records; only the "
                "safeguarding leads, pastoral staff and the head see them.",
            ),
        ),
    ),
    Scenario(
        "concern closed",
        (
            _concern(120, "emotional", _TIRED),
            _ACCEPT,
            _monitor(118),
            Record(
                "monitoring-review",
                {
                    "held_on": Ago(60),
                    "attendance_percent": 97,
                    "notes": "No further concerns; {parent} says things are calmer at home.",
                },
            ),
            Close("No further concerns over a half term of monitoring; the file stays with the safeguarding lead."),
        ),
    ),
)
