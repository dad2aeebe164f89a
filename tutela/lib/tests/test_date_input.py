"""The GOV.UK date input: its messages (GOV.UK Design System, "Date input") and the range of
dates any form accepts, so no typed date reaches date arithmetic that can overflow."""

from datetime import date

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.forms import DateField, GovukForm


class BirthForm(GovukForm):
    date_of_birth = DateField(label="Date of birth")


def errors(day: str, month: str, year: str) -> list[str]:
    form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
    assert not form.is_valid()
    return [str(message) for message in form.errors["date_of_birth"]]


def test_nothing_entered_asks_for_the_date_in_the_words_of_the_label():
    assert errors("", "", "") == ["Enter the date of birth"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("27", "", "2012", "Date of birth must include a month"),
        ("", "", "2012", "Date of birth must include a day and month"),
        ("27", "3", "", "Date of birth must include a year"),
        ("31", "2", "2026", "Date of birth must be a real date"),
        ("27", "13", "2012", "Date of birth must be a real date"),
        ("27", "March", "2012", "Date of birth must be a real date"),
        ("²", "3", "2012", "Date of birth must be a real date"),
    ],
)
def test_an_incomplete_or_impossible_date_says_what_is_wrong(day, month, year, message):
    assert errors(day, month, year) == [message]


@pytest.mark.parametrize("year", ["1", "0001", "99999999999", "9999", "1899", "2101", "9" * 5000])
def test_a_year_outside_1900_to_2100_is_refused_with_the_range(year):
    assert errors("28", "12", year) == ["Date of birth must be a date between 1900 and 2100"]


def test_the_first_and_last_days_of_the_range_are_accepted():
    for day, month, year in (("1", "1", "1900"), ("31", "12", "2100")):
        form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == date(2100, 12, 31)


def test_the_error_summary_links_to_the_box_that_is_wrong():
    form = BirthForm({"date_of_birth_0": "27", "date_of_birth_1": "", "date_of_birth_2": "2012"})
    assert [(line.anchor, line.message) for line in form.error_summary()] == [
        ("date_of_birth_1", "Date of birth must include a month")
    ]


@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_whatever_is_typed_the_answer_is_a_date_in_range_or_a_form_error(day, month, year):
    field = DateField(label="Date")
    try:
        cleaned = field.clean([day, month, year])
    except forms.ValidationError:
        return
    assert date(1900, 1, 1) <= cleaned <= date(2100, 12, 31)


def test_compress_gives_the_date_of_checked_boxes_or_nothing():
    from datetime import date

    from tutela.lib.forms import DateField

    field = DateField(label="Date of birth")
    assert field.compress(["3", "4", "2013"]) == date(2013, 4, 3)
    assert field.compress(["", "", ""]) is None
