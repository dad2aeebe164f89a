"""Payments against penalty notices, one at a time: part, late and over-payments and refunds."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.enforcement import categories as declared
from tutela.enforcement.models import (
    PenaltyNotice,
    PenaltyPayment,
)
from tutela.enforcement.selectors import notice_outstanding
from tutela.enforcement.services.common import ENFORCEMENT, SERVICE, _case_record
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision
from tutela.lib.errors import InvalidInput
from tutela.lib.money import pounds_from_pence

PAYMENT_METHOD_LENGTH = 50  # PenaltyPayment.method's column


def overpayment_message(amount_pence: int, outstanding_pence: int, *, confirm: str = "confirm the overpayment") -> str:
    return (
        f"{pounds_from_pence(amount_pence)} is more than the {pounds_from_pence(outstanding_pence)} outstanding "
        f"on this notice: {confirm} to record it"
    )


def penalty_payment_record(
    *,
    actor: User,
    reference: str,
    amount_pence: int,
    received_on: date,
    kind: str = "payment",
    method: str = "",
    overpayment_confirmed: bool = False,
) -> PenaltyPayment:
    """Money in (or a refund out), matched to its notice by the notice's reference. A payment of more
    than is outstanding on the notice is recorded only when the officer confirms the overpayment."""
    notice = PenaltyNotice.objects.filter(reference=reference.strip().upper()).select_related("case").first()
    errors: dict[str, str] = {}
    if notice is None:
        errors["reference"] = f"No penalty notice has the reference {reference.strip()}"
    if amount_pence <= 0:
        errors["amount"] = "Enter an amount greater than zero"
    if len(method.strip()) > PAYMENT_METHOD_LENGTH:
        errors["method"] = f"Shorten how it was paid to {PAYMENT_METHOD_LENGTH} characters or fewer"
    if kind not in PenaltyPayment.Kind.values:
        errors["kind"] = "Choose payment or refund"
    if received_on > timezone.localdate():
        errors["received_on"] = "The date cannot be in the future"
    if errors or notice is None:
        raise InvalidInput(errors)
    if notice.case.service != SERVICE or actor.controller_id != notice.case.controller_id:
        raise GateDenied(Decision(False, ("not a notice of your authority",)))
    if kind == PenaltyPayment.Kind.PAYMENT and received_on < notice.issued_on:
        raise InvalidInput({"received_on": "A payment cannot be received before the notice was issued"})
    signed = amount_pence if kind == PenaltyPayment.Kind.PAYMENT else -amount_pence
    paid = sum(notice.payments.values_list("amount_pence", flat=True))
    if kind == PenaltyPayment.Kind.REFUND and amount_pence > paid:
        raise InvalidInput({"amount": f"Only £{paid / 100:.2f} has been paid on this notice"})
    outstanding = notice_outstanding(notice, on=received_on)
    if kind == PenaltyPayment.Kind.PAYMENT and amount_pence > outstanding and not overpayment_confirmed:
        raise InvalidInput({"confirm_overpayment": overpayment_message(amount_pence, outstanding)})
    with transaction.atomic():
        payment = PenaltyPayment.objects.create(
            notice=notice,
            kind=kind,
            amount_pence=signed,
            received_on=received_on,
            method=method.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        _case_record(
            actor=actor,
            case=notice.case,
            subject=notice.parent,
            purpose=ENFORCEMENT,
            categories=(declared.PARENT_NAME,),
            title=f"{PenaltyPayment.Kind(kind).label} of £{amount_pence / 100:.2f} on {notice.reference}",
            body="",
            occurred_on=received_on,
        )
        audit_record(
            actor=actor,
            action="penalty_payment",
            object_type="enforcement.penaltypayment",
            object_id=payment.pk,
            subject_id=notice.parent_id,
            detail={"reference": notice.reference, "pence": signed},
        )
    return payment
