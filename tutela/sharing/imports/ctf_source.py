"""Reading (and, for tests and transfers, writing) the DfE Common Transfer File: pupils and contacts.

Parsed with defusedxml: a file from outside must not be able to expand entities or reach the network.
Problems are reported with the XML path of the element at fault, e.g. ``/CTfile/CTFpupilData/Pupil[3]/DOB``.
Yearly attendance summaries are read too (Attendance/YearData) and stored per pupil, school and year.
"""

from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from tutela.sharing.imports.rows import GENDERS, ContactRow, PupilRow, YearAttendance, parse_date

# DfE contact relationship codes -> our relationship kinds (PAR is mother or father by the contact's gender).
RELATIONSHIP_CODES = {
    "CAR": "carer",
    "FOC": "foster_carer",
    "STP": "step_parent",
    "REL": "grandparent",
    "SWR": "social_worker",
    "OTH": "other_professional",
}
_CODES_FOR = {"mother": "PAR", "father": "PAR", **{kind: code for code, kind in RELATIONSHIP_CODES.items()}}
_BASE = "/CTfile/CTFpupilData/Pupil"


def _text(element: Element | None, name: str) -> str:
    found = element.find(name) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def read_ctf(path: Path) -> tuple[list[PupilRow], list[str]]:
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, DefusedXmlException) as bad:
        return [], [f"/: not a readable CTF file: {bad}"]
    except OSError as bad:
        return [], [f"{path}: cannot be read ({bad.strerror or bad})"]
    if root is None or root.tag != "CTfile":
        return [], [f"/{root.tag if root is not None else ''}: the root element must be CTfile"]
    pupils, problems, seen = [], [], set()
    for index, element in enumerate(root.findall("CTFpupilData/Pupil"), start=1):
        where = f"{_BASE}[{index}]"
        pupil, pupil_problems = _pupil(element, where)
        problems += pupil_problems
        if pupil is None:
            continue
        if pupil.upn in seen:
            problems.append(f"{where}/UPN: the same pupil appears twice in the file")
            continue
        seen.add(pupil.upn)
        pupils.append(pupil)
    return pupils, problems


def _pupil(element: Element, where: str) -> tuple[PupilRow | None, list[str]]:
    problems = []
    dates = {}
    for name in ("DOB",):
        try:
            dates[name] = parse_date(_text(element, name))
        except ValueError as bad:
            problems.append(f"{where}/{name}: {bad}")
    sex = _text(element, "Sex").upper()[:1]
    if sex not in GENDERS:
        problems.append(f"{where}/Sex: '{_text(element, 'Sex')}' is not F, M or U")
    entry = None
    entries = element.findall("SchoolHistory/School")
    if entries:
        try:
            entry = parse_date(_text(entries[-1], "EntryDate"))
        except ValueError as bad:
            problems.append(f"{where}/SchoolHistory/School[{len(entries)}]/EntryDate: {bad}")
    contacts = []
    for number, contact in enumerate(element.findall("Contacts/Contact"), start=1):
        row, contact_problems = _contact(contact, f"{where}/Contacts/Contact[{number}]")
        problems += contact_problems
        if row is not None:
            contacts.append(row)
    attendance, attendance_problems = _attendance(element, where)
    problems += attendance_problems
    if problems:
        return None, problems
    lines = [
        _text(element.find("Address/AddressLines"), tag)
        for tag in ("AddressLine1", "AddressLine2", "AddressLine3", "PostCode")
    ]
    return PupilRow(
        where=f"{where}/UPN",
        upn=_text(element, "UPN").upper(),
        forename=_text(element, "Forename"),
        surname=_text(element, "Surname"),
        date_of_birth=dates.get("DOB"),
        gender=GENDERS[sex],
        address=", ".join(line for line in lines if line),
        enrolled_on=entry,
        contacts=contacts,
        attendance=attendance,
    ), []


