"""The evidence bundle for a prosecution under s443 or s444 Education Act 1996: one paginated PDF
with an index, for the court and the defence, kept on the case; and the record of who was given it.

The bundle is the prosecution's evidence as served, so it is stored, never regenerated on the fly:
what the defence was given must stay provable (the disclosure duties of the Criminal Procedure
and Investigations Act 1996).
Only what concerns the defendant and the child goes in: the other parent's notices, letters and
records stay out of a bundle that the defendant's lawyers will read.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from tutela.accounts.models import User
from tutela.attendance.codes import DEFAULT_CLASSES
from tutela.audit.services import audit_record
from tutela.casework.access import case_for_actor
from tutela.casework.chronology import ChronologyEntry, case_chronology
from tutela.casework.models import Case
from tutela.enforcement import categories as declared
from tutela.enforcement import rules
from tutela.enforcement.models import BundleDisclosure, EvidenceBundle, PenaltyNotice, Prosecution, StepEntry
from tutela.enforcement.selectors import notice_state, pupil_marks, pupil_school_days
from tutela.enforcement.services import ENFORCEMENT
from tutela.enforcement.stages import CRIMINAL, STEPS_BY_KEY, Field, Step, received_on
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.records.models import Document, Record
from tutela.records.selectors import record_read
from tutela.records.services import Upload, record_create, record_touch

TEMPLATE = "enforcement/pdf/bundle.html"
NAME_LENGTH, METHOD_LENGTH = 200, 100  # BundleDisclosure's columns
# Anchor in the template, and the title the index gives it.
SECTIONS = (
    ("attendance", "Attendance record and marks for the offence period"),
    ("service", "Letters and notices, with proof of service"),
    ("notice-to-improve", "Notice to improve"),
    ("interview", "Interview under caution"),
    ("witnesses", "Witness statements"),
    ("chronology", "Chronology of the case"),
)


@dataclass(frozen=True)
class AttendanceRecord:
    days: list[dict[str, Any]]  # date, school_urn, am, pm
    totals: dict[str, int]  # possible, attended, authorised, unauthorised
    several_schools: bool


@dataclass(frozen=True)
class ServedNotice:
    notice: PenaltyNotice
    service_method: str
    amounts: str
    payments: list[tuple[date, str, str]]  # received on, payment or refund, pounds
    state: str


@dataclass(frozen=True)
class ServedLetter:
    name: str
    recipient: str
    served_on: date | None
    service_method: str
    received_on: date | None
    document: str


@dataclass(frozen=True)
class StepEvidence:
    name: str
    happened_on: date
    facts: list[tuple[str, str]]
    content: str
    destroyed: bool
    document: str


def pounds(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


def notice_amounts(notice: PenaltyNotice) -> str:
    """The amounts as the notice set them (SI 2007/1867 reg 7 as amended: £80 within 21 days, £160 within 28)."""
    full = f"{pounds(notice.full_pence)} if paid by {notice.pay_by:%-d %B %Y}"
    if notice.discount_pence is None or notice.discount_until is None:
        return f"{full} (a second notice within three years: no reduced amount)"
    return f"{pounds(notice.discount_pence)} if paid by {notice.discount_until:%-d %B %Y}; {full}"


def service_method_name(method: str) -> str:
    return rules.SERVICE_METHOD_NAMES.get(rules.ServiceMethod(method), method)


def attendance_record(*, child: Person, start: date, end: date) -> AttendanceRecord:
    """The child's marks day by day (AM and PM) in the period, and the session totals the offence rests on."""
    marks = pupil_marks(person=child).filter(pl.col("date").is_between(start, end))
    code, classes = pl.col("code"), DEFAULT_CLASSES
    totals = marks.select(
        code.is_in(sorted(classes.possible)).sum().alias("possible"),
        code.is_in(sorted(classes.attended)).sum().alias("attended"),
        code.is_in(sorted(classes.authorised)).sum().alias("authorised"),
        code.is_in(sorted(classes.unauthorised)).sum().alias("unauthorised"),
    ).row(0, named=True)
    days = (
        marks.group_by("date", "school_urn")
        .agg(
            code.filter(pl.col("session") == "AM").first().alias("am"),
            code.filter(pl.col("session") == "PM").first().alias("pm"),
        )
        .sort("date", "school_urn")
    )
    return AttendanceRecord(
        days.to_dicts(), {name: int(value) for name, value in totals.items()}, days["school_urn"].n_unique() > 1
    )


def _served_notices(case: Case, defendant: Person) -> list[ServedNotice]:
    notices = PenaltyNotice.objects.filter(case=case, parent=defendant, child=case.child).prefetch_related("payments")
    return [
        ServedNotice(
            notice,
            service_method_name(notice.service_method),
            notice_amounts(notice),
            [(p.received_on, p.get_kind_display(), pounds(abs(p.amount_pence))) for p in notice.payments.all()],
            str(notice_state(notice)),
        )
        for notice in notices
    ]


def _letter_title(case: Case, entry: StepEntry, step: Step) -> str:
    """The title of the letter step_record kept for the step."""
    return entry.letter.title if entry.letter is not None else "No letter held on the case"


