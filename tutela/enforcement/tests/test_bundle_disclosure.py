"""Disclosing the evidence bundle: every time it is given to the court, the defence or anyone else,
who was given it, when and how is recorded, on the case and in the audit log, by someone who needs
to know the case. A disclosure with no recipient's name, or dated in the future, is refused."""

from datetime import date

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.chronology import case_chronology
from tutela.enforcement.bundle import bundle_build, bundle_disclose
from tutela.enforcement.models import BundleDisclosure
from tutela.enforcement.services import prosecution_start
from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput


@pytest.fixture
def bundle(ess):
    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        rationale="Penalty notice unpaid.",
    )
    return bundle_build(actor=ess.officer, prosecution=prosecution)


def disclose(actor, bundle, **overrides):
    values = {
        "recipient": "defence",
        "recipient_name": "Pat Brief, Brief & Co Solicitors",
        "disclosed_on": date(2026, 1, 15),
        "method": "Secure email",
    } | overrides
    return bundle_disclose(actor=actor, bundle=bundle, **values)


def test_a_disclosure_records_who_was_given_the_bundle_when_and_how(ess, bundle):
    disclosure = disclose(ess.officer, bundle)
    assert (disclosure.recipient, disclosure.recipient_name, disclosure.disclosed_on, disclosure.method) == (
        "defence",
        "Pat Brief, Brief & Co Solicitors",
        date(2026, 1, 15),
        "Secure email",
    )
    assert disclosure.disclosed_by == ess.officer and list(bundle.disclosures.all()) == [disclosure]
    audited = AuditEntry.objects.get(action="evidence_bundle_disclose", object_id=str(disclosure.pk))
    assert audited.subject_id == str(ess.mother.pk) and audited.detail["recipient_name"] == disclosure.recipient_name
    assert any(
        "given to the defence: Pat Brief, Brief & Co Solicitors (Secure email)" in entry.what
        for entry in case_chronology(actor=ess.officer, case=ess.case)
    )


def test_the_court_and_the_defence_each_get_their_own_record(ess, bundle):
    disclose(ess.officer, bundle, recipient="court", recipient_name="Dudley Magistrates' Court", method="By hand")
    disclose(ess.officer, bundle)
    assert sorted(bundle.disclosures.values_list("recipient", flat=True)) == ["court", "defence"]


def test_a_disclosure_without_a_name_method_or_real_date_is_refused(ess, bundle):
    with pytest.raises(InvalidInput) as refused:
        disclose(ess.officer, bundle, recipient_name="  ", method="", disclosed_on=date(2026, 1, 16))
    assert set(refused.value.errors) == {"recipient_name", "method", "disclosed_on"}
    assert "future" in refused.value.errors["disclosed_on"]
    with pytest.raises(InvalidInput) as before:
        disclose(ess.officer, bundle, disclosed_on=date(2026, 1, 14))
    assert "15 January 2026" in before.value.errors["disclosed_on"]
    with pytest.raises(InvalidInput) as unknown:
        disclose(ess.officer, bundle, recipient="press")
    assert set(unknown.value.errors) == {"recipient"}
    assert not BundleDisclosure.objects.exists()
    assert not AuditEntry.objects.filter(action="evidence_bundle_disclose").exists()


def test_only_those_who_need_to_know_the_case_may_record_a_disclosure(ess, ess_colleague, world, bundle):
    may_disclose = {
        ess.officer: True,
        ess_colleague: True,
        world.users["other_service_officer"]: False,
        world.users["dudley_ig_officer"]: False,
        ess.school_user: False,
        world.users["outsider"]: False,
    }
    for actor, allowed in may_disclose.items():
        if allowed:
            assert disclose(actor, bundle).disclosed_by == actor
        else:
            with pytest.raises(GateDenied):
                disclose(actor, bundle)
    assert set(BundleDisclosure.objects.values_list("disclosed_by", flat=True)) == {ess.officer.pk, ess_colleague.pk}
