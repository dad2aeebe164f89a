"""Dates in the UK calendar: ages and periods, computed, never typed in."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on ``day``; someone born on 29 February turns a year older on 1 March."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def anniversary(day: date, years: int) -> date:
    """The anniversary ``years`` on; 29 February's falls on 1 March in a common year, as ``age_on``
    counts birthdays (and as the Age of Legal Capacity (Scotland) Act 1991 s6(2) says outright), so
    the year up to it holds every calendar date once. ``add_years`` rounds down to 28 February instead."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; past the end of a shorter month, that month's last day
    (31 August + 6 months = 28 or 29 February), as calendar-month periods are read in law."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has at least 28 days")


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays of England and Wales in a calendar year, from the maintained ``holidays`` package."""
    # England and Wales share their bank holidays; "ENG" is the package's code for them.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_after(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (weekends and bank holidays skipped)."""
    found = 0
    while found < count:
        day += timedelta(days=1)
        found += is_working_day(day)
    return day
