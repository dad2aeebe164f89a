"""The home page shows the signed-in user their own roles, teams and recent actions."""

from tutela.audit.services import audit_record


def test_home_shows_roles_teams_and_own_recent_actions(client, world, sign_in):
    user = world.users["assigned_caseworker"]
    audit_record(actor=world.users["team_colleague"], action="someone_elses_action")
    sign_in(user)
    html = client.get("/").content.decode()
    assert "Caseworker" in html
    assert "Engagement Centres" in html
    assert "Sign in</td>" in html  # their own sign-in, from the audit log
    assert "Someone elses action" not in html


def test_home_needs_sign_in(client, world):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/"


def test_sign_out_ends_the_session_and_is_audited(client, world, sign_in):
    from tutela.audit.models import AuditEntry

    user = world.users["assigned_caseworker"]
    sign_in(user)
    response = client.post("/sign-out/", follow=True)
    assert "You have signed out" in response.content.decode()
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(actor=user, action="sign_out").exists()
