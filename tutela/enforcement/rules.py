"""The law's amounts and clocks for attendance enforcement, as pure functions of dates.

Sources: shared/design/domain/attendance.md, sections 2 and 3. Every period below is counted the
way the legislation words it, and each reading is written next to the rule it drives:

- Receipt (Interpretation Act 1978 s7): a notice sent by post is deemed received when a letter would
  be delivered in the ordinary course of post "unless the contrary is proved": the presumption is
  rebuttable, so an officer may record a proven later actual receipt and the periods that begin with
  receipt move with it (``penalty_notice_receipt_record``).
- Penalty notice (Education (Penalty Notices) (England) Regulations 2007 as amended by SI 2024/210):
  £80 if paid within 21 days, £160 if paid within 28 days, each period "beginning with the date on
  which the notice is received". "Beginning with" counts the day of receipt as day 1, so day 21 is
  receipt + 20 days and day 28 is receipt + 27 days.
- National framework (from 19 August 2024): a second notice to the same parent for the same child
  within 3 years is £160 with no discount; a third within 3 years cannot be issued. Every other
  notice whose date is less than three years before *or after* the new one counts, whatever order
  they were recorded in (headteachers and the police issue notices too, so late recording is normal).
  Withdrawn notices do not count, and neither do notices issued before the framework began.
- Magistrates' Courts Act 1980 s127: an information must be laid "within six months from the time
  when the offence was committed". The day of the offence is not counted, so an offence on 1 March
  may be laid up to and including 1 September; a day with no match in the sixth month (31 August)
  runs to that month's last day.
- Children Act 1989 Sch 3 para 15(1): an education supervision order "shall have effect for a period
  of one year, beginning with the date on which it is made". The day it is made is day 1, so its
  last day in force is the day before the first anniversary (made 1 March 2026, last day 28 February
  2027).
- Education Act 1996 s437(1): the parent has "not less than 15 days beginning with the day on which
  [the notice] is served", so the earliest date the notice may name is service + 14 days. s438
  gives the same 15-day window to choose a school.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings

from tutela.lib.dates import add_months, add_years, anniversary, is_working_day, working_days_after

FRAMEWORK_START = date(2024, 8, 19)
DISCOUNT_PENCE = 8_000
FULL_PENCE = 16_000
DISCOUNT_DAYS = 21
PAYMENT_DAYS = 28
NOTICES_IN_THREE_YEARS = 2
S127_MONTHS = 6
CLOCK_WARNING_DAYS = 30
S437_MINIMUM_DAYS = 15
S438_CHOICE_DAYS = 15
LATE_RECORDING_DAYS = 14  # a notice dated further back than this is recorded only with a reason
ESO_YEARS = 1
HOLIDAY_MIN_WEEKDAYS = 5  # a closure of a school week or more (half term, holidays), not a bank holiday


class ServiceMethod(StrEnum):
    HAND = "hand"
    FIRST_CLASS_POST = "first_class_post"
    SECOND_CLASS_POST = "second_class_post"
    LEFT_AT_ADDRESS = "left_at_address"


SERVICE_METHOD_NAMES = {
    ServiceMethod.HAND: "By hand",
    ServiceMethod.FIRST_CLASS_POST: "First-class post",
    ServiceMethod.SECOND_CLASS_POST: "Second-class post",
    ServiceMethod.LEFT_AT_ADDRESS: "Left at the address",
}


def deemed_receipt(*, sent_on: date, method: ServiceMethod, left_at: time | None = None) -> date:
    """When a notice counts as received: the same day by hand; by post, the configured number of
    working days after posting (first class: the second working day, by default).

    Left at the address: the regulations do not say when such a notice is received, so Tutela takes
    the rule the courts apply to a document left at an address (CPR 6.26): the day it was left, if
    that is a working day and it was left before the configured cut-off (4.30pm); otherwise the next
    working day. Where the time was not recorded, the later day, so the parent never loses a day."""
    if method == ServiceMethod.HAND:
        return sent_on
    config: dict[str, Any] = settings.TUTELA_ENFORCEMENT
    if method == ServiceMethod.LEFT_AT_ADDRESS:
        cutoff = time.fromisoformat(str(config["left_at_address_cutoff"]))
        if left_at is not None and left_at < cutoff and is_working_day(sent_on):
            return sent_on
        return working_days_after(sent_on, 1)
    days = int(config["post_working_days"][method])
    return working_days_after(sent_on, days)


def last_day_of_period(received_on: date, days: int) -> date:
    """The last day of a period of ``days`` days beginning with ``received_on``."""
    return received_on + timedelta(days=days - 1)


@dataclass(frozen=True)
class PenaltyTerms:
    sequence: int
    received_on: date
    discount_pence: int | None
    full_pence: int
    discount_until: date | None
    pay_by: date

    def amount_on(self, paid_on: date) -> int | None:
        """What discharges the notice if paid that day; None once the payment period is over."""
        if self.discount_until is not None and self.discount_pence is not None and paid_on <= self.discount_until:
            return self.discount_pence
        return self.full_pence if paid_on <= self.pay_by else None


def penalty_terms(*, sequence: int, received_on: date) -> PenaltyTerms:
    """The amounts and dates of a parent's first or second notice for a child within three years."""
    if sequence not in (1, 2):
        raise ValueError("only a first or second notice within three years may be issued")
    first = sequence == 1
    return PenaltyTerms(
        sequence=sequence,
        received_on=received_on,
        discount_pence=DISCOUNT_PENCE if first else None,
        full_pence=FULL_PENCE,
        discount_until=last_day_of_period(received_on, DISCOUNT_DAYS) if first else None,
        pay_by=last_day_of_period(received_on, PAYMENT_DAYS),
    )


