"""Withdrawing consent stops future processing that rests on it, and nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag
from tutela.consent.services import consent_give, consent_withdraw
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, decide
from tutela.records.models import Record
from tutela.records.selectors import record_read
from tutela.records.services import record_create, record_touch

MEDIA = ["child.identity.name", "child.media.photographs-video"]


@pytest.fixture
def tess(world, casework):
    """The child on a TESS case, allocated to the TESS officer, with the three media consents given."""
    worker = world.users["other_service_officer"]
    case = Case.objects.create(
        reference="TESS-0001",
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        child=casework.child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=worker,
        opened_at=timezone.now(),
        opened_by=worker,
    )
    given_on = timezone.localdate() - timedelta(days=30)
    consents = {
        purpose: consent_give(
            actor=worker,
            subject=casework.child,
            given_by=casework.mother,
            controller=world.controllers["wigan"],
            service="targeted-education-support",
            purposes=[purpose],
            form_reference=f"FORM-{purpose}",
            given_on=given_on,
        )
        for purpose in ("media-therapeutic", "media-promotion", "media-training", "service-involvement")
    }
    return worker, case, consents


def _photo(world, casework, worker, case, purpose):
    return record_create(
        actor=worker,
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        purpose=purpose,
        categories=MEDIA,
        kind=Record.Kind.DOCUMENT,
        title=f"Photograph for {purpose}",
        body="",
        occurred_on=timezone.localdate(),
        source=Record.Source.OFFICER,
        case=case,
    )


def test_withdrawing_one_media_consent_stops_exactly_that_use(world, casework, tess):
    worker, case, consents = tess
    photos = {p: _photo(world, casework, worker, case, p) for p in ("media-therapeutic", "media-promotion")}
    consent_withdraw(
        actor=worker,
        consent=consents["media-promotion"],
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )

    assert not decide(actor=worker, action=Action.READ, touch=record_touch(photos["media-promotion"]))
    assert decide(actor=worker, action=Action.READ, touch=record_touch(photos["media-therapeutic"]))
    with pytest.raises(GateDenied, match="no live consent"):
        _photo(world, casework, worker, case, "media-promotion")
    _photo(world, casework, worker, case, "media-training")  # still consented


def test_processing_on_another_basis_carries_on(world, casework, tess):
    worker, _case, consents = tess
    consent_withdraw(
        actor=worker,
        consent=consents["service-involvement"],
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    public_task_note = casework.records["file_note"]  # Engagement Centres, public task
    assert record_read(actor=world.users["assigned_caseworker"], record_id=public_task_note.pk).body


def test_earlier_processing_stays_recorded_as_lawful(world, casework, tess):
    worker, case, consents = tess
    photo = _photo(world, casework, worker, case, "media-therapeutic")
    consent_withdraw(
        actor=worker,
        consent=consents["media-therapeutic"],
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    created = AuditEntry.objects.get(action="record_created", object_id=str(photo.pk))
    assert created.decision == "allowed"
    consents["media-therapeutic"].refresh_from_db()
    assert AuditEntry.objects.filter(action="consent_withdraw", subject_id=str(casework.child.pk)).count() == 1


def test_withdrawing_the_service_consent_flags_the_open_case_for_a_decision(
    world, casework, tess, django_capture_on_commit_callbacks
):
    worker, case, consents = tess
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(
            actor=worker,
            consent=consents["service-involvement"],
            withdrawn_by=casework.mother,
            withdrawn_on=timezone.localdate(),
            note="Told the school",
        )
    flag = CaseFlag.objects.get(case=case)
    assert flag.kind == CaseFlag.Kind.CONSENT_WITHDRAWN
    assert "Decide whether the case can continue" in flag.message
    assert flag.resolved_at is None  # nothing is closed automatically
    assert case.closed_at is None


def test_withdrawing_twice_is_refused(world, casework, tess):
    from tutela.lib.errors import InvalidInput

    worker, _case, consents = tess
    consent_withdraw(
        actor=worker,
        consent=consents["media-training"],
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    with pytest.raises(InvalidInput, match="already withdrawn"):
        consent_withdraw(
            actor=worker,
            consent=consents["media-training"],
            withdrawn_by=casework.mother,
            withdrawn_on=timezone.localdate(),
        )
