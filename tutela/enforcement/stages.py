"""The stages of attendance enforcement as data: each step's fields, register purpose, decision,
letter and clocks. Adding a route (the Children's Wellbeing and Schools Act 2026 school attendance
order, say) is adding steps here, not code in the views.

Field values that are content (what was said, agreed or written) go into the step's record body,
encrypted when the categories are criminal-offence data; the rest (dates, references, choices) are
kept as data the clocks run on. Penalty notices and prosecutions have their own models and rules.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal

from tutela.enforcement import categories as declared
from tutela.enforcement import rules
from tutela.enforcement.models import LegalDecision

FieldKind = Literal["date", "time", "text", "line", "choice", "int", "bool"]


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: FieldKind
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    content: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Clock:
    name: str
    due_on: date
    detail: str = ""  # what the officer should know about the date (it ends in a school holiday, say)


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    stage: str
    purpose: str
    categories: tuple[str, ...]
    fields: tuple[Field, ...]
    happened: str  # the field that dates the step
    decision: str | None = None  # LegalDecision.Kind: a named officer decides, with a rationale
    letter: str | None = None  # template under letters/
    concerning: Literal["child", "parent"] = "child"
    clocks: Callable[[dict[str, Any], frozenset[date] | None], list[Clock]] = field(default=lambda data, days: [])


SERVICE_METHODS = tuple((method.value, name) for method, name in rules.SERVICE_METHOD_NAMES.items())
# When and how a notice or letter was served: its clocks run from the deemed date of receipt.
SERVED = (
    Field("served_on", "Date handed over, posted or left at the address", "date"),
    Field("service_method", "How it was served", "choice", choices=SERVICE_METHODS),
    Field(
        "left_at",
        "Time it was left at the address",
        "time",
        required=False,
        hint="Only if it was left at the address, for example 15:30. Left at or after 4.30pm, or not "
        "recorded, it counts as received the next working day",
    ),
)
# Named once in tutela.enforcement.categories; kept here under the names the steps have always used.
CASE_CATEGORIES = declared.CASE_CATEGORIES
PARENT_CATEGORIES = declared.PARENT_CATEGORIES
CRIMINAL = declared.CRIMINAL
ENFORCEMENT = declared.ENFORCEMENT
SAO = declared.SAO


def received_on(data: dict[str, Any], sent: str = "served_on") -> date:
    """When a served notice or letter counts as received, from a step's facts (as entered, or as
    stored, with dates and times as ISO text)."""
    served, left_at = data[sent], data.get("left_at")
    return rules.deemed_receipt(
        sent_on=date.fromisoformat(served) if isinstance(served, str) else served,
        method=rules.ServiceMethod(data["service_method"]),
        left_at=time.fromisoformat(left_at) if isinstance(left_at, str) else left_at,
    )


def improvement_period(data: dict[str, Any], school_days: frozenset[date] | None) -> tuple[date, date]:
    """A notice to improve's (deemed receipt, last day of the improvement period)."""
    received = received_on(data)
    weeks = int(data["improvement_weeks"])
    return received, rules.improvement_period_ends(received_on=received, school_weeks=weeks, school_days=school_days)


def _nti_clocks(data: dict[str, Any], school_days: frozenset[date] | None) -> list[Clock]:
    received, ends = improvement_period(data, school_days)
    holiday = rules.school_holiday_on(ends, school_days)
    flag = (
        f"Ends in a school holiday (no school {holiday.first_day:%-d %B} to {holiday.last_day:%-d %B %Y}): "
        "attendance cannot improve or be checked until the school reopens"
        if holiday
        else ""
    )
    return [Clock("Notice to improve received", received), Clock("Improvement period ends", ends, flag)]


def _s437_clocks(data: dict[str, Any], _days: frozenset[date] | None) -> list[Clock]:
    return [Clock("Parent to satisfy the LA by (s437(1))", data["satisfy_by"])]


def _s438_clocks(data: dict[str, Any], _days: frozenset[date] | None) -> list[Clock]:
    return [Clock("Parent's window to choose a school ends (s438)", rules.s438_choice_ends(received_on(data)))]


def _eso_clocks(data: dict[str, Any], _days: frozenset[date] | None) -> list[Clock]:
    made = data.get("made_on")
    if made is None:
        return []
    return [Clock("Education supervision order: last day in force (one year)", rules.eso_last_day(made))]


