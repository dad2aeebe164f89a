"""Proposing, approving and sending disclosures: only what an agreement or statute allows, after the gate.

The checks, in order: the recipient is in the register for this service and not retired; there is
an agreement in date, or a statute; each person passes the gate for sharing under the purpose;
consent where the recipient needs it (or a recorded safeguarding justification, DPA 2018 Sch 1
para 18, which the DPO reviews); opt-outs and age rules. What is sent is cut down to the categories
the agreement (or the purpose, under a statute) allows; the worker sees what was dropped and why.
"""

import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field
from datetime import date

import pyzipper  # type: ignore[import-untyped]
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.services import audit_record
from tutela.consent.selectors import consent_covers, recipient_categories
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide
from tutela.lib.csvfiles import csv_text_of_dicts
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.register.api import register
from tutela.register.schema import Recipient
from tutela.sharing.models import Disclosure, DisclosureLogEntry
from tutela.sharing.package_records import COLUMNS as RECORD_COLUMNS
from tutela.sharing.package_records import PackagedRecords, records_for_package
from tutela.sharing.payload import payload_row, row_categories


class DisclosureRefused(Exception):
    """The disclosure may not go ahead; the reason says why in the worker's words."""


@dataclass(frozen=True)
class DisclosureRequest:
    controller: Controller
    service: str
    recipient: str
    purpose: str
    subjects: list[Person]
    categories: list[str]
    without_consent_justification: str = ""


@dataclass(frozen=True)
class Minimised:
    sent: list[str]
    dropped: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SentPackage:
    path: str
    passphrase: str
    sha256: str


def _recipient(request: DisclosureRequest) -> Recipient:
    try:
        found = register().recipient(request.controller.slug, request.service, request.recipient)
    except LookupError:
        raise DisclosureRefused(
            f"'{request.recipient}' is not a recipient of this service in the register: "
            "sharing with them is not allowed"
        ) from None
    if found.retired:
        raise DisclosureRefused(f"{found.name} is no longer a recipient of this service")
    return found


def _basis(recipient: Recipient, today: date) -> tuple[str, str]:
    """(agreement reference, statute); refuses when there is neither, or the agreement is out of date."""
    agreement = recipient.agreement
    if agreement is not None and agreement.review_date < today:
        raise DisclosureRefused(
            f"Information-sharing agreement {agreement.reference} passed its review date on "
            f"{agreement.review_date:%d %B %Y}: routine sharing under it is blocked until it is renewed"
        )
    if agreement is None and not recipient.statute:
        raise DisclosureRefused(f"There is no agreement or statute for sharing with {recipient.name}")
    return (agreement.reference if agreement else ""), recipient.statute


def minimise(*, requested: list[str], recipient: Recipient, purpose_categories: list[str]) -> Minimised:
    """Keep only what the agreement (or, under a statute, the purpose) allows; say why the rest went."""
    allowed = set(recipient.agreement.categories_allowed) if recipient.agreement else set(purpose_categories)
    sent, dropped = [], {}
    for key in dict.fromkeys(requested):
        if key not in allowed:
            dropped[key] = f"not allowed by {'the agreement' if recipient.agreement else 'the statute and purpose'}"
        elif key not in purpose_categories:
            dropped[key] = "not part of this purpose"
        else:
            sent.append(key)
    return Minimised(sent=sent, dropped=dropped)


def _check_subject(
    actor: User, request: DisclosureRequest, recipient: Recipient, categories: list[str], subject: Person, today: date
) -> None:
    touch = Touch(
        subject=subject,
        controller=request.controller.slug,
        service=request.service,
        purpose=request.purpose,
        categories=tuple(categories),
        object_type="sharing.disclosure",
        object_id=recipient.key,
    )
    decision = decide(actor=actor, action=Action.SHARE, touch=touch)
    if not decision:
        raise GateDenied(decision)
    consented = consent_covers(
        subject=subject,
        controller=request.controller.slug,
        service=request.service,
        purpose=request.purpose,
        recipient=recipient.key,
    )
    if recipient.requires_consent and not consented and not request.without_consent_justification:
        raise DisclosureRefused(
            f"{recipient.name} may only receive this with consent, and {subject.full_name} has no live consent "
            "naming this recipient and purpose. "
            "Without consent, record why sharing is needed to protect the child (DPA 2018 Sch 1 para 18)."
        )
    if recipient.subject_minimum_age is not None and not recipient_categories(
        subject=subject, controller=request.controller.slug, service=request.service, recipient=recipient.key, on=today
    ):
        raise DisclosureRefused(
            f"{recipient.name} only receives information about young people aged "
            f"{recipient.subject_minimum_age} or over"
        )


