"""Dates far outside any real range get a clear form error, never a server error: a task due in
year 1 or 99999999999, an education supervision order made on 28/12/9999 (whose year in force,
Children Act 1989 Sch 3 para 15(1), once overflowed Python's dates)."""

import pytest

from tutela.casework.models import CaseTask
from tutela.enforcement.models import StepEntry

RANGE = "must be a date between 1900 and 2100"


@pytest.mark.parametrize("year", ["1", "99999999999", "9999"])
def test_a_task_due_in_an_impossible_year_is_a_form_error(client, ess, year):
    client.force_login(ess.officer)
    response = client.post(
        f"/enforcement/cases/{ess.case.pk}/tasks/new/",
        {"title": "Home visit", "due_on_0": "20", "due_on_1": "1", "due_on_2": year},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Due date {RANGE}" in body and "govuk-error-summary" in body
    assert not CaseTask.objects.filter(title="Home visit").exists()


@pytest.mark.parametrize("field", ["applied_on", "made_on"])
def test_an_eso_dated_28_12_9999_is_a_form_error(client, ess, field):
    client.force_login(ess.officer)
    dates = {"applied_on": ("10", "1", "2026"), "made_on": ("12", "1", "2026")}
    dates[field] = ("28", "12", "9999")
    data = {"court": "Dudley Magistrates' Court", "rationale": "Attendance has not improved."}
    for name, parts in dates.items():
        data |= {f"{name}_{index}": part for index, part in enumerate(parts)}
    response = client.post(f"/enforcement/cases/{ess.case.pk}/steps/eso-application/", data)
    assert response.status_code == 200
    assert RANGE in response.content.decode()
    assert not StepEntry.objects.filter(step="eso-application").exists()