REG9_GROUNDS = (
    ("reg9-1a", "Reg 9(1)(a): registered at another school"),
    ("reg9-1b", "Reg 9(1)(b): nursery pupil not returning"),
    ("reg9-1c", "Reg 9(1)(c): dual registration ended, consents obtained"),
    ("reg9-1d", "Reg 9(1)(d): school attendance order amended to another school"),
    ("reg9-1e", "Reg 9(1)(e): school attendance order revoked, suitable education arranged"),
    ("reg9-cme", "Reg 9: continuously absent 20 school days, whereabouts unknown after joint reasonable enquiries"),
    ("reg9-other", "Reg 9: another ground (give it in the rationale)"),
    ("reg8-1h", "Historic case, 2006 reg 8(1)(h): continuously absent 20 school days, enquiries failed"),
    ("reg8-other", "Historic case, 2006 reg 8: another ground (give it in the rationale)"),
)
CME_GROUNDS = {"reg9-cme", "reg8-1h"}
# The joint reasonable-enquiries checklist the children-missing-education ground needs, every item done.
CME_ENQUIRIES = (
    ("enquiry_school_contacts", "The school has tried every contact number and address it holds"),
    ("enquiry_home_visit", "A home visit has been made"),
    ("enquiry_siblings_schools", "Siblings' schools and nurseries have been asked"),
    ("enquiry_other_las", "Other local authorities and the Lost Pupils Database have been checked"),
    ("enquiry_agencies", "Children's social care, health and police have been asked"),
    ("enquiry_cme_officer", "The Children Missing Education officer has been notified"),
)