def disclosure_propose(*, actor: User, request: DisclosureRequest) -> Disclosure:
    """Check and minimise a proposed disclosure; it then waits for approval or is ready to send."""
    if not request.subjects:
        raise InvalidInput({"subjects": "Choose who the information is about"})
    if not request.categories:
        raise InvalidInput({"categories": "Choose what to send"})
    today = timezone.localdate()
    recipient = _recipient(request)
    agreement_reference, statute = _basis(recipient, today)
    try:
        purpose = register().purpose(request.controller.slug, request.service, request.purpose)
    except LookupError as missing:
        raise DisclosureRefused(str(missing)) from missing
    minimised = minimise(requested=request.categories, recipient=recipient, purpose_categories=purpose.categories)
    if not minimised.sent:
        raise DisclosureRefused(f"Nothing you chose may be sent to {recipient.name}")
    for subject in request.subjects:
        _check_subject(actor, request, recipient, minimised.sent, subject, today)
    approval = recipient.agreement is not None and recipient.agreement.manager_approval
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            controller=request.controller,
            service=request.service,
            recipient=recipient.key,
            recipient_name=recipient.name,
            purpose=request.purpose,
            agreement_reference=agreement_reference,
            statute=statute,
            transfer_method=recipient.agreement.transfer_method if recipient.agreement else "",
            categories_requested=request.categories,
            categories_sent=minimised.sent,
            categories_dropped=[{"category": k, "reason": v} for k, v in minimised.dropped.items()],
            without_consent_justification=request.without_consent_justification.strip(),
            status=Disclosure.Status.AWAITING_APPROVAL if approval else Disclosure.Status.APPROVED,
            proposed_by=actor,
            proposed_at=timezone.now(),
        )
        disclosure.subjects.set(request.subjects)
        audit_record(
            actor=actor,
            action="disclosure_propose",
            object_type="sharing.disclosure",
            object_id=disclosure.pk,
            purpose=f"{request.controller.slug}/{request.service}/{request.purpose}",
            detail={
                "recipient": recipient.key,
                "sent": minimised.sent,
                "dropped": list(minimised.dropped),
                "without_consent": bool(request.without_consent_justification),
            },
        )
    return disclosure


def disclosure_decide(*, actor: User, disclosure: Disclosure, approve: bool, rationale: str) -> Disclosure:
    """A manager's decision, with reasons: a human decision with legal effect."""
    if not actor.has_perm("sharing.approve_disclosure"):
        raise InvalidInput({"decided_by": "Only a team manager approves disclosures"})
    if actor.pk == disclosure.proposed_by_id:
        raise InvalidInput({"decided_by": "Someone other than the proposer must approve a disclosure"})
    if disclosure.status != Disclosure.Status.AWAITING_APPROVAL:
        raise InvalidInput({"status": "This disclosure is not waiting for approval"})
    if not rationale.strip():
        raise InvalidInput({"rationale": "Record the reasons for your decision"})
    with transaction.atomic():
        disclosure.status = Disclosure.Status.APPROVED if approve else Disclosure.Status.REFUSED
        disclosure.decided_by, disclosure.decided_at = actor, timezone.now()
        disclosure.decision_rationale = rationale.strip()
        disclosure.save(update_fields=["status", "decided_by", "decided_at", "decision_rationale"])
        audit_record(
            actor=actor,
            action="disclosure_decide",
            object_type="sharing.disclosure",
            object_id=disclosure.pk,
            reason=rationale,
            detail={"approved": approve},
        )
    return disclosure


def _subject_categories(disclosure: Disclosure, subject: Person, today: date) -> list[str]:
    """The disclosure's categories, cut further by this person's opt-outs."""
    found = register().recipient(disclosure.controller.slug, disclosure.service, disclosure.recipient)
    if found.opt_out is None and found.subject_minimum_age is None:
        return list(disclosure.categories_sent)
    allowed = set(
        recipient_categories(
            subject=subject,
            controller=disclosure.controller.slug,
            service=disclosure.service,
            recipient=disclosure.recipient,
            on=today,
        )
    )
    return [key for key in disclosure.categories_sent if key in allowed]


def _csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    return csv_text_of_dicts(columns, rows).encode()


