"""The careers-service package: from 13, on request; after an opt-out only name, address and date of birth."""

from datetime import date

import pytest
import time_machine

from tutela.consent.services import opt_out_request
from tutela.sharing.services import DisclosureRefused, DisclosureRequest, disclosure_propose, disclosure_send
from tutela.sharing.tests.conftest import open_package

BORN = date(2011, 2, 3)
ON = date(2025, 6, 10)  # the pupil is 14
CAREERS = [
    "child.identity.name",
    "child.identity.date-of-birth",
    "child.contact.address",
    "family.identity.name",
    "family.contact.address",
    "child.education.careers-information",
]


@pytest.fixture
def pupil(casework):
    casework.child.date_of_birth = BORN
    casework.child.address = "1 Test Row, Wigan"
    casework.child.save()
    return casework.child


def _send(world, officer, pupil):
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="pupil-data",
        recipient="careers-service",
        purpose="careers-service",
        subjects=[pupil],
        categories=CAREERS,
    )
    disclosure = disclosure_propose(actor=officer, request=request)
    package = disclosure_send(actor=officer, disclosure=disclosure)
    return open_package(package.path, package.passphrase)


def test_without_an_opt_out_the_full_set_goes(world, data_officer, pupil):
    with time_machine.travel(ON):
        _manifest, rows, columns = _send(world, data_officer, pupil)
    assert {"pupil_name", "pupil_address", "pupil_date_of_birth", "parent_names", "parent_addresses"} <= set(columns)
    assert rows[0]["pupil_address"] == "1 Test Row, Wigan"


def test_after_an_opt_out_only_name_address_and_date_of_birth_go(world, data_officer, pupil, casework):
    with time_machine.travel(ON):
        opt_out_request(
            actor=data_officer,
            subject=pupil,
            requested_by=casework.mother,
            controller=world.controllers["wigan"],
            service="pupil-data",
            recipient="careers-service",
            requested_on=ON,
        )
        _manifest, _rows, columns = _send(world, data_officer, pupil)
    assert set(columns) <= {"pupil_name", "pupil_address", "pupil_date_of_birth", "parent_names", "parent_addresses"}
    assert "pupil_date_of_birth" in columns


def test_under_13_nothing_is_sent(world, data_officer, pupil):
    with time_machine.travel(date(2024, 2, 2)), pytest.raises(DisclosureRefused, match="aged 13 or over"):
        _send(world, data_officer, pupil)
