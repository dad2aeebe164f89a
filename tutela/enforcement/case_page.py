"""The enforcement case page, read through the gate part by part.

The case itself is one gated, audited read (``case_for_actor``). What the page lists about other
people or under other purposes is decided per object: the chronology per record (which also decides
the notices, decisions, steps and letters, each of which is a record), and the family and the
prosecutions (criminal-offence data about a parent, UK GDPR Art 10) in one more batch. A part the
actor may not read is left out, or shown as "Restricted" in the chronology. A fixed handful of
queries and three audit entries, however long the case. The notice and prosecution pages read
their object the same way, after the case.
"""

from dataclasses import dataclass
from datetime import date

from tutela.accounts.models import User
from tutela.casework.access import case_purpose
from tutela.casework.chronology import ChronologyEntry, case_chronology
from tutela.casework.flags import FLAG_TASK_KIND, flags_open
from tutela.casework.models import Case, CaseFlag, CaseTask
from tutela.enforcement import categories as declared
from tutela.enforcement.models import LegalDecision, PenaltyNotice, Prosecution, StepEntry
from tutela.enforcement.selectors import CaseClock, case_clocks, case_documents, notice_state, step_entries
from tutela.enforcement.stages import CRIMINAL, PARENT_CATEGORIES
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide, decide_many
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import record_touch

# What a prosecution shows about its defendant: the offence, the court and the outcome.
PROSECUTION_CATEGORIES = (declared.OFFENCE,)


@dataclass(frozen=True)
class CasePage:
    case: Case
    family: list[Person]
    clocks: list[CaseClock]
    tasks: list[CaseTask]
    decisions: list[LegalDecision]
    steps: list[StepEntry]
    notices: list[tuple[PenaltyNotice, str]]
    prosecutions: list[Prosecution]
    documents: list[Record]
    chronology: list[ChronologyEntry]
    flags: list[CaseFlag]  # consent withdrawn, restriction, objection: each waits on the worker's decision


def _case_touch(
    case: Case, subject: Person, purpose: str, categories: tuple[str, ...], kind: str, object_id: int
) -> Touch:
    return Touch(
        subject=subject,
        controller=case.controller.slug,
        service=case.service,
        purpose=purpose,
        categories=categories,
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type=kind,
        object_id=str(object_id),
    )


def prosecution_touch(case: Case, prosecution: Prosecution) -> Touch:
    """Reading a prosecution is reading criminal-offence data about its defendant."""
    return _case_touch(
        case, prosecution.defendant, CRIMINAL, PROSECUTION_CATEGORIES, "enforcement.prosecution", prosecution.pk
    )


def family_and_prosecutions(*, actor: User, case: Case) -> tuple[list[Person], list[Prosecution]]:
    """The case's family members and prosecutions the gate lets the actor read (one audit entry)."""
    family = list(case.family.all())
    prosecutions = list(case.prosecutions.select_related("defendant"))
    purpose = case_purpose(controller=case.controller.slug, service=case.service)
    family_touches = [_case_touch(case, p, purpose, PARENT_CATEGORIES, "people.person", p.pk) for p in family]
    touches = family_touches + [prosecution_touch(case, prosecution) for prosecution in prosecutions]
    decisions = decide_many(actor=actor, action=Action.READ, touches=touches, summary="case family and prosecutions")
    allowed = [decision.allowed for decision in decisions]
    return (
        [person for person, ok in zip(family, allowed[: len(family)], strict=True) if ok],
        [p for p, ok in zip(prosecutions, allowed[len(family) :], strict=True) if ok],
    )


def case_page(*, actor: User, case: Case, today: date) -> CasePage:
    """Everything the case page shows, for a case already read through ``case_for_actor``."""
    chronology = case_chronology(actor=actor, case=case)
    readable = {entry.record_id for entry in chronology if entry.record_id is not None}
    family, prosecutions = family_and_prosecutions(actor=actor, case=case)
    notices = case.penalty_notices.select_related("parent").prefetch_related("payments")
    decisions = case.legal_decisions.select_related("officer", "concerning", "record")
    tasks = list(case.tasks.filter(done_at__isnull=True).select_related("assigned_to"))
    # Every open flag has its decision task open (resolving the flag completes it): no query without one.
    flags = flags_open(case=case) if any(task.kind == FLAG_TASK_KIND for task in tasks) else []
    return CasePage(
        case=case,
        family=family,
        clocks=case_clocks(case=case, today=today),
        tasks=tasks,
        decisions=[decision for decision in decisions if decision.record_id in readable],
        steps=[entry for entry in step_entries(case=case) if entry.record_id in readable],
        notices=[(notice, notice_state(notice, today)) for notice in notices if notice.record_id in readable],
        prosecutions=prosecutions,
        documents=[record for record in case_documents(case=case) if record.pk in readable],
        chronology=chronology,
        flags=flags,
    )


def notice_read(*, actor: User, notice: PenaltyNotice) -> PenaltyNotice:
    """A penalty notice's page reads the notice (a record on the case) and its recipient's name and
    address: each through the gate, each audited naming the person."""
    record = Record.objects.select_related("case", "controller", "subject").get(pk=notice.record_id)
    decision = decide(actor=actor, action=Action.READ, touch=record_touch(record))
    if decision and record.case is not None:
        recipient = _case_touch(
            record.case, notice.parent, record.purpose, PARENT_CATEGORIES, "enforcement.penaltynotice", notice.pk
        )
        decision = decide(actor=actor, action=Action.READ, touch=recipient)
    if not decision:
        raise GateDenied(decision)
    return notice


def prosecution_read(*, actor: User, prosecution: Prosecution, case: Case) -> Prosecution:
    """A prosecution's page reads criminal-offence data about its defendant (audited)."""
    decision = decide(actor=actor, action=Action.READ, touch=prosecution_touch(case, prosecution))
    if not decision:
        raise GateDenied(decision)
    return prosecution
