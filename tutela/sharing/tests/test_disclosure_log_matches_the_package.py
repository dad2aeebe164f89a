"""The disclosure log records exactly the categories in the package, derived from the columns written.

A probe found the log listing health and attendance as sent to a GP while the package held identity
and contact columns only. The package carries what the agreement and the officer's choice allow:
the person's details as columns, and the records made for the purpose that hold nothing else;
the log lists what went, and nothing more.
"""

import csv
import io

import pytest
import pyzipper  # type: ignore[import-untyped]
from django.utils import timezone

from tutela.records.models import Record
from tutela.records.services import record_create
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


def _record(world, casework, categories, title):
    return record_create(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose=PURPOSE,
        categories=categories,
        kind="file_note",
        title=title,
        body=f"{title}: details",
        occurred_on=timezone.localdate(),
        source=Record.Source.OFFICER,
        case=casework.case,
    )


def _records_csv(package):
    with pyzipper.AESZipFile(package.path) as archive:
        archive.setpassword(package.passphrase.encode())
        return list(csv.DictReader(io.StringIO(archive.read("records.csv").decode())))


def test_a_health_record_made_for_the_purpose_travels_in_the_package_and_is_logged(world, casework):
    _record(world, casework, ["child.identity.name", "child.special.health"], "Asthma care plan")
    _disclosure, package = _send(world, casework, _allowed_for_gps())
    records = _records_csv(package)
    assert [(row["person"], row["record_title"], row["record_content"]) for row in records] == [
        ("1", "Asthma care plan", "Asthma care plan: details")  # decrypted for the recipient
    ]
    entry = DisclosureLogEntry.objects.get(subject=casework.child)
    assert "child.special.health" in entry.categories


def test_a_record_holding_what_the_agreement_does_not_allow_stays_out(world, casework):
    _record(world, casework, ["child.identity.name", "family.contact.address"], "Home visit")
    requested = _allowed_for_gps()
    assert "family.contact.address" not in requested
    _disclosure, package = _send(world, casework, requested)
    with pytest.raises(KeyError):
        _records_csv(package)
    assert "child.special.health" not in DisclosureLogEntry.objects.get(subject=casework.child).categories


def test_the_package_carries_every_allowed_category_the_officer_chose(world, casework):
    requested = [key for key in _allowed_for_gps() if key in COLUMNS]
    _disclosure, package = _send(world, casework, requested)
    _manifest, _rows, columns = open_package(package.path, package.passphrase)
    assert set(columns) == {COLUMNS[key][0] for key in requested}
