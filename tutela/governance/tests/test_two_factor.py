"""A controller can make a second factor compulsory for roles; the user is held until they pass it."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.accounts.models import Role


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def caseworkers_need_two_factor(world):
    world.controllers["wigan"].two_factor_roles.add(Role.objects.get(code="caseworker"))


def test_user_whose_role_needs_it_is_sent_to_set_up(client, world, sign_in, caseworkers_need_two_factor):
    sign_in(world.users["assigned_caseworker"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/two-factor/set-up/"


def test_set_up_shows_a_qr_code_then_confirms_with_a_code(client, world, sign_in, caseworkers_need_two_factor):
    user = world.users["assigned_caseworker"]
    sign_in(user)
    page = client.get("/sign-in/two-factor/set-up/").content.decode()
    assert re.search(r'<img src="data:image/svg\+xml;base64,', page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post("/sign-in/two-factor/set-up/", {"code": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_wrong_code_is_refused_with_an_error(client, world, sign_in, caseworkers_need_two_factor):
    sign_in(world.users["assigned_caseworker"])
    client.get("/sign-in/two-factor/set-up/")
    response = client.post("/sign-in/two-factor/set-up/", {"code": "000000"})
    assert response.status_code == 200
    assert "The security code is wrong or has expired" in response.content.decode()
    assert client.get("/").status_code == 302


def test_user_with_a_device_must_enter_a_code_at_each_sign_in(client, world, sign_in):
    user = world.users["ig_officer"]  # no rule for this role: the user chose to set up a device
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(user)
    assert client.get("/")["Location"] == "/sign-in/two-factor/"
    assert client.post("/sign-in/two-factor/", {"code": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_roles_without_the_rule_sign_in_with_a_password_alone(client, world, sign_in, caseworkers_need_two_factor):
    sign_in(world.users["analyst"])
    assert client.get("/").status_code == 200


def test_the_rule_belongs_to_one_controller(client, world, sign_in, caseworkers_need_two_factor):
    sign_in(world.users["dudley_caseworker"])  # Dudley has not required it
    assert client.get("/").status_code == 200


def test_badly_formed_code_gets_a_clear_error(client, world, sign_in, caseworkers_need_two_factor):
    sign_in(world.users["assigned_caseworker"])
    client.get("/sign-in/two-factor/set-up/")
    response = client.post("/sign-in/two-factor/set-up/", {"code": "12ab"})
    assert "The security code must be 6 digits" in response.content.decode()
