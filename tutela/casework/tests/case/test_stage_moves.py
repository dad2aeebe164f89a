"""A case moves only to a stage its kit says comes next from where it is."""

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.services import case_close
from tutela.casework.steps import case_move
from tutela.lib.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_a_case_moves_to_a_next_stage(tess):
    case_move(actor=tess.worker, case=tess.case, stage="assessment")
    tess.case.refresh_from_db()
    assert tess.case.stage == "assessment"
    assert AuditEntry.objects.filter(action="case_stage", object_id=str(tess.case.pk)).exists()


def test_a_case_cannot_skip_a_stage(tess):
    with pytest.raises(InvalidInput) as refused:
        case_move(actor=tess.worker, case=tess.case, stage="support")
    assert refused.value.errors["stage"] == "From Request for involvement the case can move only to: Assessment"
    tess.case.refresh_from_db()
    assert tess.case.stage == "request"


def test_the_last_stage_leads_nowhere(tess):
    case_move(actor=tess.worker, case=tess.case, stage="assessment")
    case_move(actor=tess.worker, case=tess.case, stage="closing")
    with pytest.raises(InvalidInput, match="only to: none"):
        case_move(actor=tess.worker, case=tess.case, stage="request")


def test_a_closed_case_does_not_move(tess):
    case_close(actor=tess.worker, case=tess.case, reason="Moved away")
    with pytest.raises(InvalidInput, match="closed"):
        case_move(actor=tess.worker, case=tess.case, stage="assessment")
