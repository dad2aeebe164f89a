"""Every objection is recorded, whatever the basis, and answered by a named person with reasons.

Art 21(1) gives the right to object only against public task and legitimate interests: there the
objection is upheld, or refused on balancing (compelling legitimate grounds, legal claims). Under
any other basis (a school's legal obligation under KCSIE) it is still recorded and answered:
refused, with the reason the law gives and the right to complain to the ICO (Art 12(4)).
"""

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.consent.models import Objection
from tutela.consent.services import objection_decide, objection_raise
from tutela.lib.errors import InvalidInput
from tutela.people.tests.factories import PersonFactory, RelationshipFactory
from tutela.register.api import register


@pytest.fixture
def werneth_pupil(world):
    pupil = PersonFactory(given_name="Bea", family_name="Testpupil")
    return pupil, RelationshipFactory(child=pupil).person


def _raise_at_werneth(world, werneth_pupil):
    pupil, parent = werneth_pupil
    return objection_raise(
        actor=world.users["headteacher"],
        subject=pupil,
        raised_by=parent,
        controller=world.controllers["school"],
        service="sen-safeguarding",
        purpose="support-progress",
        grounds="We do not want the school to keep notes about our family",
    )


def test_an_objection_under_legal_obligation_is_recorded_and_audited(world, werneth_pupil):
    objection = _raise_at_werneth(world, werneth_pupil)
    stored = Objection.objects.get(pk=objection.pk)
    assert stored.status == Objection.Status.PENDING
    assert stored.lawful_basis == "legal_obligation"
    assert AuditEntry.objects.filter(action="objection_raise", object_id=str(objection.pk)).exists()


def test_under_legal_obligation_it_is_refused_with_the_reason_and_the_right_to_complain(world, werneth_pupil):
    objection = _raise_at_werneth(world, werneth_pupil)
    head = world.users["headteacher"]
    with pytest.raises(InvalidInput, match="cannot be upheld"):
        objection_decide(actor=head, objection=objection, upheld=True, rationale="We agree")
    objection_decide(
        actor=head, objection=objection, upheld=False, rationale="The notes are needed to keep the pupil safe"
    )
    objection.refresh_from_db()
    rights = {s.right: s for s in register().controller("werneth-school").controller.rights}
    assert objection.status == Objection.Status.NOT_UPHELD
    assert objection.decided_by == head and objection.decided_on == timezone.localdate()
    assert objection.rationale == "The notes are needed to keep the pupil safe"
    assert objection.legal_reason == rights["objection"].limits["legal_obligation"]
    assert "Information Commissioner" in objection.right_to_complain


def test_under_public_task_it_is_upheld_or_refused_on_balancing(world, casework):
    def raised():
        return objection_raise(
            actor=world.users["assigned_caseworker"],
            subject=casework.child,
            raised_by=casework.mother,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purpose="data-analytics",
            grounds="We do not want our data in studies",
        )

    manager = world.users["team_manager"]
    upheld = objection_decide(actor=manager, objection=raised(), upheld=True, rationale="No overriding grounds")
    assert upheld.status == Objection.Status.UPHELD and not upheld.right_to_complain
    refused = objection_decide(
        actor=manager, objection=raised(), upheld=False, rationale="Compelling grounds: the child's safety"
    )
    public_task_limit = {s.right: s for s in register().controller("wigan").controller.rights}["objection"].limits
    assert refused.legal_reason == public_task_limit["public_task"]
    assert "ico.org.uk" in refused.right_to_complain
    with pytest.raises(InvalidInput, match="already been decided"):
        objection_decide(actor=manager, objection=refused, upheld=True, rationale="Again")


def test_the_person_page_shows_each_objection_its_status_decision_reasons_and_dates(world, casework, sign_in):
    objection = objection_raise(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        raised_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="parental-consent",
        grounds="Please stop using the consent form information",
    )
    page = sign_in(world.users["assigned_caseworker"]).get(f"/people/{casework.child.pk}/").content.decode()
    assert "Objections" in page and "Waiting for a decision" in page
    assert "Please stop using the consent form information" in page
    objection_decide(
        actor=world.users["team_manager"],
        objection=objection,
        upheld=False,
        rationale="Consent can be withdrawn instead",
    )
    page = sign_in(world.users["assigned_caseworker"]).get(f"/people/{casework.child.pk}/").content.decode()
    assert "Refused" in page
    assert "Consent can be withdrawn instead" in page
    assert "Art 21(1) does not apply where we rely on consent" in page
    assert "Right to complain" in page
    assert timezone.localdate().strftime("%-d %b %Y") in page