def counts_towards_limit(*, other_issued_on: date, issue_on: date) -> bool:
    """Whether another (not withdrawn) notice counts against a new one: issued under the framework and
    less than three years before or after it, whichever was recorded first. Notices exactly three
    years apart do not count against each other."""
    if other_issued_on < FRAMEWORK_START:
        return False
    first, last = sorted((other_issued_on, issue_on))
    return last < add_years(first, 3)


def notice_sequence(*, others_issued_on: list[date], issue_on: date) -> int:
    """1 for a first notice, 2 for a second; 3 or more means the notice may not be issued."""
    return 1 + sum(counts_towards_limit(other_issued_on=d, issue_on=issue_on) for d in others_issued_on)


def next_notice_possible_on(*, others_issued_on: list[date], issue_on: date) -> date:
    """The first day from ``issue_on`` on which a further notice could be issued. As the day moves on
    the count only falls when a notice stops counting, three years after its date (a later-dated
    notice coming into reach only adds to it), so that day is ``issue_on`` or one of those days."""
    lapses = sorted({add_years(d, 3) for d in others_issued_on if add_years(d, 3) > issue_on})
    for day in [issue_on, *lapses]:
        if notice_sequence(others_issued_on=others_issued_on, issue_on=day) <= NOTICES_IN_THREE_YEARS:
            return day
    return issue_on  # unreachable: after the last lapse no notice counts


class PaymentState(StrEnum):
    AWAITING = "awaiting payment"
    PART_PAID = "part paid"
    PAID = "paid"
    UNPAID = "unpaid"
    PAID_LATE = "paid late"
    WITHDRAWN = "withdrawn"


def payment_state(
    *, terms: PenaltyTerms, payments: list[tuple[date, int]], withdrawn: bool, today: date
) -> PaymentState:
    """Where a notice stands. Payments are (date received, pence), refunds negative. A notice is
    discharged by the discounted amount paid in full by day 21, or the full amount by day 28."""
    if withdrawn:
        return PaymentState.WITHDRAWN

    def paid_by(day: date) -> int:
        return sum(amount for on, amount in payments if on <= day)

    discounted = terms.discount_until is not None and terms.discount_pence is not None
    if discounted and paid_by(terms.discount_until) >= terms.discount_pence:  # type: ignore[arg-type,operator]
        return PaymentState.PAID
    if paid_by(terms.pay_by) >= terms.full_pence:
        return PaymentState.PAID
    if today <= terms.pay_by:
        return PaymentState.PART_PAID if paid_by(today) > 0 else PaymentState.AWAITING
    return PaymentState.PAID_LATE if paid_by(today) >= terms.full_pence else PaymentState.UNPAID


def outstanding_pence(*, terms: PenaltyTerms, payments: list[tuple[date, int]], withdrawn: bool, on: date) -> int:
    """What a payment received on ``on`` can still usefully pay: the discounted amount while the
    discount lasts (or once the notice was discharged by it), otherwise the full amount, less what
    has been paid (refunds negative). Nothing is outstanding on a withdrawn notice."""
    if withdrawn:
        return 0
    paid = sum(amount for _, amount in payments)
    due = terms.full_pence
    if terms.discount_until is not None and terms.discount_pence is not None:
        paid_in_discount = sum(amount for received, amount in payments if received <= terms.discount_until)
        if on <= terms.discount_until or paid_in_discount >= terms.discount_pence:
            due = terms.discount_pence
    return max(0, due - paid)


