"""What the referrer wrote is a governed record: encrypted where the form's categories are special;
the facts rules run on are kept as data."""

from datetime import date

from tutela.casework.intake import referral_submit
from tutela.casework.tests.conftest import SERVICE, request_answers


def test_health_content_is_stored_encrypted_and_the_rest_kept_as_data(tess):
    referral = referral_submit(
        actor=tess.school_user,
        service=SERVICE,
        form="request",
        child=tess.child,
        family=[],
        answers=request_answers(seen_on=date(2026, 1, 5)),
    )
    record = referral.record
    assert record.encrypted and record.body == "" and record.body_ciphertext
    assert record.purpose == "wellbeing-health" and "child.special.health" in record.categories
    assert referral.data == {"urgency": "weeks", "seen_on": "2026-01-05"}
    assert "needs" not in referral.data  # content is in the record, not in data
