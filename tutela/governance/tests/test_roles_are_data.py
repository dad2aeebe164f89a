"""Roles live in the database with their permissions; menus and pages follow them."""

import pytest

from tutela.accounts.models import Role

EXPECTED_ROLES = {
    "caseworker",
    "team-manager",
    "safeguarding-lead",
    "pastoral-staff",
    "headteacher",
    "ig-officer",
    "dpo",
    "analyst",
    "school-user",
    "administrator",
}


@pytest.mark.django_db
def test_every_role_the_service_needs_exists_as_data():
    assert set(Role.objects.values_list("code", flat=True)) >= EXPECTED_ROLES


@pytest.mark.django_db
def test_granting_a_permission_to_a_role_reaches_its_holders(world):
    from django.contrib.auth.models import Permission

    analyst = world.users["analyst"]
    assert not analyst.has_perm("audit.view_auditentry")
    Role.objects.get(code="analyst").permissions.add(Permission.objects.get(codename="view_auditentry"))
    analyst = type(analyst).objects.get(pk=analyst.pk)  # permissions are cached per user object
    assert analyst.has_perm("audit.view_auditentry")


# persona -> may open the audit log page
AUDIT_LOG_ACCESS = {
    "assigned_caseworker": False,
    "team_colleague": False,
    "other_service_officer": False,
    "school_user": False,
    "outsider": False,
    "analyst": False,
    "ig_officer": True,
    "dpo": True,
}


@pytest.mark.parametrize(("persona", "allowed"), AUDIT_LOG_ACCESS.items())
def test_audit_log_page_by_persona(client, world, sign_in, persona, allowed):
    sign_in(world.users[persona])
    response = client.get("/audit/")
    assert response.status_code == (200 if allowed else 403)
    home = client.get("/").content.decode()
    assert ('href="/audit/"' in home) is allowed


def test_signed_out_visitor_is_sent_to_sign_in(client, world):
    response = client.get("/audit/")
    assert response.status_code in {302, 403}
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_administration_link_only_for_administrators(client, world, sign_in):
    sign_in(world.users["administrator"])
    assert 'href="/admin/"' in client.get("/").content.decode()
    client.logout()
    sign_in(world.users["assigned_caseworker"])
    assert 'href="/admin/"' not in client.get("/").content.decode()
