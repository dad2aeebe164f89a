"""The ESS case page shows the kit's flags prominently, each leading to the worker's decision; a
decided flag no longer shows."""

from tutela.casework.flags import flag_raise, flag_resolve
from tutela.casework.models import CaseFlag


def test_an_open_flag_is_shown_with_its_decision_and_a_decided_one_is_not(ess, client):
    flag = flag_raise(case=ess.case, kind=CaseFlag.Kind.OBJECTION, message="Mary Example objects.", about="x:1")
    client.force_login(ess.officer)
    page = client.get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
    assert "Needs your decision" in page and "Mary Example objects." in page
    assert f'href="/flags/{flag.pk}/"' in page
    flag_resolve(actor=ess.officer, flag=flag, resolution="The case continues.")
    assert "Needs your decision" not in client.get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
