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
    notice = _notice_for_payment(
        reference=reference, amount_pence=amount_pence, received_on=received_on, kind=kind, method=method
    )
    if notice.case.service != SERVICE or actor.controller_id != notice.case.controller_id:
        raise GateDenied(Decision(False, ("not a notice of your authority",)))
    _check_amount_on_notice(
        notice=notice,
        amount_pence=amount_pence,
        received_on=received_on,
        kind=kind,
        overpayment_confirmed=overpayment_confirmed,
    )
    signed = amount_pence if kind == PenaltyPayment.Kind.PAYMENT else -amount_pence
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


def _notice_for_payment(
    *, reference: str, amount_pence: int, received_on: date, kind: str, method: str
) -> PenaltyNotice:
    """The notice the reference names, once the form's fields are each valid on their own.

    Every field is checked before any is refused, so the officer sees all their mistakes at once.
    """
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
    return notice


def _check_amount_on_notice(
    *, notice: PenaltyNotice, amount_pence: int, received_on: date, kind: str, overpayment_confirmed: bool
) -> None:
    """Refuse a payment or refund that does not fit what is already on the notice: a payment dated
    before the notice, a refund of more than was paid, or an unconfirmed overpayment.

    Checked only after the gate, since it reads the notice's payments."""
    if kind == PenaltyPayment.Kind.PAYMENT and received_on < notice.issued_on:
        raise InvalidInput({"received_on": "A payment cannot be received before the notice was issued"})
    paid = sum(notice.payments.values_list("amount_pence", flat=True))
    if kind == PenaltyPayment.Kind.REFUND and amount_pence > paid:
        raise InvalidInput({"amount": f"Only £{paid / 100:.2f} has been paid on this notice"})
    outstanding = notice_outstanding(notice, on=received_on)
    if kind == PenaltyPayment.Kind.PAYMENT and amount_pence > outstanding and not overpayment_confirmed:
        raise InvalidInput({"confirm_overpayment": overpayment_message(amount_pence, outstanding)})
