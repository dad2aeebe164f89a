"""A disclosure's page is decided through the full gate over its purpose and the categories it sends."""

from tutela.audit.models import AuditEntry
from tutela.sharing.services import DisclosureRequest, disclosure_propose


def _disclosure(world, casework):
    worker = world.users["assigned_caseworker"]
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="gps",
        purpose="care-while-attending",
        subjects=[casework.child],
        categories=["child.identity.name"],
    )
    return disclosure_propose(actor=worker, request=request)


def test_the_disclosure_page_is_audited_under_its_purpose(client, world, casework, sign_in):
    disclosure = _disclosure(world, casework)
    sign_in(world.users["assigned_caseworker"])
    assert client.get(f"/sharing/disclosures/{disclosure.pk}/").status_code == 200
    entry = AuditEntry.objects.filter(object_type="sharing.disclosure", action="read").latest("seq")
    assert (entry.subject_id, entry.decision) == (str(casework.child.pk), "allowed")
    assert entry.purpose == "wigan/engagement-centres/care-while-attending"


def test_the_disclosure_of_a_restricted_person_is_refused(client, world, casework, sign_in):
    disclosure = _disclosure(world, casework)
    casework.child.processing_restricted = True
    casework.child.save(update_fields=["processing_restricted"])
    sign_in(world.users["assigned_caseworker"])
    assert client.get(f"/sharing/disclosures/{disclosure.pk}/").status_code == 403
    entry = AuditEntry.objects.filter(object_type="sharing.disclosure", action="read").latest("seq")
    assert entry.decision == "denied" and "restricted" in entry.reason
