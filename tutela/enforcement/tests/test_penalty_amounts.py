"""£80 within 21 days of receipt, £160 within 28, at the edges; a second notice has no discount."""

from datetime import date, timedelta

import pytest

from tutela.enforcement.rules import PaymentState, payment_state, penalty_terms

RECEIVED = date(2026, 3, 2)


def day(n: int) -> date:
    """Day n of a period beginning with the day of receipt (day 1 is the day of receipt)."""
    return RECEIVED + timedelta(days=n - 1)


def test_a_first_notice_is_80_pounds_to_day_21_and_160_pounds_to_day_28():
    terms = penalty_terms(sequence=1, received_on=RECEIVED)
    assert terms.discount_until == date(2026, 3, 22) == day(21)
    assert terms.pay_by == date(2026, 3, 29) == day(28)
    assert terms.amount_on(day(1)) == 8000
    assert terms.amount_on(day(21)) == 8000
    assert terms.amount_on(day(22)) == 16000
    assert terms.amount_on(day(28)) == 16000
    assert terms.amount_on(day(29)) is None


def test_a_second_notice_is_160_pounds_from_the_first_day():
    terms = penalty_terms(sequence=2, received_on=RECEIVED)
    assert terms.discount_pence is None and terms.discount_until is None
    assert terms.amount_on(day(1)) == 16000
    assert terms.amount_on(day(28)) == 16000
    assert terms.amount_on(day(29)) is None


def test_a_third_notice_has_no_terms():
    with pytest.raises(ValueError, match="first or second"):
        penalty_terms(sequence=3, received_on=RECEIVED)


@pytest.mark.parametrize(
    ("payments", "today", "state"),
    [
        ([(day(21), 8000)], day(30), PaymentState.PAID),
        ([(day(22), 8000)], day(22), PaymentState.PART_PAID),
        ([(day(22), 8000)], day(29), PaymentState.UNPAID),
        ([(day(28), 16000)], day(40), PaymentState.PAID),
        ([(day(29), 16000)], day(29), PaymentState.PAID_LATE),
        ([(day(3), 4000), (day(21), 4000)], day(30), PaymentState.PAID),  # part payments add up
        ([(day(3), 16000), (day(10), -8000)], day(30), PaymentState.PAID),  # overpaid, refunded to £80
        ([], day(28), PaymentState.AWAITING),
        ([], day(29), PaymentState.UNPAID),
    ],
)
def test_where_a_first_notice_stands(payments, today, state):
    terms = penalty_terms(sequence=1, received_on=RECEIVED)
    assert payment_state(terms=terms, payments=payments, withdrawn=False, today=today) == state


def test_80_pounds_does_not_discharge_a_second_notice():
    terms = penalty_terms(sequence=2, received_on=RECEIVED)
    assert payment_state(terms=terms, payments=[(day(2), 8000)], withdrawn=False, today=day(29)) == PaymentState.UNPAID


def test_a_withdrawn_notice_is_withdrawn_whatever_was_paid():
    terms = penalty_terms(sequence=1, received_on=RECEIVED)
    assert payment_state(terms=terms, payments=[], withdrawn=True, today=day(40)) == PaymentState.WITHDRAWN
