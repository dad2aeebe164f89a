"""School imports: all or nothing, with each problem named; the same file twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.attendance.models import AttendanceSummary
from tutela.audit.models import AuditEntry
from tutela.lib.identifiers import upn_build
from tutela.people.models import Enrolment, Person, Relationship
from tutela.sharing.imports.csv_source import COLUMNS
from tutela.sharing.imports.ctf_source import read_ctf, write_ctf
from tutela.sharing.imports.rows import ContactRow, PupilRow, YearAttendance

UPN_1 = upn_build(la_code="359", establishment="2100", year=2017, serial=11)
UPN_2 = upn_build(la_code="359", establishment="2100", year=2017, serial=12)


def _csv(tmp_path, rows, name="pupils.csv"):
    path = tmp_path / name
    lines = [",".join(COLUMNS)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def _row(
    upn=UPN_1,
    forename="Kit",
    surname="Example",
    dob="2013-02-01",
    gender="F",
    contact=("Jo", "Example", "mother", "yes"),
):
    phone = "07700 900123" if any(contact) else ""
    return [upn, forename, surname, dob, gender, '"2 Test Street, Wigan"', "2024-09-04", *contact, "", phone, ""]


@pytest.fixture
def importer(world, casework):
    return {"school": casework.school.urn, "user": world.users["team_colleague"].username}


def _import(path, importer):
    out, err = StringIO(), StringIO()
    call_command(
        "school_import", str(path), "--school", importer["school"], "--user", importer["user"], stdout=out, stderr=err
    )
    return out.getvalue()


def _import_refused(path, importer) -> str:
    """Run an import that must fail; return what it printed as problems."""
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "school_import",
            str(path),
            "--school",
            importer["school"],
            "--user",
            importer["user"],
            stdout=StringIO(),
            stderr=err,
        )
    return err.getvalue()


def _state():
    return (
        sorted(
            Person.objects.filter(la_reference__startswith="SCH").values_list(
                "la_reference", "given_name", "family_name", "date_of_birth", "gender", "address", "upn", "phone"
            )
        ),
        sorted(
            Relationship.objects.filter(child__la_reference__startswith="SCH").values_list(
                "person__la_reference", "child__upn", "kind", "parental_responsibility"
            )
        ),
        sorted(Enrolment.objects.values_list("person__upn", "school__urn", "enrolled_on")),
    )


def test_a_good_file_imports_pupils_contacts_and_enrolments(tmp_path, importer):
    path = _csv(
        tmp_path,
        [
            _row(),
            _row(contact=("Sam", "Example", "father", "yes")),
            _row(upn=UPN_2, forename="Lee", contact=("", "", "", "")),
        ],
    )
    output = _import(path, importer)
    assert "Pupils: 2 added" in output
    kit = Person.objects.get(upn=UPN_1)
    assert {r.kind for r in Relationship.objects.filter(child=kit)} == {"mother", "father"}
    assert Enrolment.objects.filter(person=kit).exists()


def test_the_same_file_twice_changes_nothing(tmp_path, importer):
    path = _csv(tmp_path, [_row(), _row(upn=UPN_2, forename="Lee")])
    _import(path, importer)
    first = _state()
    output = _import(path, importer)
    assert _state() == first
    assert "0 added, 0 updated, 2 unchanged" in output


def test_a_changed_pupil_is_updated_and_the_change_audited_with_its_source(tmp_path, importer):
    _import(_csv(tmp_path, [_row()]), importer)
    _import(_csv(tmp_path, [_row(surname="Changed")], name="autumn.csv"), importer)
    person = Person.objects.get(upn=UPN_1)
    assert person.family_name == "Changed"
    entry = AuditEntry.objects.filter(action="person_update", subject_id=str(person.pk)).get()
    assert "autumn.csv" in entry.reason and entry.detail["fields"] == ["family_name"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"upn": "A359210017011"}, "line 3: upn: The UPN's check letter does not match its digits"),
        ({"dob": "2013-13-01"}, "line 3: date_of_birth: '2013-13-01' is not a date in the form YYYY-MM-DD"),
        ({"dob": "2099-01-01"}, "line 3: date_of_birth: the date of birth is in the future"),
        ({"gender": "X"}, "line 3: gender: 'X' is not F, M or U"),
        ({"contact": ("Jo", "Example", "aunt", "yes")}, "line 3: contact_relationship: 'aunt' is not one of"),
        (
            {"contact": ("Jo", "Example", "mother", "maybe")},
            "line 3: contact_parental_responsibility: 'maybe' is not yes or no",
        ),
    ],
)
def test_one_bad_line_imports_nothing_and_names_the_line(tmp_path, importer, bad, message):
    path = _csv(tmp_path, [_row(upn=UPN_2, forename="Lee"), _row(**bad)])
    before = (Person.objects.count(), AuditEntry.objects.count())
    assert message in _import_refused(path, importer)
    assert (Person.objects.count(), AuditEntry.objects.count()) == before


def test_conflicting_rows_for_one_pupil_are_refused(tmp_path, importer):
    path = _csv(tmp_path, [_row(), _row(forename="Other")])
    assert "line 3: upn: the pupil's details differ from line 2" in _import_refused(path, importer)


def test_missing_columns_are_named(tmp_path, importer):
    path = tmp_path / "short.csv"
    path.write_text("upn,forename\n")
    assert "line 1: header: missing columns: surname" in _import_refused(path, importer)


def test_a_ctf_sample_made_here_round_trips(tmp_path, importer):
    from datetime import date

    pupils = [
        PupilRow(
            where="",
            upn=UPN_1,
            forename="Kit",
            surname="Example",
            date_of_birth=date(2013, 2, 1),
            gender="F",
            address="2 Test Street, Wigan",
            enrolled_on=date(2024, 9, 4),
            contacts=[
                ContactRow(
                    where="",
                    forename="Jo",
                    surname="Example",
                    relationship="mother",
                    parental_responsibility=True,
                    phone="07700 900123",
                )
            ],
            attendance=[YearAttendance(where="", academic_year=2024, possible=380, authorised=12, unauthorised=9)],
        ),
        PupilRow(
            where="",
            upn=UPN_2,
            forename="Lee",
            surname="Sample",
            date_of_birth=date(2012, 7, 30),
            gender="M",
            address="4 Test Street, Wigan",
            enrolled_on=None,
            contacts=[],
        ),
    ]
    path = tmp_path / "transfer.xml"
    path.write_bytes(write_ctf(pupils, urn=importer["school"]))
    read, problems = read_ctf(path)
    assert problems == []
    assert [
        (p.upn, p.identity(), [(c.full_name, c.relationship, c.parental_responsibility, c.phone) for c in p.contacts])
        for p in read
    ] == [
        (p.upn, p.identity(), [(c.full_name, c.relationship, c.parental_responsibility, c.phone) for c in p.contacts])
        for p in pupils
    ]
    assert [(y.academic_year, y.possible, y.authorised, y.unauthorised) for y in read[0].attendance] == [
        (2024, 380, 12, 9)
    ]
    assert "Pupils: 2 added" in _import(path, importer)
    summary = AttendanceSummary.objects.get(person__upn=UPN_1)
    assert (summary.sessions_possible, summary.sessions_unauthorised_absence) == (380, 9)
    assert "0 added, 0 updated, 2 unchanged" in _import(path, importer)
    assert AttendanceSummary.objects.count() == 1
    assert Person.objects.get(upn=UPN_1).phone == ""  # the pupil's own phone is not in the CTF
    assert Relationship.objects.get(child__upn=UPN_1).person.phone == "07700 900123"


def test_ctf_problems_name_the_xml_path(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text(
        "<CTfile><CTFpupilData><Pupil><UPN>X</UPN><DOB>yesterday</DOB><Sex>F</Sex></Pupil></CTFpupilData></CTfile>"
    )
    _pupils, problems = read_ctf(path)
    assert problems == ["/CTfile/CTFpupilData/Pupil[1]/DOB: 'yesterday' is not a date in the form YYYY-MM-DD"]


def test_hostile_xml_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><CTfile>&b;</CTfile>')
    _pupils, problems = read_ctf(path)
    assert problems and "not a readable CTF file" in problems[0]


def test_absences_beyond_possible_sessions_are_refused(tmp_path):
    path = tmp_path / "bad-attendance.xml"
    path.write_text(
        "<CTfile><CTFpupilData><Pupil><UPN>X</UPN><DOB>2013-01-01</DOB><Sex>F</Sex><Attendance><YearData>"
        "<Year>2024</Year><SessionsPossible>10</SessionsPossible><SessionsAuthorised>8</SessionsAuthorised>"
        "<SessionsUnauthorised>5</SessionsUnauthorised></YearData></Attendance></Pupil></CTFpupilData></CTfile>"
    )
    pupils, _problems = read_ctf(path)
    from django.utils import timezone

    from tutela.sharing.imports.apply import validate

    found = validate(pupils, timezone.localdate())
    assert any("exceed the 10 possible sessions" in problem for problem in found)