def _served_letters(case: Case, entries: list[StepEntry]) -> list[ServedLetter]:
    letters = []
    for entry in entries:
        step = STEPS_BY_KEY.get(entry.step)
        if step is None or step.letter is None:
            continue
        served = date.fromisoformat(entry.data["served_on"]) if "served_on" in entry.data else None
        method = entry.data.get("service_method", "")
        received = received_on(entry.data) if served and method else None
        subject = entry.concerning or case.child
        letters.append(
            ServedLetter(
                step.name,
                f"{subject.given_name} {subject.family_name}",
                served or entry.happened_on,
                service_method_name(method) if method else "",
                received,
                _letter_title(case, entry, step),
            )
        )
    return letters


def _shown(item: Field, value: Any) -> str:
    if item.kind == "date":
        return f"{date.fromisoformat(value):%-d %B %Y}"
    if item.kind == "bool":
        return "Yes" if value else "No"
    if item.kind == "choice":
        return dict(item.choices).get(value, str(value))
    return str(value)


def _facts(step: Step, entry: StepEntry, days: frozenset[date] | None) -> list[tuple[str, str]]:
    """The step's recorded facts in its fields' order, then the dates its clocks set (an NTI's period)."""
    kinds = {item.key: item.kind for item in step.fields}
    facts = [(item.label, _shown(item, entry.data[item.key])) for item in step.fields if item.key in entry.data]
    typed = {k: date.fromisoformat(v) if kinds.get(k) == "date" else v for k, v in entry.data.items()}
    return facts + [(clock.name, f"{clock.due_on:%-d %B %Y}") for clock in step.clocks(typed, days)]


def _step_evidence(actor: User, case: Case, entries: list[StepEntry], key: str) -> list[StepEvidence]:
    step = STEPS_BY_KEY[key]
    chosen = [entry for entry in entries if entry.step == key]
    days = pupil_school_days(person=case.child) if chosen else None
    evidence = []
    for entry in chosen:
        view = record_read(actor=actor, record_id=entry.record_id)  # gated; criminal content decrypted
        document = Document.objects.filter(record_id=entry.record_id).first()
        evidence.append(
            StepEvidence(
                step.name,
                entry.happened_on,
                _facts(step, entry, days),
                view.body,
                view.destroyed,
                document.filename if document else "",
            )
        )
    return evidence


def _chronology(actor: User, case: Case, defendant: Person) -> list[ChronologyEntry]:
    """The case's chronology without records about anyone but the child and the defendant, and
    without the consents, objections and flags the service keeps for its own handling of the case."""
    others = set(
        Record.objects.filter(case=case)
        .exclude(subject_id__in=[case.child_id, defendant.pk])
        .values_list("pk", flat=True)
    )
    return [
        entry
        for entry in case_chronology(actor=actor, case=case)
        if not entry.restricted and entry.record_id not in others and entry.kind not in ("Consent", "Objection", "Flag")
    ]


def _check_attendance_export(actor: User, case: Case) -> None:
    """The marks come from the attendance store, not a record: ask the gate for them as a record would."""
    touch = Touch(
        subject=case.child,
        controller=case.controller.slug,
        service=case.service,
        purpose=ENFORCEMENT,
        categories=(declared.CHILD_NAME, declared.ATTENDANCE),
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type="attendance.marks",
        object_id=str(case.child_id),
    )
    decision = decide(actor=actor, action=Action.EXPORT, touch=touch)
    if not decision:
        raise GateDenied(decision)


def _bundle_context(actor: User, prosecution: Prosecution) -> dict[str, Any]:
    case, defendant = prosecution.case, prosecution.defendant
    _check_attendance_export(actor, case)
    entries = list(
        StepEntry.objects.filter(Q(concerning=defendant) | Q(concerning__isnull=True), case=case).select_related(
            "concerning"
        )
    )
    return {
        "prosecution": prosecution,
        "case": case,
        "defendant": defendant,
        "child": case.child,
        "school": case.child.school,
        "officer": actor,
        "today": timezone.localdate(),
        "sections": [{"anchor": anchor, "title": title} for anchor, title in SECTIONS],
        "attendance": attendance_record(child=case.child, start=prosecution.offence_start, end=prosecution.offence_end),
        "notices": _served_notices(case, defendant),
        "letters": _served_letters(case, entries),
        "improvement_notices": _step_evidence(actor, case, entries, "notice-to-improve"),
        "interviews": _step_evidence(actor, case, entries, "interview-under-caution"),
        "witness_statements": _step_evidence(actor, case, entries, "witness-statement"),
        "chronology": _chronology(actor, case, defendant),
    }


