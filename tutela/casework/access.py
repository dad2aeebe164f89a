"""Reading a case through the gate: what a case file is in the register's terms (its purpose and
categories), the one gated, audited read of a case, and how a case gives its worker and team need to
know its child and the parents and carers on it."""

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.governance.errors import GateDenied
from tutela.governance.gate import (
    SUBJECT_KEYS,
    Action,
    ActorContext,
    Decision,
    Touch,
    check,
    decide,
    need_to_know,
    subject_contexts,
)
from tutela.people.models import Person
from tutela.records import categories as declared
from tutela.register.api import register
from tutela.register.schema import LawfulBasis


def case_touch(case: Case, person: Person) -> Touch:
    return Touch(
        subject=person,
        controller=case.controller.slug,
        service=case.service,
        purpose="",
        categories=(),
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
    )


def _family_visible(context: ActorContext, person: Person) -> str:
    """How the actor knows a parent or carer through a case they are on, or ''. Only the case's
    worker and team (the gate's need to know), only within what the service's family purpose
    covers (``case_family_file``), and only while the person is on the case."""
    cases = list(Case.objects.filter(family=person).select_related("controller"))
    if not cases:
        return ""
    subject = subject_contexts([person.pk])[person.pk]
    registers = register()
    for case in cases:
        decision = check(
            case_family_touch(case, person), Action.READ, actor=context, subject=subject, registers=registers
        )
        if decision.allowed and decision.via != "break-glass":
            return f"on case {case.reference}: {decision.via}"
    return ""


# What a case file holds about its child, in the taxonomy's words: the child's name and, where the
# service keeps them, its referral forms, reports and file notes. A service without that category (a
# school's safeguarding file is kept as notes of concern) reads its cases as the child's name alone;
# every record on the case is then decided on its own purpose and categories.
CASE_FILE_NAME = declared.CHILD_NAME


CASE_FILE_CATEGORIES = (CASE_FILE_NAME, declared.CASE_RECORDS)


def case_file(*, controller: str, service: str) -> tuple[str, tuple[str, ...]]:
    """The purpose a service keeps its case files for, and the categories reading one touches: its
    first live purpose in the register that may touch every category of a case file, else its first
    that may touch the child's name; ('', CASE_FILE_CATEGORIES) when none may (the gate then refuses)."""
    try:
        purposes = [p for p in register().service(controller, service).purposes if not p.retired]
    except LookupError:
        return "", CASE_FILE_CATEGORIES
    for wanted in (CASE_FILE_CATEGORIES, (CASE_FILE_NAME,)):
        fitting = next((p.key for p in purposes if set(wanted) <= set(p.categories)), "")
        if fitting:
            return fitting, wanted
    return "", CASE_FILE_CATEGORIES


def case_purpose(*, controller: str, service: str) -> str:
    """The purpose a service keeps its case files for (``case_file``)."""
    return case_file(controller=controller, service=service)[0]


def case_read_touch(case: Case) -> Touch:
    """Reading a case (its child, reference, stage, tasks and closure) is reading the case file."""
    purpose, categories = case_file(controller=case.controller.slug, service=case.service)
    return Touch(
        subject=case.child,
        controller=case.controller.slug,
        service=case.service,
        purpose=purpose,
        categories=categories,
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type="casework.case",
        object_id=str(case.pk),
    )


def case_for_actor(*, actor: User, case_id: int, action: Action = Action.READ) -> Case:
    """A case the gate lets the actor read, or work on: the register's purpose for case files, its
    basis, no restriction or upheld objection, and need to know. Audited whether allowed or refused.

    Working on a case (any action but reading) needs need to know itself: a break-glass grant opens
    a case for reading only, as it always has.
    """
    case = Case.objects.select_related("controller", "child", "owning_team").get(pk=case_id)
    decision = decide(actor=actor, action=action, touch=case_read_touch(case))
    if decision.via == "break-glass" and action != Action.READ:
        decision = Decision(False, ("break-glass gives access to read, not to work on the case",))
        audit_record(
            actor=actor,
            action=str(action),
            object_type="casework.case",
            object_id=case.pk,
            subject_id=case.child_id,
            decision="denied",
            reason=decision.reasons[0],
        )
    if not decision:
        raise GateDenied(decision)
    return case


def case_family_file(*, controller: str, service: str) -> tuple[str, tuple[str, ...]]:
    """The purpose a service knows the parents and carers on its cases for, and which of what the case
    page shows of them it covers: the case file's own purpose where it covers parents' names, else the
    live purpose not resting on consent that covers most of it (the register's order breaks a tie).
    ('', (declared.PARENT_NAME,)) where none does: the gate then refuses."""
    parent = SUBJECT_KEYS[Person.Kind.PARENT]
    try:
        purposes = [
            p
            for p in register().service(controller, service).purposes
            if not p.retired and parent in p.data_subjects and declared.PARENT_NAME in p.categories
        ]
    except LookupError:
        return "", (declared.PARENT_NAME,)
    own = case_purpose(controller=controller, service=service)
    chosen = next((p for p in purposes if p.key == own), None)
    if chosen is None:
        candidates = [p for p in purposes if p.lawful_basis != LawfulBasis.CONSENT]
        if not candidates:
            return "", (declared.PARENT_NAME,)
        chosen = max(candidates, key=lambda p: len(set(declared.FAMILY_SHOWN) & set(p.categories)))
    return chosen.key, tuple(key for key in declared.FAMILY_SHOWN if key in chosen.categories)


def case_family_touch(case: Case, person: Person) -> Touch:
    """Reading a parent or carer on the case: who they are, and what the family purpose covers of them."""
    purpose, categories = case_family_file(controller=case.controller.slug, service=case.service)
    return Touch(
        subject=person,
        controller=case.controller.slug,
        service=case.service,
        purpose=purpose,
        categories=categories,
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type="people.person",
        object_id=str(person.pk),
    )


def case_identity(context: ActorContext, person: Person) -> str:
    """How the actor knows who this person is through a case, or '': the child of a case they need
    to know, or a parent or carer on one (registered with records' ``identity_visible``)."""
    cases = Case.objects.filter(child=person).select_related("controller", "owning_team")
    via = next((via for case in cases if (via := need_to_know(case_touch(case, person), context))), "")
    return via or _family_visible(context, person)


def cases_of_child(*, person: Person) -> list[Case]:
    """The person's cases as the child, with controller and team (for a page already allowed)."""
    return list(Case.objects.filter(child=person).select_related("controller", "owning_team"))
