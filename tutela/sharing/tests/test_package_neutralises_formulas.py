"""A name imported as a spreadsheet formula goes into a sharing package's data.csv as text (OWASP CSV injection)."""

from datetime import date
from io import StringIO

import time_machine
from django.core.management import call_command

from tutela.lib.csvfiles import FORMULA_START
from tutela.lib.identifiers import upn_build
from tutela.people.models import Person
from tutela.sharing.imports.csv_source import COLUMNS
from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send
from tutela.sharing.tests.conftest import open_package

HYPERLINK = '=HYPERLINK("http://evil.example/","x")'
UPN = upn_build(la_code="359", establishment="2100", year=2011, serial=21)


def _import_pupil(tmp_path, school, officer) -> Person:
    """A pupil whose surname is a formula, with a contact who has no forename and the same surname."""
    quoted = '"' + HYPERLINK.replace('"', '""') + '"'
    row = [
        UPN,
        "Kit",
        quoted,
        "2011-02-03",
        "F",
        "2 Test Street",
        "2024-09-04",
        "",
        quoted,
        "mother",
        "yes",
        "",
        "",
        "",
    ]
    path = tmp_path / "pupils.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(row) + "\n")
    call_command("school_import", str(path), "--school", school.urn, "--user", officer.username, stdout=StringIO())
    return Person.objects.get(upn=UPN)


def test_an_imported_formula_surname_is_neutralised_in_the_package(world, data_officer, casework, tmp_path):
    with time_machine.travel(date(2025, 6, 10)):
        pupil = _import_pupil(tmp_path, casework.school, data_officer)
        assert pupil.family_name == HYPERLINK  # stored as given: neutralising is the writer's job
        request = DisclosureRequest(
            controller=world.controllers["wigan"],
            service="pupil-data",
            recipient="careers-service",
            purpose="careers-service",
            subjects=[pupil],
            categories=["child.identity.name", "family.identity.name"],
        )
        package = disclosure_send(
            actor=data_officer, disclosure=disclosure_propose(actor=data_officer, request=request)
        )
    _manifest, rows, _columns = open_package(package.path, package.passphrase)
    assert rows[0]["pupil_name"] == f"Kit {HYPERLINK}"  # a formula only where a cell begins with one
    assert rows[0]["parent_names"] == f"' {HYPERLINK}"
    assert not any(cell.lstrip(" ").startswith(FORMULA_START) for row in rows for cell in row.values())
