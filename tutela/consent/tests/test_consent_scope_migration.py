"""Consents recorded before scopes existed cover the one purpose they were given for, and no recipient."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tutela.governance.tests.factories import ControllerFactory, UserFactory
from tutela.people.tests.factories import PersonFactory, RelationshipFactory

BEFORE = [("consent", "0002_initial")]
AFTER = [("consent", "0005_remove_consent_purpose")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_consent_covers_its_purpose_and_authorises_no_sharing():
    child = PersonFactory()
    mother = RelationshipFactory(child=child).person
    controller = ControllerFactory(slug="wigan")
    user = UserFactory(controller=controller)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_consent = executor.loader.project_state(BEFORE).apps.get_model("consent", "Consent")
    old_consent.objects.create(
        subject_id=child.pk,
        given_by_id=mother.pk,
        controller_id=controller.pk,
        service="targeted-education-support",
        purpose="media-training",
        form_reference="OLD-1",
        given_on=timezone.localdate(),
        recorded_by_id=user.pk,
        recorded_at=timezone.now(),
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_consent = executor.loader.project_state(AFTER).apps.get_model("consent", "Consent")
    migrated = new_consent.objects.get(form_reference="OLD-1")
    assert migrated.purposes == ["media-training"]
    assert migrated.recipients == []
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app back to its latest, not only consent
