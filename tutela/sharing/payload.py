"""What each category means as a column of a disclosure: the one mapping from people's fields to the taxonomy.

Categories with no column here travel only inside records (package_records.py); the disclosure
log records only the categories whose columns were written or whose records went.
"""

from collections.abc import Callable

from tutela.people.models import Person, Relationship
from tutela.sharing import categories as keys

Extractor = Callable[[Person, list[Person]], str]


def _join(values: list[str]) -> str:
    return "; ".join(value for value in values if value)


# category key -> (column name, how to read it from the child and the parents with responsibility)
COLUMNS: dict[str, tuple[str, Extractor]] = {
    keys.CHILD_NAME: ("pupil_name", lambda child, parents: child.full_name),
    keys.CHILD_DATE_OF_BIRTH: (
        "pupil_date_of_birth",
        lambda child, parents: child.date_of_birth.isoformat() if child.date_of_birth else "",
    ),
    keys.CHILD_GENDER: ("pupil_gender", lambda child, parents: child.get_gender_display()),
    keys.CHILD_UPN: ("pupil_upn", lambda child, parents: child.upn or ""),
    keys.CHILD_IDENTIFIERS: ("pupil_nhs_number", lambda child, parents: child.nhs_number or ""),
    keys.CHILD_SCHOOLS: ("pupil_school", lambda child, parents: str(child.school) if child.school else ""),
    keys.CHILD_ADDRESS: ("pupil_address", lambda child, parents: child.address),
    keys.CHILD_PHONE: ("pupil_phone", lambda child, parents: child.phone),
    keys.CHILD_EMAIL: ("pupil_email", lambda child, parents: child.email),
    keys.PARENT_NAME: ("parent_names", lambda child, parents: _join([p.full_name for p in parents])),
    keys.PARENT_DATE_OF_BIRTH: (
        "parent_dates_of_birth",
        lambda child, parents: _join([p.date_of_birth.isoformat() if p.date_of_birth else "" for p in parents]),
    ),
    keys.PARENT_ADDRESS: ("parent_addresses", lambda child, parents: _join([p.address for p in parents])),
    keys.PARENT_PHONE: ("parent_phones", lambda child, parents: _join([p.phone for p in parents])),
    keys.PARENT_EMAIL: ("parent_emails", lambda child, parents: _join([p.email for p in parents])),
}


def parents_with_responsibility(child: Person) -> list[Person]:
    links = Relationship.objects.filter(child=child, parental_responsibility=True).select_related("person")
    return [link.person for link in links]


def payload_row(child: Person, categories: list[str]) -> dict[str, str]:
    """The columns for these categories; categories without a person field add no column here."""
    parents = parents_with_responsibility(child)
    return {COLUMNS[key][0]: COLUMNS[key][1](child, parents) for key in categories if key in COLUMNS}


def row_categories(row: dict[str, str]) -> list[str]:
    """The categories whose columns a row holds: what was actually sent about that person."""
    return [key for key, (column, _extract) in COLUMNS.items() if column in row]