def _render(context: dict[str, Any]) -> tuple[bytes, list[dict[str, Any]]]:
    """The PDF, and the index with the page each section starts on, read from the laid-out pages."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # imported late: loading Pango is slow

    document = HTML(string=render_to_string(TEMPLATE, context)).render()
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    index = [{"title": title, "page": first_page.get(anchor)} for anchor, title in SECTIONS]
    return bytes(document.write_pdf()), index


def _bundle_categories(context: dict[str, Any]) -> list[str]:
    """The offence and the child's attendance (its evidence), and the interview and witness categories
    when the bundle holds those statements."""
    held = {"interview-under-caution": context["interviews"], "witness-statement": context["witness_statements"]}
    return [
        declared.OFFENCE,
        declared.CHILD_NAME,
        declared.ATTENDANCE,
        *(c for key, found in held.items() if found for c in STEPS_BY_KEY[key].categories),
    ]


def bundle_build(*, actor: User, prosecution: Prosecution) -> EvidenceBundle:
    """Build the prosecution's bundle as one PDF, keep it on the case as criminal-offence information
    about the defendant, and record its index. Only someone who needs to know the case may."""
    case = case_for_actor(actor=actor, case_id=prosecution.case_id, action=Action.CREATE)
    prosecution.case = case
    context = _bundle_context(actor, prosecution)
    pdf, index = _render(context)  # outside the transaction: rendering takes a second or two
    number = prosecution.bundles.count() + 1
    with transaction.atomic():
        record = record_create(
            actor=actor,
            subject=prosecution.defendant,
            controller=case.controller,
            service=case.service,
            purpose=CRIMINAL,
            categories=_bundle_categories(context),
            kind=Record.Kind.DOCUMENT,
            title=f"Evidence bundle {number} for prosecution {prosecution.reference}",
            body="",
            occurred_on=timezone.localdate(),
            source=Record.Source.OFFICER,
            case=case,
            upload=Upload(f"{prosecution.reference}-evidence-bundle-{number}.pdf", "application/pdf", pdf),
        )
        bundle = EvidenceBundle.objects.create(
            prosecution=prosecution, record=record, index=index, created_by=actor, created_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="evidence_bundle_build",
            object_type="enforcement.evidencebundle",
            object_id=bundle.pk,
            subject_id=prosecution.defendant_id,
            purpose=f"{case.controller.slug}/{case.service}/{CRIMINAL}",
            detail={"prosecution": prosecution.reference, "record": record.pk, "index": index},
        )
    return bundle


def _disclosure_errors(
    bundle: EvidenceBundle, recipient: str, recipient_name: str, disclosed_on: date, method: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if recipient not in BundleDisclosure.Recipient.values:
        errors["recipient"] = "Choose who was given the bundle: the court, the defence or someone else"
    if not recipient_name.strip():
        errors["recipient_name"] = "Enter the name of the court, solicitor or person given the bundle"
    elif len(recipient_name.strip()) > NAME_LENGTH:
        errors["recipient_name"] = "Shorten the name to 200 characters or fewer"
    if not method.strip():
        errors["method"] = "Say how the bundle was given, for example by hand or by secure email"
    elif len(method.strip()) > METHOD_LENGTH:
        errors["method"] = "Shorten this to 100 characters or fewer"
    if disclosed_on > timezone.localdate():
        errors["disclosed_on"] = "The date cannot be in the future"
    elif disclosed_on < timezone.localtime(bundle.created_at).date():
        errors["disclosed_on"] = f"The bundle was only made on {timezone.localtime(bundle.created_at):%-d %B %Y}"
    return errors


def bundle_disclose(
    *, actor: User, bundle: EvidenceBundle, recipient: str, recipient_name: str, disclosed_on: date, method: str
) -> BundleDisclosure:
    """Record that the bundle was given to the court, the defence or someone else: to whom, when and how."""
    prosecution = bundle.prosecution
    case = case_for_actor(actor=actor, case_id=prosecution.case_id, action=Action.CREATE)
    decision = decide(actor=actor, action=Action.SHARE, touch=record_touch(bundle.record))
    if not decision:
        raise GateDenied(decision)
    errors = _disclosure_errors(bundle, recipient, recipient_name, disclosed_on, method)
    if errors:
        raise InvalidInput(errors)
    label = BundleDisclosure.Recipient(recipient).label
    with transaction.atomic():
        disclosure = BundleDisclosure.objects.create(
            bundle=bundle,
            recipient=recipient,
            recipient_name=recipient_name.strip(),
            disclosed_on=disclosed_on,
            method=method.strip(),
            disclosed_by=actor,
        )
        record_create(
            actor=actor,
            subject=prosecution.defendant,
            controller=case.controller,
            service=case.service,
            purpose=CRIMINAL,
            categories=[declared.OFFENCE],
            kind=Record.Kind.CHRONOLOGY_EVENT,
            title=f"{bundle.record.title} given to {label.lower()}: {recipient_name.strip()} ({method.strip()})"[:200],
            body="",
            occurred_on=disclosed_on,
            source=Record.Source.OFFICER,
            case=case,
        )
        audit_record(
            actor=actor,
            action="evidence_bundle_disclose",
            object_type="enforcement.bundledisclosure",
            object_id=disclosure.pk,
            subject_id=prosecution.defendant_id,
            purpose=f"{case.controller.slug}/{case.service}/{CRIMINAL}",
            detail={"bundle": bundle.pk, "recipient": recipient, "recipient_name": recipient_name.strip()},
        )
    return disclosure
