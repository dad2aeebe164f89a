"""When a record falls due for its retention action, from its register retention class."""

from datetime import date, timedelta

from tutela.lib.dates import add_years
from tutela.register.schema import RetentionClass, RetentionTrigger


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def retention_due(
    retention: RetentionClass, *, date_of_birth: date | None, record_date: date, case_closed: date | None
) -> date | None:
    """The due date, or None while the trigger has not happened (an open case, an unknown date)."""
    start = {
        RetentionTrigger.DATE_OF_BIRTH: date_of_birth,
        RetentionTrigger.RECORD_DATE: record_date,
        RetentionTrigger.CASE_CLOSURE: case_closed,
        RetentionTrigger.LAST_ACTION: record_date,
        RetentionTrigger.END_OF_FINANCIAL_YEAR: _financial_year_end(record_date),
    }.get(retention.trigger)
    if start is None:
        return None
    years, months, days = retention.years_months_days
    return _add_months(add_years(start, years), months) + timedelta(days=days)


def _financial_year_end(day: date) -> date:
    # The UK public sector's financial year ends on 31 March.
    return date(day.year if day.month <= 3 else day.year + 1, 3, 31)
