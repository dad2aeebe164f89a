"""The careers-service rule of Wigan's notice, at its age boundaries.

From 13 the careers service may receive name, address and further information on request; a
parent may opt out at any age, the pupil from 16, after which only name, address and date of
birth go.
"""

from datetime import date

import pytest
import time_machine

from tutela.consent.selectors import recipient_categories
from tutela.consent.services import opt_out_request
from tutela.lib.dates import add_years
from tutela.lib.errors import InvalidInput
from tutela.register.api import register

BORN = date(2010, 9, 14)
LIMITED = {
    "child.identity.name",
    "child.contact.address",
    "child.identity.date-of-birth",
    "family.identity.name",
    "family.contact.address",
}


@pytest.fixture
def pupil(casework):
    casework.child.date_of_birth = BORN
    casework.child.save()
    return casework.child


def _categories(pupil, on):
    return set(
        recipient_categories(
            subject=pupil, controller="wigan", service="pupil-data", recipient="careers-service", on=on
        )
    )


def _opt_out(world, pupil, requested_by, on):
    with time_machine.travel(on):
        return opt_out_request(
            actor=world.users["analyst"],
            subject=pupil,
            requested_by=requested_by,
            controller=world.controllers["wigan"],
            service="pupil-data",
            recipient="careers-service",
            requested_on=on,
        )


def test_nothing_goes_the_day_before_the_13th_birthday(pupil):
    assert _categories(pupil, add_years(BORN, 13).replace(day=13)) == set()


def test_full_set_goes_from_the_13th_birthday(pupil):
    agreement = register().recipient("wigan", "pupil-data", "careers-service").agreement
    assert _categories(pupil, add_years(BORN, 13)) == set(agreement.categories_allowed)


def test_parent_opt_out_limits_to_name_address_and_date_of_birth(world, pupil, casework):
    _opt_out(world, pupil, casework.mother, add_years(BORN, 14))
    assert _categories(pupil, add_years(BORN, 14)) <= LIMITED
    assert "child.identity.date-of-birth" in _categories(pupil, add_years(BORN, 14))


def test_pupil_cannot_opt_out_alone_the_day_before_16(world, pupil):
    with pytest.raises(InvalidInput, match="from age 16"):
        _opt_out(world, pupil, pupil, add_years(BORN, 16).replace(day=13))


def test_pupil_can_opt_out_on_the_16th_birthday(world, pupil):
    _opt_out(world, pupil, pupil, add_years(BORN, 16))
    assert _categories(pupil, add_years(BORN, 16)) <= LIMITED


def test_a_recipient_without_an_opt_out_is_refused(world, pupil, casework):
    with pytest.raises(InvalidInput, match="has no opt-out"):
        opt_out_request(
            actor=world.users["analyst"],
            subject=pupil,
            requested_by=casework.mother,
            controller=world.controllers["wigan"],
            service="pupil-data",
            recipient="fischer-family-trust",
            requested_on=date(2025, 1, 1),
        )
