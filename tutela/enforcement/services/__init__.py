"""Attendance enforcement, step by step: every step with legal effect is a named officer's decision
with a rationale, recorded on the case and audited. Nothing here runs by itself except raising
tasks for a person to decide (``penalty_notice_sweep``). One module per area; this package
names what callers use."""

from tutela.enforcement.selectors import notice_outstanding, notice_state, notice_terms
from tutela.enforcement.services.common import (
    ENFORCEMENT,
    SERVICE,
    PenaltyNoticeRefused,
    decision_record,
)
from tutela.enforcement.services.payments import (
    PAYMENT_METHOD_LENGTH,
    overpayment_message,
    penalty_payment_record,
)
from tutela.enforcement.services.penalty_notices import (
    penalty_notice_check,
    penalty_notice_issue,
    penalty_notice_receipt_record,
    penalty_notice_sweep,
    penalty_notice_withdraw,
)
from tutela.enforcement.services.prosecutions import (
    hearing_add,
    prosecution_start,
    prosecution_update,
)
from tutela.enforcement.services.steps import (
    step_record,
)

__all__ = [
    "ENFORCEMENT",
    "PAYMENT_METHOD_LENGTH",
    "SERVICE",
    "PenaltyNoticeRefused",
    "decision_record",
    "hearing_add",
    "notice_outstanding",
    "notice_state",
    "notice_terms",
    "overpayment_message",
    "penalty_notice_check",
    "penalty_notice_issue",
    "penalty_notice_receipt_record",
    "penalty_notice_sweep",
    "penalty_notice_withdraw",
    "penalty_payment_record",
    "prosecution_start",
    "prosecution_update",
    "step_record",
]
