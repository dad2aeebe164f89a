"""A school file that cannot be read, or lists a contact twice, is refused with its line named; nothing is written."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.audit.models import AuditEntry
from tutela.lib.identifiers import upn_build
from tutela.people.models import Person
from tutela.sharing.imports.csv_source import COLUMNS

UPN = upn_build(la_code="359", establishment="2100", year=2017, serial=11)
GOOD = f'{UPN},Kit,Example,2013-02-01,F,"2 Test Street, Wigan",2024-09-04,Jo,Example,mother,yes,,07700 900123,'.encode()


@pytest.fixture
def importer(world, casework):
    return ["--school", casework.school.urn, "--user", world.users["team_colleague"].username]


def _refused(path, importer) -> str:
    before = (Person.objects.count(), AuditEntry.objects.count())
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("school_import", str(path), *importer, stdout=StringIO(), stderr=err)
    assert (Person.objects.count(), AuditEntry.objects.count()) == before
    return err.getvalue() + str(refused.value)


def _file(tmp_path, *lines: bytes, name="pupils.csv"):
    path = tmp_path / name
    path.write_bytes(b"\n".join([",".join(COLUMNS).encode(), *lines]) + b"\n")
    return path


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ((GOOD, GOOD.replace(b"Kit", b"K\xe9t")), "line 3: the file is not UTF-8"),
        ((GOOD, GOOD.replace(b"Kit", b"K\x00t")), "line 3: the file contains a NUL byte"),
        ((GOOD, GOOD.replace(b"Kit", b'"' + b"K" * (csv.field_size_limit() + 1) + b'"')), "line 3: a value is longer"),
        ((GOOD, b",".join(GOOD.split(b",")[:3])), "line 3: expected 14 values, found 3"),
        ((GOOD, GOOD + b'"no closing quote'), "line 3: the file ends inside a quoted value"),
    ],
)
def test_an_unreadable_csv_names_its_line_and_imports_nothing(tmp_path, importer, lines, message):
    assert message in _refused(_file(tmp_path, *lines), importer)


def test_a_missing_file_is_named(tmp_path, importer):
    assert "no such file" in _refused(tmp_path / "absent.csv", importer)


def test_a_directory_is_named(tmp_path, importer):
    folder = tmp_path / "folder.xml"
    folder.mkdir()
    assert "cannot be read" in _refused(folder, importer)


def test_bad_bytes_in_a_ctf_file_are_refused(tmp_path, importer):
    path = tmp_path / "school.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="utf-8"?><CTfile><Header>Caf\xe9</Header></CTfile>')
    assert "not a readable CTF file" in _refused(path, importer)


def test_a_contact_listed_twice_for_a_pupil_names_both_lines(tmp_path, importer):
    again = GOOD + b"jo@example.org"
    assert "line 3: contact: this contact of the pupil is already at line 2" in _refused(
        _file(tmp_path, GOOD, again), importer
    )
