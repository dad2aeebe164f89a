"""A disclosure goes only where the register allows, only with what the agreement allows, after the gate."""

import re
from datetime import date

import pytest
import pyzipper  # type: ignore[import-untyped]

from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput
from tutela.register.api import register
from tutela.sharing.payload import COLUMNS
from tutela.sharing.selectors import agreements_index, disclosures_without_consent_to_review
from tutela.sharing.services import (
    DisclosureRefused,
    DisclosureRequest,
    disclosure_decide,
    disclosure_propose,
    disclosure_send,
)
from tutela.sharing.tests.conftest import open_package

EVERYTHING = [*COLUMNS, "child.special.ethnicity"]


def _request(world, casework, recipient, purpose="care-while-attending", service="engagement-centres", **extra):
    return DisclosureRequest(
        controller=world.controllers["wigan"],
        service=service,
        recipient=recipient,
        purpose=purpose,
        subjects=[casework.child],
        categories=EVERYTHING,
        **extra,
    )


def test_a_recipient_not_in_the_register_is_refused(world, casework):
    with pytest.raises(DisclosureRefused, match="not a recipient of this service in the register"):
        disclosure_propose(actor=world.users["assigned_caseworker"], request=_request(world, casework, "a-journalist"))


def test_fields_outside_the_agreement_never_reach_the_package(world, casework):
    worker = world.users["assigned_caseworker"]
    disclosure = disclosure_propose(actor=worker, request=_request(world, casework, "gps"))
    agreement = register().recipient("wigan", "engagement-centres", "gps").agreement
    purpose = register().purpose("wigan", "engagement-centres", "care-while-attending")
    allowed = set(agreement.categories_allowed) & set(purpose.categories)
    assert set(disclosure.categories_sent) == allowed & set(EVERYTHING)
    dropped = {item["category"] for item in disclosure.categories_dropped}
    assert dropped == set(EVERYTHING) - allowed
    assert "child.special.ethnicity" in dropped

    package = disclosure_send(actor=worker, disclosure=disclosure)
    manifest, rows, columns = open_package(package.path, package.passphrase)
    assert set(columns) == {COLUMNS[key][0] for key in allowed if key in COLUMNS}
    for key in dropped & set(COLUMNS):
        assert COLUMNS[key][0] not in columns
    assert rows[0].get("pupil_name", casework.child.full_name) == casework.child.full_name
    assert manifest["agreement"] == "WGN-ISA-EC-GP"
    with pytest.raises(RuntimeError), pyzipper.AESZipFile(package.path) as archive:  # no passphrase, no data
        archive.read("data.csv")


def test_an_agreement_past_its_review_date_blocks_routine_sharing(world, casework, register_copy):
    path = register_copy / "wigan.yaml"
    text = path.read_text()
    start = text.index("reference: WGN-ISA-EC-GP")
    text = text[:start] + re.sub(r"review_date: \d{4}-\d{2}-\d{2}", "review_date: 2024-01-31", text[start:], count=1)
    path.write_text(text)
    with pytest.raises(DisclosureRefused, match="passed its review date on 31 January 2024"):
        disclosure_propose(actor=world.users["assigned_caseworker"], request=_request(world, casework, "gps"))
    rows = agreements_index(today=date(2026, 11, 25), viewer=world.users["ig_officer"])
    assert any(row.expired and row.reference == "WGN-ISA-EC-GP" for row in rows)


def test_the_gate_refuses_a_worker_without_need_to_know(world, casework):
    with pytest.raises(GateDenied):
        disclosure_propose(actor=world.users["other_service_officer"], request=_request(world, casework, "gps"))


def test_restriction_blocks_sharing(world, casework):
    casework.child.processing_restricted = True
    casework.child.save()
    with pytest.raises(GateDenied, match="restricted"):
        disclosure_propose(actor=world.users["assigned_caseworker"], request=_request(world, casework, "gps"))


def test_a_manager_other_than_the_proposer_approves_where_the_register_says(world, casework):
    worker, manager = world.users["assigned_caseworker"], world.users["team_manager"]
    request = _request(world, casework, "support-organisations", purpose="administer-service")
    disclosure = disclosure_propose(actor=worker, request=request)
    assert disclosure.status == "awaiting_approval"
    with pytest.raises(InvalidInput, match="Only an approved disclosure"):
        disclosure_send(actor=worker, disclosure=disclosure)
    with pytest.raises(InvalidInput, match="Only a team manager"):
        disclosure_decide(actor=world.users["team_colleague"], disclosure=disclosure, approve=True, rationale="ok")
    with pytest.raises(InvalidInput, match="Record the reasons"):
        disclosure_decide(actor=manager, disclosure=disclosure, approve=True, rationale=" ")
    disclosure_decide(actor=manager, disclosure=disclosure, approve=True, rationale="Needed for the placement")
    assert disclosure_send(actor=worker, disclosure=disclosure).sha256


@pytest.fixture
def tess_case(world, casework):
    from django.utils import timezone

    from tutela.casework.models import Case

    officer = world.users["other_service_officer"]
    Case.objects.create(
        reference="TESS-S1",
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        child=casework.child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    return officer


def test_consent_recipients_need_consent_or_a_recorded_safeguarding_reason(world, casework, tess_case):
    request = _request(world, casework, "gps", purpose="safeguarding", service="targeted-education-support")
    with pytest.raises(DisclosureRefused, match="only receive this with consent"):
        disclosure_propose(actor=tess_case, request=request)
    justified = DisclosureRequest(
        **{
            **request.__dict__,
            "without_consent_justification": "GP must know of suspected neglect today; asking the parent "
            "may put the child at risk",
        }
    )
    disclosure = disclosure_propose(actor=tess_case, request=justified)
    assert list(disclosures_without_consent_to_review(reviewer=world.users["dpo"])) == [disclosure]


def test_with_live_consent_no_justification_is_needed(world, casework, tess_case):
    from django.utils import timezone

    from tutela.consent.services import consent_give

    consent_give(
        actor=tess_case,
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        purposes=["service-involvement", "safeguarding"],
        recipients=["gps"],
        form_reference="RSI-1",
        given_on=timezone.localdate(),
    )
    request = _request(world, casework, "gps", purpose="safeguarding", service="targeted-education-support")
    disclosure = disclosure_propose(actor=tess_case, request=request)
    assert disclosure.status == "approved"
    assert not disclosures_without_consent_to_review(reviewer=world.users["dpo"]).exists()


def test_nothing_to_send_is_refused(world, casework):
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="gps",
        purpose="care-while-attending",
        subjects=[casework.child],
        categories=["child.special.ethnicity"],
    )
    with pytest.raises(DisclosureRefused, match="Nothing you chose may be sent"):
        disclosure_propose(actor=world.users["assigned_caseworker"], request=request)
