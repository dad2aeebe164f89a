"""Records on a case: what a record on this case may be kept for and hold, and adding one."""

from datetime import date

from tutela.accounts.models import User
from tutela.casework.models import Case
from tutela.governance.gate import (
    SUBJECT_KEYS,
)
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload, record_create
from tutela.register.api import register
from tutela.register.schema import Purpose


def recording_purposes(*, case: Case) -> list[Purpose]:
    """The purposes a record on this case may be kept for: the live purposes of the case's own service
    that cover its child (a record on a case is about the child), in the register's order."""
    try:
        service = register().service(case.controller.slug, case.service)
    except LookupError:
        return []
    subject = SUBJECT_KEYS.get(Person.Kind(case.child.kind), "")
    return [purpose for purpose in service.purposes if not purpose.retired and subject in purpose.data_subjects]


def recording_categories(*, purpose: Purpose) -> list[tuple[str, str]]:
    """What a record kept for this purpose may hold, as (key, the taxonomy's label): nothing else is offered."""
    return [(category.key, category.label) for category in register().categories(list(purpose.categories))]


def record_add_to_case(
    *,
    actor: User,
    case: Case,
    purpose: str,
    categories: list[str],
    kind: str,
    title: str,
    body: str,
    occurred_on: date,
    source: str,
    upload: Upload | None = None,
) -> Record:
    """A record about the case's child, in the case's controller and service."""
    return record_create(
        actor=actor,
        subject=case.child,
        controller=case.controller,
        service=case.service,
        purpose=purpose,
        categories=categories,
        kind=kind,
        title=title,
        body=body,
        occurred_on=occurred_on,
        source=source,
        case=case,
        upload=upload,
    )
