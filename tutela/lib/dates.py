"""Dates in the UK calendar: ages and periods, computed, never typed in."""

from datetime import date


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