STEPS: tuple[Step, ...] = (
    Step(
        key="targeted-support-meeting",
        name="Targeted support meeting",
        stage="early-help",
        purpose=ENFORCEMENT,
        categories=(*CASE_CATEGORIES, declared.MEETING_NOTES),
        happened="held_on",
        fields=(
            Field("held_on", "Date of the meeting", "date"),
            Field("attendees", "Who attended", "line"),
            Field("agreed_actions", "What was agreed", "text", content=True),
        ),
    ),
    Step(
        key="notice-to-improve",
        name="Notice to improve",
        stage="notice-to-improve",
        purpose=ENFORCEMENT,
        categories=PARENT_CATEGORIES,
        happened="served_on",
        decision=LegalDecision.Kind.ISSUE_NTI,
        letter="letters/notice_to_improve.html",
        concerning="parent",
        clocks=_nti_clocks,
        fields=(
            *SERVED,
            Field("improvement_weeks", "Improvement period in school weeks", "int", hint="From 3 to 6 school weeks"),
            Field("support_offered", "Support already offered, and further support", "text", content=True),
        ),
    ),
    Step(
        key="attendance-contract",
        name="Attendance contract",
        stage="attendance-contract",
        purpose=ENFORCEMENT,
        categories=PARENT_CATEGORIES,
        happened="agreed_on",
        concerning="parent",
        fields=(
            Field("agreed_on", "Date agreed", "date"),
            Field("review_on", "Review date", "date"),
            Field("terms", "What the parent and the school agreed to do", "text", content=True),
        ),
        clocks=lambda data, _days: [Clock("Attendance contract review", data["review_on"])],
    ),
    Step(
        key="eso-application",
        name="Education supervision order application",
        stage="education-supervision-order",
        purpose=ENFORCEMENT,
        categories=(*CASE_CATEGORIES, declared.COURT_ORDERS),
        happened="applied_on",
        decision=LegalDecision.Kind.APPLY_ESO,
        fields=(
            Field("applied_on", "Date of application", "date"),
            Field("court", "Court", "line"),
            Field("made_on", "Date the order was made", "date", required=False),
        ),
        clocks=_eso_clocks,
    ),
    Step(
        key="s437-notice",
        name="Notice under s437(1)",
        stage="school-attendance-order",
        purpose=SAO,
        categories=PARENT_CATEGORIES,
        happened="served_on",
        decision=LegalDecision.Kind.SERVE_S437,
        letter="letters/s437_notice.html",
        concerning="parent",
        clocks=_s437_clocks,
        fields=(
            *SERVED,
            Field(
                "satisfy_by",
                "Date by which the parent must satisfy the LA",
                "date",
                required=False,
                hint="At least 15 days beginning with the day of service; left empty, the earliest lawful date",
            ),
        ),
    ),
    Step(
        key="s438-notice",
        name="Notice of intention under s438",
        stage="school-attendance-order",
        purpose=SAO,
        categories=(*PARENT_CATEGORIES, declared.SCHOOLS),
        happened="served_on",
        decision=LegalDecision.Kind.SERVE_S438,
        letter="letters/s438_notice.html",
        concerning="parent",
        clocks=_s438_clocks,
        fields=(
            *SERVED,
            Field("proposed_school", "The school the LA proposes to name", "line"),
        ),
    ),
    Step(
        key="school-attendance-order",
        name="School attendance order",
        stage="school-attendance-order",
        purpose=SAO,
        categories=(*PARENT_CATEGORIES, declared.SCHOOLS),
        happened="served_on",
        decision=LegalDecision.Kind.MAKE_SAO,
        letter="letters/school_attendance_order.html",
        concerning="parent",
        fields=(
            Field("served_on", "Date served", "date"),
            Field("service_method", "How it was served", "choice", choices=SERVICE_METHODS),
            Field("named_school", "The school named in the order", "line"),
        ),
    ),
    Step(
        key="sao-amendment",
        name="Amendment of the school attendance order (s440)",
        stage="school-attendance-order",
        purpose=SAO,
        categories=(*PARENT_CATEGORIES, declared.SCHOOLS),
        happened="amended_on",
        decision=LegalDecision.Kind.AMEND_SAO,
        concerning="parent",
        fields=(
            Field("amended_on", "Date amended", "date"),
            Field("new_school", "The school now named", "line"),
        ),
    ),
    Step(
        key="sao-revocation",
        name="Revocation of the school attendance order",
        stage="school-attendance-order",
        purpose=SAO,
        categories=PARENT_CATEGORIES,
        happened="revoked_on",
        decision=LegalDecision.Kind.REVOKE_SAO,
        concerning="parent",
        fields=(Field("revoked_on", "Date revoked", "date"),),
    ),
    Step(
        key="interview-under-caution",
        name="Interview under caution",
        stage="prosecution",
        purpose=CRIMINAL,
        categories=(declared.INTERVIEW_UNDER_CAUTION,),
        happened="held_on",
        concerning="parent",
        fields=(
            Field("held_on", "Date of the interview", "date"),
            Field("place", "Place", "line"),
            Field("interviewing_officer", "Interviewing officer", "line"),
            Field("caution_given", "The caution was given", "bool"),
            Field("recording_reference", "Recording reference", "line"),
            Field("attendees", "Others present", "line", required=False),
            Field("legal_representative", "Legal representative", "line", required=False),
            Field("summary", "Record of the interview", "text", content=True),
        ),
    ),
    Step(
        key="witness-statement",
        name="Witness statement",
        stage="prosecution",
        purpose=CRIMINAL,
        categories=(declared.WITNESS_STATEMENTS,),
        happened="made_on",
        concerning="parent",
        fields=(
            Field("maker", "Name and role of the person making it", "line"),
            Field("made_on", "Date made", "date"),
            Field("signed", "A signed copy is held", "bool"),
            Field("statement", "The statement", "text", content=True),
        ),
    ),
    Step(
        key="register-deletion",
        name="Deletion from the admission register",
        stage="register-deletion",
        purpose=declared.REGISTER_DELETIONS,
        categories=(declared.CHILD_NAME, declared.SCHOOLS, declared.ATTENDANCE),
        happened="authorised_on",
        decision=LegalDecision.Kind.DELETE_FROM_REGISTER,
        letter="letters/register_deletion.html",
        fields=(
            Field("authorised_on", "Date authorised", "date"),
            Field("ground", "Ground for deletion", "choice", choices=REG9_GROUNDS),
            *(Field(key, label, "bool", required=False) for key, label in CME_ENQUIRIES),
        ),
    ),
)
STEPS_BY_KEY = {step.key: step for step in STEPS}
STAGE_NAMES = {
    "referral": "Referral",
    "early-help": "Early help and targeted support",
    "notice-to-improve": "Notice to improve",
    "attendance-contract": "Attendance contract",
    "penalty-notice": "Penalty notice",
    "education-supervision-order": "Education supervision order",
    "school-attendance-order": "School attendance order",
    "prosecution": "Prosecution",
    "register-deletion": "Deletion from the admission register",
}
