"""Choosing what an objection is to says, before anyone starts, where the right to object does not
reach: a legal obligation's objection can only be refused, and consent is withdrawn instead."""

import pytest

from tutela.consent.pages import objection_purposes

pytestmark = pytest.mark.django_db


def test_a_legal_obligation_is_marked_as_one_an_objection_cannot_stop(world):
    labels = dict(objection_purposes(actor=world.users["safeguarding_lead"]))  # Werneth: all legal obligation
    assert labels["sen-safeguarding:safeguard"].endswith(
        "(legal obligation: an objection is answered, but can only be refused)"
    )


def test_a_public_task_is_not_marked_and_consent_points_to_withdrawal(world):
    labels = dict(objection_purposes(actor=world.users["assigned_caseworker"]))  # Wigan's Engagement Centres
    assert "(" not in labels["engagement-centres:administer-service"]
    assert labels["engagement-centres:parental-consent"].endswith("(rests on consent: record a withdrawal instead)")
