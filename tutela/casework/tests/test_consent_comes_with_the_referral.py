"""A form with a consent-based purpose carries the consent: who gave it and the evidence, recorded
with the referral in one transaction."""

import pytest

from tutela.casework.intake import referral_submit
from tutela.casework.models import Referral
from tutela.casework.tests.conftest import SERVICE
from tutela.consent.models import Consent
from tutela.lib.errors import InvalidInput


def _involvement(tess, **answers):
    return referral_submit(
        actor=tess.officer,
        service=SERVICE,
        form="involvement",
        child=tess.child,
        family=[tess.mother],
        answers={"support": "Support at home and school", "consent_evidence": "RSI form 2026-14"} | answers,
    )


def test_the_consent_is_recorded_with_the_referral(tess):
    referral = _involvement(tess, consent_given_by=str(tess.mother.pk))
    consent = referral.consent
    assert consent.subject == tess.child and consent.given_by == tess.mother
    assert consent.purposes == ["service-involvement"] and consent.form_reference == "RSI form 2026-14"
    assert referral.record.purpose == "service-involvement"


def test_no_referral_without_who_gave_consent(tess):
    with pytest.raises(InvalidInput) as refused:
        _involvement(tess, consent_given_by="")
    assert "consent_given_by" in refused.value.errors
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_a_consent_refused_leaves_no_referral(tess):
    tess.child.relatives.update(parental_responsibility=False)  # the mother cannot consent
    with pytest.raises(InvalidInput):
        _involvement(tess, consent_given_by=str(tess.mother.pk))
    assert not Referral.objects.exists() and not Consent.objects.exists()
