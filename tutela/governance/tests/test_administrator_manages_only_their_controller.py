"""A controller's administrator manages their own controller's users, teams, settings and calendars,
and sees nothing of another controller's; nobody else gets into Administration."""

import re

import pytest

from tutela.accounts.models import Role, User
from tutela.governance.tests.administration import AdminWorld, build_admin_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(world):
    return build_admin_world(world)


def _options(html: str, name: str) -> set[str]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return {label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))}


def test_the_administrator_opens_administration_and_finds_their_work(admin_world: AdminWorld, sign_in):
    page = sign_in(admin_world.wigan_admin).get("/admin/").content.decode()
    assert "permission to view or edit anything" not in page
    for section in ("Users", "Teams", "Roles", "Controllers", "School calendars"):
        assert f">{section}<" in page, section


def test_the_user_list_shows_only_their_controller(admin_world: AdminWorld, sign_in):
    page = sign_in(admin_world.wigan_admin).get("/admin/accounts/user/").content.decode()
    assert admin_world.wigan_user.username in page
    assert admin_world.dudley_user.username not in page
    assert "Dudley" not in page  # nor in the filters


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/{dudley_user}/change/",
        "/admin/accounts/user/{dudley_user}/history/",
        "/admin/accounts/user/{dudley_user}/password/",
        "/admin/accounts/team/{dudley_team}/change/",
        "/admin/accounts/team/{dudley_team}/delete/",
        "/admin/accounts/controller/{dudley}/change/",
        "/admin/attendance/schoolcalendar/{dudley_calendar}/change/",
    ],
)
def test_another_controllers_object_is_not_found(admin_world: AdminWorld, sign_in, url):
    client = sign_in(admin_world.wigan_admin)
    ids = {
        "dudley_user": admin_world.dudley_user.pk,
        "dudley_team": admin_world.dudley_team.pk,
        "dudley": admin_world.dudley.pk,
        "dudley_calendar": admin_world.dudley_calendar.pk,
    }
    assert client.get(url.format(**ids)).status_code == 404


def test_posting_a_change_to_another_controllers_user_changes_nothing(admin_world: AdminWorld, sign_in):
    user = admin_world.dudley_user
    client = sign_in(admin_world.wigan_admin)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/", {"username": user.username, "last_name": "Changed"}
    )
    assert response.status_code == 404
    user.refresh_from_db()
    assert user.last_name != "Changed"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/{wigan_user}/change/",
        "/admin/accounts/team/{wigan_team}/change/",
        "/admin/accounts/controller/{wigan}/change/",
        "/admin/attendance/schoolcalendar/{wigan_calendar}/change/",
    ],
)
def test_their_own_controllers_object_opens(admin_world: AdminWorld, sign_in, url):
    client = sign_in(admin_world.wigan_admin)
    ids = {
        "wigan_user": admin_world.wigan_user.pk,
        "wigan_team": admin_world.wigan_team.pk,
        "wigan": admin_world.wigan.pk,
        "wigan_calendar": admin_world.wigan_calendar.pk,
    }
    assert client.get(url.format(**ids)).status_code == 200


def test_a_users_teams_and_schools_offered_are_their_controllers_only(admin_world: AdminWorld, sign_in):
    page = sign_in(admin_world.wigan_admin).get("/admin/accounts/user/add/").content.decode()
    teams = _options(page, "teams")
    assert str(admin_world.wigan_team) in teams
    assert not any("Dudley" in team for team in teams)
    schools = _options(page, "school")
    assert str(admin_world.wigan_school) in schools
    assert str(admin_world.dudley_school) not in schools
    assert 'name="controller"' not in page  # what they add is their own controller's
    assert set(Role.objects.values_list("name", flat=True)) <= _options(page, "roles")  # roles are shared


def test_a_post_naming_another_controllers_team_is_refused(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    response = sign_in(admin_world.wigan_admin).post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"username": user.username, "is_active": "on", "teams": [admin_world.dudley_team.pk]},
    )
    assert response.status_code == 200  # the form again, with an error
    assert "Select a valid choice" in response.content.decode()
    assert not user.teams.filter(pk=admin_world.dudley_team.pk).exists()


def test_an_administrator_cannot_make_anyone_a_superuser(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    client = sign_in(admin_world.wigan_admin)
    page = client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"username": user.username, "is_active": "on", "is_superuser": "on", "last_name": "Changed"},
    )
    user.refresh_from_db()
    assert user.last_name == "Changed"
    assert not user.is_superuser


def test_a_superusers_account_is_not_theirs_to_manage(admin_world: AdminWorld, sign_in):
    boss = User.objects.create_superuser("root", controller=admin_world.wigan)
    assert sign_in(admin_world.wigan_admin).get(f"/admin/accounts/user/{boss.pk}/change/").status_code == 404


def test_they_set_which_roles_sign_in_with_two_factors(admin_world: AdminWorld, sign_in):
    wigan = admin_world.wigan
    dsl = Role.objects.get(code="safeguarding-lead")
    response = sign_in(admin_world.wigan_admin).post(
        f"/admin/accounts/controller/{wigan.pk}/change/", {"two_factor_roles": [dsl.pk], "name": "Renamed"}
    )
    assert response.status_code == 302
    wigan.refresh_from_db()
    assert list(wigan.two_factor_roles.all()) == [dsl]
    assert wigan.name == "Wigan Council"  # the controller's identity is not theirs to change


def test_role_definitions_are_read_only_to_an_administrator(admin_world: AdminWorld, sign_in):
    role = Role.objects.get(code="caseworker")
    client = sign_in(admin_world.wigan_admin)
    assert client.get(f"/admin/accounts/role/{role.pk}/change/").status_code == 200
    response = client.post(f"/admin/accounts/role/{role.pk}/change/", {"code": "caseworker", "name": "Boss"})
    assert response.status_code == 403
    role.refresh_from_db()
    assert role.name == "Caseworker"


@pytest.mark.parametrize(
    "persona",
    [
        "assigned_caseworker",
        "team_manager",
        "ig_officer",
        "dpo",
        "analyst",
        "school_user",
        "dudley_caseworker",
        "headteacher",
    ],
)
def test_nobody_else_gets_into_administration(world, sign_in, persona):
    response = sign_in(world.users[persona]).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