def information_deadline(offence_on: date) -> date:
    """The last day an information may be laid for an offence on that day (s127: six months)."""
    return add_months(offence_on, S127_MONTHS)


@dataclass(frozen=True)
class OffenceClock:
    """s127 for an offence period: laying by ``whole_period_by`` covers every day of the period;
    after it the earliest days fall out of time, and after ``any_part_by`` all of them have."""

    period_start: date
    period_end: date
    whole_period_by: date
    any_part_by: date
    warn_from: date

    def state_on(self, today: date) -> str:
        if today > self.any_part_by:
            return "out of time"
        if today > self.whole_period_by:
            return "partly out of time"
        return "warning" if today >= self.warn_from else "in time"


def offence_clock(*, period_start: date, period_end: date) -> OffenceClock:
    whole = information_deadline(period_start)
    return OffenceClock(
        period_start=period_start,
        period_end=period_end,
        whole_period_by=whole,
        any_part_by=information_deadline(period_end),
        warn_from=whole - timedelta(days=CLOCK_WARNING_DAYS),
    )


def eso_last_day(made_on: date) -> date:
    """The last day an education supervision order is in force: one year beginning with the day it
    was made (Children Act 1989 Sch 3 para 15(1)), so the day before its first anniversary.

    An order made on 29 February: its anniversary in a common year is 1 March (``anniversary``), so
    made 29 February 2028 its last day is 28 February 2029. That keeps "one year" a whole year, every
    calendar date in force once (366 days, as for an order made 1 March 2027 that ends 29 February
    2028), where rounding the anniversary down to 28 February would end the order on 27 February, a
    year without a 28 February. It is also where the courts' corresponding-date rule leads (Dodds v
    Walker [1981] 1 WLR 1027, HL): a year beginning with 29 February is the year after 28 February,
    which ends on 28 February. No English authority decides the point; an officer applying to extend
    the order (para 15(3)) should not leave it to the last day."""
    return anniversary(made_on, ESO_YEARS) - timedelta(days=1)


def s437_earliest_date(served_on: date) -> date:
    """The earliest date a s437(1) notice may require the parent to satisfy the LA by."""
    return last_day_of_period(served_on, S437_MINIMUM_DAYS)


def s438_choice_ends(served_on: date) -> date:
    """The last day of the parent's window to choose a school after a s438 notice."""
    return last_day_of_period(served_on, S438_CHOICE_DAYS)


def nti_weeks_range() -> tuple[int, int]:
    """The improvement periods an officer may choose, in school weeks (3 to 6 by default)."""
    config: dict[str, Any] = settings.TUTELA_ENFORCEMENT
    low, high = config["nti_school_weeks"]
    return int(low), int(high)


def improvement_period_ends(*, received_on: date, school_weeks: int, school_days: frozenset[date] | None) -> date:
    """The last day of a notice to improve's improvement period: ``school_weeks`` weeks with at least
    one school day, counted from the day after receipt; holiday weeks are skipped. Where no calendar
    is held (none at all, or none yet for the weeks reached) every week counts."""
    low, high = nti_weeks_range()
    if not low <= school_weeks <= high:
        raise ValueError(f"the improvement period must be {low} to {high} school weeks")
    known_until = max(school_days) if school_days else None
    day, counted = received_on, 0
    while counted < school_weeks:
        week = [day + timedelta(days=n) for n in range(1, 8)]
        day = week[-1]
        beyond_calendar = known_until is None or week[0] > known_until
        if beyond_calendar or any(d in school_days for d in week):  # type: ignore[operator]
            counted += 1
    return day


@dataclass(frozen=True)
class SchoolClosure:
    first_day: date
    last_day: date


def school_holiday_on(day: date, school_days: frozenset[date] | None) -> SchoolClosure | None:
    """The school holiday ``day`` falls in: a run of days without school holding at least a school
    week of weekdays (a half term or longer, not a bank-holiday weekend or an INSET day). None on a
    school day, with no calendar, or outside the calendar held (Tutela cannot know)."""
    if not school_days or day in school_days or not min(school_days) < day < max(school_days):
        return None
    first, last = day, day
    while first - timedelta(days=1) not in school_days:
        first -= timedelta(days=1)
    while last + timedelta(days=1) not in school_days:
        last += timedelta(days=1)
    weekdays = sum((first + timedelta(days=n)).weekday() < 5 for n in range((last - first).days + 1))
    return SchoolClosure(first, last) if weekdays >= HOLIDAY_MIN_WEEKDAYS else None
