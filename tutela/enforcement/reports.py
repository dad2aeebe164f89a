"""The regulation 20 report: what the Education (Penalty Notices) (England) Regulations 2007 reg 20
requires the authority to keep for each penalty notice, as one PDF: a copy of the notice's
particulars, every payment and its date, whether and why it was withdrawn, and whether the
recipient was prosecuted, with the outcome.

It lists every notice of the service, so only the officers of a team delivering that service may
produce it, and the gate is asked for every notice it copies.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.models import AuditEntry
from tutela.audit.services import audit_record
from tutela.enforcement import categories as declared
from tutela.enforcement.bundle import notice_amounts, pounds, service_method_name
from tutela.enforcement.selectors import Reg20Row, reg20_rows
from tutela.enforcement.services import SERVICE
from tutela.enforcement.stages import CRIMINAL
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Decision, Touch, actor_context, decide_many
from tutela.lib.pdf import html_to_pdf
from tutela.records.models import Record
from tutela.records.services import record_touch
from tutela.register.api import register

TEMPLATE = "enforcement/pdf/reg20.html"


@dataclass(frozen=True)
class Reg20Section:
    row: Reg20Row
    service_method: str
    amounts: str
    payments: list[tuple[str, str, str]]  # received on, payment or refund, pounds
    paid: str


def _section(row: Reg20Row) -> Reg20Section:
    notice = row.notice
    return Reg20Section(
        row,
        service_method_name(notice.service_method),
        notice_amounts(notice),
        [(f"{on:%-d %B %Y}", kind, pounds(abs(pence))) for on, pence, kind in row.payments],
        pounds(sum(pence for _on, pence, _kind in row.payments)),
    )


def _officer_of_service(actor: User, controller: Controller, service: str) -> Decision:
    """An officer of the controller in a team delivering the service, in a role that reads records."""
    context = actor_context(actor, [], timezone.now(), with_grants=False)
    if context.controller != controller.slug:
        return Decision(False, (f"not an officer of {controller.name}",))
    if context.school_id is not None or not context.reads_records:
        return Decision(False, ("this role does not read individual records",))
    offered = {entry.key: entry.name for entry in register().controller(controller.slug).services}
    if service not in offered:
        return Decision(False, (f"{controller.name} does not run this service",))
    if service not in context.team_services:
        return Decision(False, (f"not in a team delivering the {offered[service]}",))  # the register's name
    return Decision(True, ("team delivering the service",), "team delivering the service")


def _touches(rows: list[Reg20Row]) -> list[Touch]:
    """Each notice as kept on its case, and each prosecution outcome, which is criminal-offence data."""
    notices = [row.notice for row in rows]
    records = Record.objects.filter(pk__in=[notice.record_id for notice in notices])
    records = records.select_related("case", "controller", "subject")
    touches = [record_touch(record) for record in records]
    for notice in notices:
        for prosecution in notice.prosecutions.all():
            case = notice.case
            touches.append(
                Touch(
                    subject=notice.parent,
                    controller=case.controller.slug,
                    service=case.service,
                    purpose=CRIMINAL,
                    categories=(declared.OFFENCE,),
                    case_id=case.pk,
                    case_team_id=case.owning_team_id,
                    case_worker_id=case.allocated_worker_id,
                    object_type="enforcement.prosecution",
                    object_id=str(prosecution.pk),
                )
            )
    return touches


def _check_access(actor: User, controller: Controller, service: str, rows: list[Reg20Row]) -> None:
    officer = _officer_of_service(actor, controller, service)
    if not officer:
        audit_record(
            actor=actor,
            action="reg20_report",
            object_type="enforcement.penaltynotice",
            purpose=f"{controller.slug}/{service}",
            decision=AuditEntry.Decision.DENIED,
            reason="; ".join(officer.reasons),
        )
        raise GateDenied(officer)
    touches = _touches(rows)
    decisions = decide_many(actor=actor, action=Action.EXPORT, touches=touches, summary="regulation 20 report")
    refused = sorted({reason for decision in decisions if not decision for reason in decision.reasons})
    if refused:
        raise GateDenied(Decision(False, tuple(refused)))


def reg20_pdf(*, actor: User, controller: Controller, service: str = SERVICE) -> bytes:
    """The regulation 20 records of every penalty notice the service has issued, one section a notice."""
    rows = reg20_rows(controller=controller, service=service)
    prefetch_related_objects([row.notice for row in rows], "case", "withdrawal__officer")
    _check_access(actor, controller, service, rows)
    pdf = html_to_pdf(
        TEMPLATE,
        {
            "controller": controller,
            "service": service,
            "sections": [_section(row) for row in rows],
            "officer": actor,
            "today": timezone.localdate(),
        },
    )
    audit_record(
        actor=actor,
        action="reg20_report",
        object_type="enforcement.penaltynotice",
        purpose=f"{controller.slug}/{service}",
        reason=f"{len(rows)} notices",
        detail={"notices": [row.notice.reference for row in rows]},
    )
    return pdf
