"""The list behind a number reads its query string strictly: a value it cannot use is a clear
message on the page (400), never a server error and never a silently wrong list."""

import pytest

from tutela.casework.case_filters import CaseFilter, case_filter_parse
from tutela.lib.errors import InvalidInput

URL = "/services/targeted-education-support/cases/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"stage": "no-such-stage"}, "There is no such stage in this service"),
        ({"stage": "<script>"}, "There is no such stage in this service"),
        ({"worker": "abc"}, "There is no such worker in your organisation"),
        ({"worker": "²"}, "There is no such worker in your organisation"),
        ({"team": "²"}, "There is no such team delivering this service"),
        ({"opened": "²"}, "Enter the number of days as a whole number from 1 to 3660"),
        ({"worker": "999999"}, "There is no such worker in your organisation"),
        ({"team": "1x"}, "There is no such team delivering this service"),
        ({"overdue": "yes"}, "Use 1 to show only these cases, or leave it out"),
        ({"opened": "-3"}, "Enter the number of days as a whole number from 1 to 3660"),
        ({"closed": "99999"}, "Enter the number of days as a whole number from 1 to 3660"),
        ({"status": "everything"}, "Choose open, closed or all cases"),
    ],
)
def test_a_bad_value_is_a_clear_message(client, tess, query, message):
    client.force_login(tess.manager)
    response = client.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "This list cannot be shown" in html


def test_a_worker_of_another_controller_is_no_such_worker(client, tess, world):
    client.force_login(tess.manager)
    response = client.get(URL, {"worker": world.users["dudley_caseworker"].pk})
    assert response.status_code == 400


def test_every_problem_is_named_at_once(tess):
    with pytest.raises(InvalidInput) as raised:
        case_filter_parse(
            params={"stage": "x!", "opened": "0", "flagged": "2"},
            service="targeted-education-support",
            controller_id=tess.controller.pk,
        )
    assert set(raised.value.errors) == {"stage", "opened", "flagged"}


@pytest.mark.parametrize(
    "case_filter",
    [
        CaseFilter(),
        CaseFilter(status="all", opened=30),
        CaseFilter(status="open", opened=30),
        CaseFilter(status="closed", closed=7),
        CaseFilter(stage="none", worker=0, overdue=True, flagged=True),
        CaseFilter(stage="support"),
    ],
)
def test_a_filter_reads_back_from_its_own_link(tess, case_filter):
    parsed = case_filter_parse(
        params=case_filter.params(), service="targeted-education-support", controller_id=tess.controller.pk
    )
    assert parsed == case_filter
