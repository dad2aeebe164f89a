"""References come from a counter: never reused after a case is disposed of, never issued twice."""

from tutela.casework.models import Case, ReferenceCounter
from tutela.casework.services import case_reference, next_reference


def test_references_run_on_and_are_not_reused_after_deletion(world):
    dudley = world.controllers["dudley"]
    first = case_reference(controller=dudley, service="education-support")
    second = case_reference(controller=dudley, service="education-support")
    assert first.startswith("DUD-ES-") and int(second[-4:]) == int(first[-4:]) + 1
    Case.objects.filter(reference=second).delete()  # nothing held it; the number is still spent
    assert int(case_reference(controller=dudley, service="education-support")[-4:]) == int(second[-4:]) + 1


def test_numbers_already_used_before_the_counter_are_skipped(db):
    used = {"X-0001", "X-0002"}
    assert next_reference(prefix="X-", width=4, taken=used.__contains__) == "X-0003"
    assert ReferenceCounter.objects.get(prefix="X-").last == 3