def _contact(element: Element, where: str) -> tuple[ContactRow | None, list[str]]:
    code = _text(element, "Relationship").upper()
    gender = _text(element, "Gender").upper()[:1]
    if code == "PAR":
        kind = {"F": "mother", "M": "father"}.get(gender, "carer")
    elif code in RELATIONSHIP_CODES:
        kind = RELATIONSHIP_CODES[code]
    else:
        return None, [f"{where}/Relationship: '{code}' is not a contact relationship code Tutela knows"]
    responsibility = _text(element, "Responsibility").lower()
    if responsibility not in {"true", "false", "1", "0", ""}:
        return None, [f"{where}/Responsibility: '{responsibility}' is not true or false"]
    return ContactRow(
        where=where,
        forename=_text(element, "Forename"),
        surname=_text(element, "Surname"),
        relationship=kind,
        parental_responsibility=responsibility in {"true", "1"},
        phone=_text(element, "Phones/Phone/TelephoneNumber"),
        email=_text(element, "Email"),
    ), []


def _attendance(element: Element, where: str) -> tuple[list[YearAttendance], list[str]]:
    years, problems = [], []
    for number, year in enumerate(element.findall("Attendance/YearData"), start=1):
        at = f"{where}/Attendance/YearData[{number}]"
        values = {}
        for name in ("Year", "SessionsPossible", "SessionsAuthorised", "SessionsUnauthorised"):
            value = _text(year, name)
            if not value.isdigit():
                problems.append(f"{at}/{name}: '{value}' is not a whole number")
            values[name] = int(value) if value.isdigit() else 0
        years.append(
            YearAttendance(
                at,
                values["Year"],
                values["SessionsPossible"],
                values["SessionsAuthorised"],
                values["SessionsUnauthorised"],
            )
        )
    return years, problems


def write_ctf(pupils: list[PupilRow], *, urn: str) -> bytes:
    """A CTF file for these pupils (identity, address, contacts, entry date)."""
    root = Element("CTfile")
    header = SubElement(root, "Header")
    SubElement(header, "DocumentName").text = "Common Transfer File"
    SubElement(header, "CTFversion").text = "22.0"
    SubElement(SubElement(header, "SourceSchool"), "URN").text = urn
    data = SubElement(root, "CTFpupilData")
    for pupil in pupils:
        element = SubElement(data, "Pupil")
        SubElement(element, "UPN").text = pupil.upn
        SubElement(element, "Surname").text = pupil.surname
        SubElement(element, "Forename").text = pupil.forename
        SubElement(element, "DOB").text = pupil.date_of_birth.isoformat() if pupil.date_of_birth else ""
        SubElement(element, "Sex").text = pupil.gender
        SubElement(SubElement(SubElement(element, "Address"), "AddressLines"), "AddressLine1").text = pupil.address
        contacts = SubElement(element, "Contacts")
        for contact in pupil.contacts:
            node = SubElement(contacts, "Contact")
            SubElement(node, "Surname").text = contact.surname
            SubElement(node, "Forename").text = contact.forename
            SubElement(node, "Gender").text = {"mother": "F", "father": "M"}.get(contact.relationship, "U")
            SubElement(node, "Relationship").text = _CODES_FOR.get(contact.relationship, "OTH")
            SubElement(node, "Responsibility").text = "true" if contact.parental_responsibility else "false"
            SubElement(SubElement(SubElement(node, "Phones"), "Phone"), "TelephoneNumber").text = contact.phone
            SubElement(node, "Email").text = contact.email
        if pupil.enrolled_on:
            SubElement(
                SubElement(SubElement(element, "SchoolHistory"), "School"), "EntryDate"
            ).text = pupil.enrolled_on.isoformat()
        if pupil.attendance:
            attendance = SubElement(element, "Attendance")
            for year in pupil.attendance:
                node = SubElement(attendance, "YearData")
                SubElement(node, "Year").text = str(year.academic_year)
                SubElement(node, "SessionsPossible").text = str(year.possible)
                SubElement(node, "SessionsAuthorised").text = str(year.authorised)
                SubElement(node, "SessionsUnauthorised").text = str(year.unauthorised)
    return bytes(tostring(root, encoding="utf-8", xml_declaration=True))
