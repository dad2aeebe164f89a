"""A finance file of penalty-notice payments: every line checked before any is recorded.

All or nothing, each problem as ``line N: message``: an unknown reference, an amount of nothing,
a date in the future or before the notice was issued, a line that repeats an earlier one (the same
reference, amount, date and method: a file exported twice over), and a payment of more than is
outstanding on its notice, unless the import is run to allow overpayments (finance then refunds
the difference from the notice's page).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.enforcement.models import PenaltyNotice
from tutela.enforcement.selectors import notice_outstanding
from tutela.enforcement.services.payments import PAYMENT_METHOD_LENGTH, overpayment_message, penalty_payment_record
from tutela.lib.errors import InvalidInput


@dataclass(frozen=True)
class PaymentLine:
    line: int
    reference: str
    amount_pence: int
    received_on: date
    method: str

    def key(self) -> tuple[str, int, date, str]:
        return (self.reference.upper(), self.amount_pence, self.received_on, self.method.strip().casefold())


def penalty_payments_import(*, actor: User, lines: list[PaymentLine], allow_overpayments: bool = False) -> int:
    """A finance file of payments, matched to notices by reference: all or nothing, every problem by line."""
    notices = {
        notice.reference: notice
        for notice in PenaltyNotice.objects.filter(
            case__controller=actor.controller, reference__in={item.reference.upper() for item in lines}
        ).prefetch_related("payments")
    }
    problems = _line_problems(lines, notices)
    if not problems and not allow_overpayments:
        problems = _overpayments(lines, notices)
    if problems:
        raise InvalidInput({"file": "\n".join(problem for _, problem in sorted(problems))})
    with transaction.atomic():
        for item in lines:
            penalty_payment_record(
                actor=actor,
                reference=item.reference,
                amount_pence=item.amount_pence,
                received_on=item.received_on,
                method=item.method,
                overpayment_confirmed=allow_overpayments,
            )
    return len(lines)


def _line_problems(lines: list[PaymentLine], notices: dict[str, PenaltyNotice]) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    first_seen: dict[tuple[str, int, date, str], int] = {}
    today = timezone.localdate()
    for item in lines:
        notice = notices.get(item.reference.upper())
        found = [
            "no penalty notice of your authority has the reference " + item.reference if notice is None else "",
            "the amount must be more than zero" if item.amount_pence <= 0 else "",
            f"the date {item.received_on:%-d %B %Y} is in the future" if item.received_on > today else "",
            "the payment is dated before the notice was issued"
            if notice is not None and item.received_on < notice.issued_on
            else "",
            f"the method must be {PAYMENT_METHOD_LENGTH} characters or fewer"
            if len(item.method.strip()) > PAYMENT_METHOD_LENGTH
            else "",
            f"duplicate of line {first_seen[item.key()]}" if item.key() in first_seen else "",
        ]
        problems += [(item.line, f"line {item.line}: {message}") for message in found if message]
        first_seen.setdefault(item.key(), item.line)
    return problems


def _overpayments(lines: list[PaymentLine], notices: dict[str, PenaltyNotice]) -> list[tuple[int, str]]:
    """Lines paying more than is outstanding, counting the file's earlier lines as paid, as they will be."""
    problems: list[tuple[int, str]] = []
    pending: dict[str, list[tuple[date, int]]] = {}
    for item in lines:
        earlier = pending.setdefault(item.reference.upper(), [])
        outstanding = notice_outstanding(notices[item.reference.upper()], on=item.received_on, pending=earlier)
        if item.amount_pence > outstanding:
            message = overpayment_message(
                item.amount_pence, outstanding, confirm="run the import with --allow-overpayments"
            )
            problems.append((item.line, f"line {item.line}: {message}"))
        earlier.append((item.received_on, item.amount_pence))
    return problems
