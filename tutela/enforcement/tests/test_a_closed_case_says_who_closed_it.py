"""ESS's case page says when a closed case was closed, by whom and why."""

import pytest

from tutela.casework.services import case_close

pytestmark = pytest.mark.django_db


def test_the_closed_case_names_who_closed_it_and_why(client, ess):
    case_close(actor=ess.officer, case=ess.case, reason="Attendance back above 95%")
    client.force_login(ess.officer)
    html = client.get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
    closer = ess.officer.get_full_name() or ess.officer.get_username()
    assert f"by {closer}: Attendance back above 95%" in html
