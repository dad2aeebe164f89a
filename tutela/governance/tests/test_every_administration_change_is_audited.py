"""Every add, change, deletion and action in Administration writes an audit entry, under the
administrator's controller, beside Django's own admin log."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.accounts.models import Role, Team
from tutela.audit.models import AuditEntry
from tutela.governance.tests.administration import AdminWorld, build_admin_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(world):
    return build_admin_world(world)


def _last(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("-seq").first()
    assert entry is not None, f"no {action} entry"
    return entry


def test_adding_a_team_is_audited_as_the_controllers(admin_world: AdminWorld, sign_in):
    response = sign_in(admin_world.wigan_admin).post(
        "/admin/accounts/team/add/", {"slug": "attendance", "name": "Attendance", "service": ""}
    )
    assert response.status_code == 302
    team = Team.objects.get(slug="attendance")
    assert team.controller == admin_world.wigan
    entry = _last("admin_add")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        admin_world.wigan_admin,
        "accounts.team",
        str(team.pk),
    )
    assert entry.controller == admin_world.wigan


def test_a_team_slug_their_controller_already_uses_is_an_error_not_a_crash(admin_world: AdminWorld, sign_in):
    response = sign_in(admin_world.wigan_admin).post(
        "/admin/accounts/team/add/", {"slug": admin_world.wigan_team.slug, "name": "Again", "service": ""}
    )
    assert response.status_code == 200
    assert "already has a team with this slug" in response.content.decode()


def test_changing_a_user_is_audited_with_what_changed(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    sign_in(admin_world.wigan_admin).post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"username": user.username, "is_active": "on", "roles": [Role.objects.get(code="team-manager").pk]},
    )
    entry = _last("admin_change")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(user.pk))
    assert "Roles" in str(entry.detail["changes"])
    assert entry.controller == admin_world.wigan


def test_deleting_a_team_is_audited(admin_world: AdminWorld, sign_in):
    team = Team.objects.create(controller=admin_world.wigan, slug="spare", name="Spare")
    response = sign_in(admin_world.wigan_admin).post(f"/admin/accounts/team/{team.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()
    assert _last("admin_delete").object_id == str(team.pk)


def test_disabling_a_user_switches_them_off_and_is_audited(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    sign_in(admin_world.wigan_admin).post("/admin/accounts/user/", {"action": "disable", "_selected_action": [user.pk]})
    user.refresh_from_db()
    assert not user.is_active
    assert _last("user_disable").object_id == str(user.pk)


def test_resetting_two_factor_removes_their_devices_and_is_audited(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(admin_world.wigan_admin).post(
        "/admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [user.pk]}
    )
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert _last("user_two_factor_reset").detail["devices"] == 1


def test_an_action_on_another_controllers_user_does_nothing(admin_world: AdminWorld, sign_in):
    user = admin_world.dudley_user
    sign_in(admin_world.wigan_admin).post("/admin/accounts/user/", {"action": "disable", "_selected_action": [user.pk]})
    user.refresh_from_db()
    assert user.is_active
    assert not AuditEntry.objects.filter(action="user_disable").exists()


def test_changing_a_calendars_term_dates_is_audited(admin_world: AdminWorld, sign_in):
    calendar = admin_world.wigan_calendar
    response = sign_in(admin_world.wigan_admin).post(
        f"/admin/attendance/schoolcalendar/{calendar.pk}/change/",
        {
            "school": calendar.school_id,
            "la_code": "",
            "academic_year": 2025,
            "periods-TOTAL_FORMS": 1,
            "periods-INITIAL_FORMS": 0,
            "periods-0-kind": "term",
            "periods-0-starts_on": "2025-09-03",
            "periods-0-ends_on": "2025-10-24",
            "periods-0-name": "Autumn 1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert calendar.periods.count() == 1
    entry = _last("admin_change")
    assert (entry.object_type, entry.object_id) == ("attendance.schoolcalendar", str(calendar.pk))
    assert entry.controller == admin_world.wigan
