"""The disclosure log records exactly the categories in the package, derived from the columns written.

A probe found the log listing health and attendance as sent to a GP while the package held identity
and contact columns only. What cannot be put in a package is dropped, with the reason, before
anything is sent; the package carries everything the agreement and the officer's choice allow.
"""

from tutela.register.api import register
from tutela.sharing.models import DisclosureLogEntry
from tutela.sharing.payload import COLUMNS
from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send
from tutela.sharing.tests.conftest import open_package

PURPOSE = "care-while-attending"


def _allowed_for_gps() -> list[str]:
    agreement = register().recipient("wigan", "engagement-centres", "gps").agreement
    assert agreement is not None
    purpose = register().purpose("wigan", "engagement-centres", PURPOSE)
    return [key for key in agreement.categories_allowed if key in purpose.categories]


def _send(world, casework, categories):
    worker = world.users["assigned_caseworker"]
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="gps",
        purpose=PURPOSE,
        subjects=[casework.child],
        categories=categories,
    )
    disclosure = disclosure_propose(actor=worker, request=request)
    return disclosure, disclosure_send(actor=worker, disclosure=disclosure)


def test_the_log_lists_only_the_categories_whose_columns_are_in_the_package(world, casework):
    requested = _allowed_for_gps()
    assert "child.special.health" in requested  # content the package cannot carry, requested on purpose
    _disclosure, package = _send(world, casework, requested)
    manifest, _rows, columns = open_package(package.path, package.passphrase)
    in_package = [key for key in requested if key in COLUMNS and COLUMNS[key][0] in columns]
    entry = DisclosureLogEntry.objects.get(subject=casework.child)
    assert entry.categories == in_package
    assert manifest["categories"] == in_package
    assert "child.special.health" not in entry.categories


def test_what_a_package_cannot_carry_is_dropped_with_the_reason_before_sending(world, casework):
    requested = _allowed_for_gps()
    disclosure, _package = _send(world, casework, requested)
    dropped = {item["category"]: item["reason"] for item in disclosure.categories_dropped}
    for key in requested:
        if key in COLUMNS:
            assert key in disclosure.categories_sent
        else:
            assert "cannot put this in a sharing package" in dropped[key]


def test_the_package_carries_every_allowed_category_the_officer_chose(world, casework):
    requested = [key for key in _allowed_for_gps() if key in COLUMNS]
    _disclosure, package = _send(world, casework, requested)
    _manifest, _rows, columns = open_package(package.path, package.passphrase)
    assert set(columns) == {COLUMNS[key][0] for key in requested}
