"""An anniversary falls on the same date; 29 February's falls on 1 March in a common year, as ages count."""

from datetime import date

from tutela.lib.dates import add_years, age_on, anniversary


def test_an_anniversary_is_the_same_date_years_on():
    assert anniversary(date(2026, 3, 1), 1) == date(2027, 3, 1)
    assert anniversary(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_29_february_falls_on_1_march_in_a_common_year_as_a_birthday_does():
    assert anniversary(date(2028, 2, 29), 1) == date(2029, 3, 1)
    assert age_on(date(2028, 2, 29), anniversary(date(2028, 2, 29), 1)) == 1
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)  # add_years rounds down instead
