"""The person page names each record's service as the register does, never by its code."""


def test_records_show_the_services_name_not_its_code(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    page = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert '<td class="govuk-table__cell">Engagement Centres</td>' in page
    assert '<td class="govuk-table__cell">engagement-centres</td>' not in page
