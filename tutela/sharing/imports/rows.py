"""The import's own rows, whatever file they came from, and the checks every row must pass."""

from dataclasses import dataclass, field
from datetime import date

from tutela.lib.identifiers import upn_problem
from tutela.people.models import Person, Relationship

GENDERS = {"F": Person.Gender.FEMALE, "M": Person.Gender.MALE, "U": Person.Gender.UNKNOWN, "": Person.Gender.UNKNOWN}
RELATIONSHIPS = {choice.value for choice in Relationship.Kind}


@dataclass(frozen=True)
class ContactRow:
    where: str
    forename: str
    surname: str
    relationship: str
    parental_responsibility: bool
    address: str = ""
    phone: str = ""
    email: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}".strip()


@dataclass(frozen=True)
class YearAttendance:
    where: str
    academic_year: int
    possible: int
    authorised: int
    unauthorised: int


@dataclass
class PupilRow:
    where: str
    upn: str
    forename: str
    surname: str
    date_of_birth: date | None
    gender: str
    address: str
    enrolled_on: date | None
    contacts: list[ContactRow] = field(default_factory=list)
    attendance: list[YearAttendance] = field(default_factory=list)

    def identity(self) -> tuple[object, ...]:
        return (self.forename, self.surname, self.date_of_birth, self.gender, self.address, self.enrolled_on)


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD, or empty; ValueError with a message otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def pupil_problems(pupil: PupilRow, today: date) -> list[str]:
    problems = []
    if problem := upn_problem(pupil.upn):
        problems.append(f"upn: {problem}")
    if not pupil.forename:
        problems.append("forename: enter the pupil's forename")
    if not pupil.surname:
        problems.append("surname: enter the pupil's surname")
    if pupil.date_of_birth is None:
        problems.append("date_of_birth: enter the date of birth")
    elif pupil.date_of_birth > today:
        problems.append("date_of_birth: the date of birth is in the future")
    if pupil.enrolled_on and pupil.enrolled_on > today:
        problems.append("enrolled_on: the enrolment date is in the future")
    if pupil.gender not in GENDERS.values():
        problems.append(f"gender: '{pupil.gender}' is not F, M or U")
    return [f"{pupil.where}: {problem}" for problem in problems]


def attendance_problems(year: YearAttendance) -> list[str]:
    if year.authorised + year.unauthorised > year.possible:
        return [
            f"{year.where}: absences ({year.authorised} + {year.unauthorised}) "
            f"exceed the {year.possible} possible sessions"
        ]
    if not 1990 <= year.academic_year <= 2100:
        return [f"{year.where}/Year: {year.academic_year} is not an academic year"]
    return []


def contact_problems(contact: ContactRow) -> list[str]:
    problems = []
    if not contact.surname:
        problems.append("contact_surname: enter the contact's surname")
    if contact.relationship not in RELATIONSHIPS:
        problems.append(
            f"contact_relationship: '{contact.relationship}' is not one of {', '.join(sorted(RELATIONSHIPS))}"
        )
    return [f"{contact.where}: {problem}" for problem in problems]
