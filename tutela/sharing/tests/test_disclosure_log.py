"""The disclosure log remembers every recipient of a person's data, and cannot be rewritten."""

import pytest
from django.db import DatabaseError, connection, transaction

from tutela.audit.models import AuditEntry
from tutela.sharing.models import DisclosureLogEntry
from tutela.sharing.selectors import recipients_holding
from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send


def _share(world, casework, recipient, categories):
    worker = world.users["assigned_caseworker"]
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient=recipient,
        purpose="care-while-attending",
        subjects=[casework.child],
        categories=categories,
    )
    return disclosure_send(actor=worker, disclosure=disclosure_propose(actor=worker, request=request))


def test_every_recipient_of_a_person_is_listed_with_what_they_hold(world, casework):
    _share(world, casework, "gps", ["child.identity.name"])
    _share(world, casework, "gps", ["child.identity.date-of-birth"])
    _share(world, casework, "health-service-providers", ["child.identity.name"])
    holders = {holder.recipient: holder for holder in recipients_holding(person=casework.child)}
    assert set(holders) == {"gps", "health-service-providers"}
    assert holders["gps"].categories == ["child.identity.name", "child.identity.date-of-birth"]
    assert holders["gps"].times == 2


def test_each_send_is_logged_and_audited_with_the_package_checksum(world, casework):
    package = _share(world, casework, "gps", ["child.identity.name"])
    entry = DisclosureLogEntry.objects.get(subject=casework.child)
    assert entry.package_sha256 == package.sha256
    assert entry.basis == "WGN-ISA-EC-GP"
    assert AuditEntry.objects.filter(action="disclosure_send", subject_id=str(casework.child.pk)).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_the_log_refuses_changes_in_postgresql(world, casework):
    _share(world, casework, "gps", ["child.identity.name"])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DisclosureLogEntry.objects.update(recipient="someone-else")
