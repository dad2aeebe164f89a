"""A finance file that cannot be read is refused with its line (or the file) named, and nothing is recorded."""

import csv
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tutela.enforcement.models import PenaltyPayment
from tutela.enforcement.services import penalty_notice_issue

HEADER = b"reference,amount,received_on,method"


@pytest.fixture
def good(ess):
    notice = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )
    return f"{notice.reference},40.00,2026-01-13,card".encode()


def _refused(ess, path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("penalty_payments_import", str(path), "--user", ess.officer.username, stdout=StringIO())
    assert not PenaltyPayment.objects.exists()
    return str(refused.value)


def _csv(tmp_path, *lines: bytes):
    path = tmp_path / "payments.csv"
    path.write_bytes(b"\n".join([HEADER, *lines]) + b"\n")
    return path


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (lambda good: good.replace(b"card", b"c\xe4rd"), "line 3: the file is not UTF-8"),
        (lambda good: good.replace(b"card", b"c\x00rd"), "line 3: the file contains a NUL byte"),
        (
            lambda good: good.replace(b"card", b'"' + b"c" * (csv.field_size_limit() + 1) + b'"'),
            "line 3: a value is longer than",
        ),
        (lambda good: good[:-5], "line 3: expected 4 values, found 3"),
        (lambda good: good.replace(b"card", b'"card'), "line 3: the file ends inside a quoted value"),
    ],
)
def test_an_unreadable_file_names_its_line_and_records_nothing(ess, good, tmp_path, second, message):
    assert message in _refused(ess, _csv(tmp_path, good, second(good)))


def test_a_missing_file_is_named(ess, tmp_path):
    assert "no such file" in _refused(ess, tmp_path / "absent.csv")
