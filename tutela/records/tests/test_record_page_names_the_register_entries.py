"""The record page names the service, the purpose and the retention rule in the register's words,
never their keys."""


def test_service_purpose_and_retention_in_words(world, casework, client):
    record = casework.records["file_note"]
    client.force_login(world.users["assigned_caseworker"])
    page = client.get(f"/records/{record.pk}/").content.decode()
    assert "Engagement Centres: Running the service" in page
    assert "Retention rule: Engagement centre records" in page
    for key in ("engagement-centres: administer-service", "administer-service", "ec-pupil-record"):
        assert key not in page
