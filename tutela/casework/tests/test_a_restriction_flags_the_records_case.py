"""Restricting a record (Art 18) flags its open case for the worker's decision, once."""

from tutela.casework.models import CaseFlag
from tutela.records.services import record_restrict


def test_restricting_a_record_flags_its_case_with_a_task(world, casework):
    record = casework.records["file_note"]
    record_restrict(actor=world.users["team_manager"], record=record, reason="Accuracy contested by the mother")
    flag = CaseFlag.objects.get(case=casework.case, kind=CaseFlag.Kind.RESTRICTION)
    assert flag.about == f"record:{record.pk}" and "Accuracy contested by the mother" in flag.message
    assert flag.task is not None and flag.task.assigned_to == world.users["assigned_caseworker"]


def test_restricting_it_again_raises_no_second_flag(world, casework):
    record = casework.records["file_note"]
    for _ in range(2):
        record_restrict(actor=world.users["team_manager"], record=record, reason="Accuracy contested")
    assert CaseFlag.objects.filter(case=casework.case, kind=CaseFlag.Kind.RESTRICTION).count() == 1
