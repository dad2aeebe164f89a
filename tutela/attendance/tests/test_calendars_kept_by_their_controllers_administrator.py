"""A local authority's administrator keeps the calendars of its own schools and its default calendar."""

import pytest

from tutela.attendance.models import SchoolCalendar
from tutela.governance.tests.administration import DUDLEY_LA, AdminWorld, build_admin_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(world):
    return build_admin_world(world)


LIST = "/admin/attendance/schoolcalendar/"


def test_the_calendar_list_shows_only_their_schools_and_their_default(admin_world: AdminWorld, sign_in):
    page = sign_in(admin_world.wigan_admin).get(LIST).content.decode()
    assert str(admin_world.wigan_calendar) in page
    assert str(admin_world.wigan_default_calendar) in page
    assert str(admin_world.dudley_calendar) not in page


def test_dudleys_administrator_sees_dudleys_calendar_not_wigans(admin_world: AdminWorld, sign_in):
    page = sign_in(admin_world.dudley_admin).get(LIST).content.decode()
    assert str(admin_world.dudley_calendar) in page
    assert str(admin_world.wigan_calendar) not in page


def test_they_cannot_add_a_calendar_for_another_authoritys_school(admin_world: AdminWorld, sign_in):
    response = sign_in(admin_world.wigan_admin).post(
        f"{LIST}add/",
        {
            "school": admin_world.dudley_school.pk,
            "la_code": "",
            "academic_year": 2026,
            "periods-TOTAL_FORMS": 0,
            "periods-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SchoolCalendar.objects.filter(academic_year=2026).exists()


def test_they_cannot_add_another_authoritys_default_calendar(admin_world: AdminWorld, sign_in):
    response = sign_in(admin_world.wigan_admin).post(
        f"{LIST}add/",
        {
            "school": "",
            "la_code": DUDLEY_LA,
            "academic_year": 2026,
            "periods-TOTAL_FORMS": 0,
            "periods-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "your own local authority" in response.content.decode()
    assert not SchoolCalendar.objects.filter(academic_year=2026).exists()


def test_a_superuser_sees_every_controllers_calendars(admin_world: AdminWorld, client):
    from tutela.accounts.models import User

    client.force_login(User.objects.create_superuser("root", password="x" * 20))
    page = client.get(LIST).content.decode()
    assert str(admin_world.wigan_calendar) in page
    assert str(admin_world.dudley_calendar) in page