def _package(
    disclosure: Disclosure,
    rows: list[dict[str, str]],
    columns: list[str],
    categories: list[str],
    passphrase: str,
    records: list[dict[str, str]],
) -> bytes:
    files = {"data.csv": _csv(columns, rows)}
    if records:
        files["records.csv"] = _csv(RECORD_COLUMNS, records)
    manifest = {
        "disclosure": disclosure.pk,
        "from": disclosure.controller.name,
        "recipient": disclosure.recipient_name,
        "purpose": disclosure.purpose,
        "agreement": disclosure.agreement_reference,
        "statute": disclosure.statute,
        "people": len(rows),
        "categories": categories,
        "created": timezone.now().isoformat(),
        "files": {name: hashlib.sha256(content).hexdigest() for name, content in files.items()},
    }
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(passphrase.encode())
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def disclosure_send(*, actor: User, disclosure: Disclosure) -> SentPackage:
    """Build the encrypted package and log, per person, what went. The passphrase is shown once, to send separately."""
    if disclosure.status != Disclosure.Status.APPROVED:
        raise InvalidInput(
            {
                "status": "Only an approved disclosure can be sent "
                f"(this one is {disclosure.get_status_display().lower()})"
            }
        )
    subjects = list(disclosure.subjects.order_by("family_name", "given_name"))
    rows, records, sent = _package_contents(actor=actor, disclosure=disclosure, subjects=subjects)
    columns = list(dict.fromkeys(column for row in rows for column in row))
    categories = [key for key in disclosure.categories_sent if any(key in keys for keys in sent.values())]
    passphrase = secrets.token_urlsafe(18)
    package = _package(
        disclosure, rows, columns, categories, passphrase, [row for carried in records for row in carried.rows]
    )
    digest = hashlib.sha256(package).hexdigest()
    directory = settings.DISCLOSURE_PACKAGE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"disclosure-{disclosure.pk}-{disclosure.recipient}.zip"
    with transaction.atomic():
        path.write_bytes(package)
        _log_sent(
            actor=actor, disclosure=disclosure, subjects=subjects, sent=sent, package_name=path.name, digest=digest
        )
    return SentPackage(path=str(path), passphrase=passphrase, sha256=digest)


def _package_contents(
    *, actor: User, disclosure: Disclosure, subjects: list[Person]
) -> tuple[list[dict[str, str]], list[PackagedRecords], dict[int, list[str]]]:
    """Each person's data.csv row, the records carried about them, and the categories sent for them.

    What may go is worked out for each person on the day of sending (an opt-out or an age rule may
    apply by then that did not at approval), then cut to what was actually written."""
    today = timezone.localdate()
    per_subject = {subject.pk: _subject_categories(disclosure, subject, today) for subject in subjects}
    rows = [payload_row(subject, per_subject[subject.pk]) for subject in subjects]
    records = [
        records_for_package(
            actor=actor,
            subject=subject,
            person_number=number,
            controller_id=disclosure.controller_id,
            service=disclosure.service,
            purpose=disclosure.purpose,
            allowed=per_subject[subject.pk],
        )
        for number, subject in enumerate(subjects, start=1)
    ]
    # The log and the manifest say exactly what the package holds: the categories of the columns
    # written for the person, and of the records carried about them.
    sent = {
        subject.pk: [key for key in per_subject[subject.pk] if key in {*row_categories(row), *carried.categories}]
        for subject, row, carried in zip(subjects, rows, records, strict=True)
    }
    return rows, records, sent


def _log_sent(
    *,
    actor: User,
    disclosure: Disclosure,
    subjects: list[Person],
    sent: dict[int, list[str]],
    package_name: str,
    digest: str,
) -> None:
    """The disclosure log (one entry per person, with what went about them and the package's hash),
    the disclosure marked sent, and an audit entry per person; inside the sending transaction."""
    basis = disclosure.agreement_reference or disclosure.statute
    now = timezone.now()
    DisclosureLogEntry.objects.bulk_create(
        [
            DisclosureLogEntry(
                disclosure=disclosure,
                subject=subject,
                controller=disclosure.controller,
                service=disclosure.service,
                recipient=disclosure.recipient,
                recipient_name=disclosure.recipient_name,
                purpose=disclosure.purpose,
                basis=basis,
                categories=sent[subject.pk],
                sent_at=now,
                sent_by=actor,
                package_sha256=digest,
            )
            for subject in subjects
        ]
    )
    disclosure.status, disclosure.sent_at = Disclosure.Status.SENT, now
    disclosure.package_name, disclosure.package_sha256 = package_name, digest
    disclosure.save(update_fields=["status", "sent_at", "package_name", "package_sha256"])
    for subject in subjects:
        audit_record(
            actor=actor,
            action="disclosure_send",
            object_type="sharing.disclosure",
            object_id=disclosure.pk,
            subject_id=subject.pk,
            purpose=f"{disclosure.controller.slug}/{disclosure.service}/{disclosure.purpose}",
            detail={"recipient": disclosure.recipient, "categories": sent[subject.pk], "sha256": digest},
        )


def disclosure_dpo_review(*, reviewer: User, disclosure: Disclosure, outcome: str) -> Disclosure:
    """The DPO's review of sharing without consent on safeguarding grounds."""
    if not reviewer.has_perm("governance.review_break_glass"):
        raise InvalidInput({"reviewer": "Only the Data Protection Officer reviews sharing without consent"})
    if disclosure.controller_id != reviewer.controller_id:
        raise PermissionDenied("Another controller's DPO reviews this disclosure")
    if not outcome.strip():
        raise InvalidInput({"outcome": "Record the outcome of the review"})
    with transaction.atomic():
        disclosure.dpo_reviewed_at = timezone.now()
        disclosure.save(update_fields=["dpo_reviewed_at"])
        audit_record(
            actor=reviewer,
            action="disclosure_dpo_review",
            object_type="sharing.disclosure",
            object_id=disclosure.pk,
            reason=outcome.strip(),
        )
    return disclosure
