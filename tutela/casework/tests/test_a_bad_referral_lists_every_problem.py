"""A bad referral is refused with every problem at once, by field, and nothing is written."""

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.intake import referral_submit
from tutela.casework.models import Referral
from tutela.casework.tests.conftest import SERVICE
from tutela.lib.errors import InvalidInput
from tutela.people.tests.factories import ParentFactory
from tutela.records.models import Record


def test_every_problem_is_listed_and_nothing_is_written(tess):
    stranger = ParentFactory()  # not related to the child
    with pytest.raises(InvalidInput) as refused:
        referral_submit(
            actor=tess.officer,
            service=SERVICE,
            form="request",
            child=tess.child,
            family=[stranger],
            answers={"needs": "  ", "urgency": "someday"},
        )
    assert set(refused.value.errors) == {"family", "needs", "urgency"}
    assert not Referral.objects.exists() and not Record.objects.exists()
    assert not AuditEntry.objects.filter(action="referral_submit").exists()


def test_a_family_the_form_requires_must_be_named(tess):
    with pytest.raises(InvalidInput) as refused:
        referral_submit(
            actor=tess.officer,
            service=SERVICE,
            form="involvement",
            child=tess.child,
            family=[],
            answers={"support": ""},
        )
    assert set(refused.value.errors) == {"family", "support", "consent_given_by", "consent_evidence"}
    assert not Referral.objects.exists()
