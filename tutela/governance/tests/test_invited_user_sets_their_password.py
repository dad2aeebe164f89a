"""Inviting a user makes an account with no usable password and a one-time link to choose one."""

import re

import pytest
from django.test import Client

from tutela.accounts.models import Role, User
from tutela.audit.models import AuditEntry
from tutela.governance.tests.administration import AdminWorld, build_admin_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(world):
    return build_admin_world(world)


NEW_PASSWORD = "a long synthetic passphrase 42"


def _invite(admin_world: AdminWorld, sign_in) -> tuple[User, str]:
    response = sign_in(admin_world.wigan_admin).post(
        "/admin/accounts/user/add/",
        {
            "username": "new-starter",
            "first_name": "Nia",
            "last_name": "Starter",
            "email": "new-starter@example.org",
            "roles": [Role.objects.get(code="caseworker").pk],
            "teams": [admin_world.wigan_team.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    match = re.search(r'href="(http://testserver/sign-in/set-password/[^"]+)"', page)
    assert match, page[:3000]
    return User.objects.get(username="new-starter"), match.group(1)


def test_an_invited_user_has_no_password_until_they_choose_one(admin_world: AdminWorld, sign_in):
    user, _link = _invite(admin_world, sign_in)
    assert not user.has_usable_password()
    assert user.controller == admin_world.wigan
    assert list(user.teams.all()) == [admin_world.wigan_team]
    assert AuditEntry.objects.filter(action="user_invite", object_id=str(user.pk)).exists()
    assert AuditEntry.objects.filter(action="admin_add", object_id=str(user.pk)).exists()


def test_the_link_sets_a_password_once_and_they_sign_in_with_it(admin_world: AdminWorld, sign_in):
    user, link = _invite(admin_world, sign_in)
    newcomer = Client()
    form_page = newcomer.get(link.removeprefix("http://testserver"), follow=True)
    assert "Choose your password" in form_page.content.decode()
    response = newcomer.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="password_set", actor=user).exists()
    assert newcomer.post("/sign-in/", {"username": "new-starter", "password": NEW_PASSWORD}).status_code == 302
    again = Client().get(link.removeprefix("http://testserver"), follow=True)
    assert "This link has expired" in again.content.decode()


def test_inviting_again_makes_a_new_link_and_stops_the_old_password(admin_world: AdminWorld, sign_in):
    user = admin_world.wigan_user
    response = sign_in(admin_world.wigan_admin).post(
        "/admin/accounts/user/", {"action": "invite", "_selected_action": [user.pk]}, follow=True
    )
    assert "/sign-in/set-password/" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()
