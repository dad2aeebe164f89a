"""What a recipient may receive about a person, after opt-outs."""

from datetime import date

from tutela.consent.models import OptOut
from tutela.people.models import Person
from tutela.people.selectors import person_age_on
from tutela.register.api import register


def recipient_categories(*, subject: Person, controller: str, service: str, recipient: str, on: date) -> list[str]:
    """The categories the recipient may receive about this person on the day; empty if none."""
    found = register().recipient(controller, service, recipient)
    if found.subject_minimum_age is not None:
        age = person_age_on(person=subject, day=on)
        if age is None or age < found.subject_minimum_age:
            return []
    allowed = list(found.agreement.categories_allowed) if found.agreement else []
    opted_out = OptOut.objects.filter(
        subject=subject,
        controller__slug=controller,
        service=service,
        recipient=recipient,
        requested_on__lte=on,
        withdrawn_on__isnull=True,
    ).exists()
    if opted_out and found.opt_out is not None:
        return list(found.opt_out.categories_after_opt_out)
    return allowed
