"""A flag's page, before and after the decision, leads back to its case: deciding is not a dead end."""

from tutela.casework.flags import flag_raise
from tutela.casework.models import CaseFlag


def test_the_flag_page_links_to_its_case_before_and_after_the_decision(world, casework, client):
    flag = flag_raise(case=casework.case, kind=CaseFlag.Kind.OBJECTION, message="A parent objects.", about="x:1")
    client.force_login(world.users["assigned_caseworker"])
    link = f'href="/cases/{casework.case.pk}/">Back to case {casework.case.reference}<'
    assert link in client.get(f"/flags/{flag.pk}/").content.decode()
    client.post(f"/flags/{flag.pk}/", {"resolution": "The case continues."})
    assert link in client.get(f"/flags/{flag.pk}/").content.decode()
