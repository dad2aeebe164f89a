"""Why the gate refused, in words a caseworker understands, each with a code for the audit log and the API.

Every reason the gate (``tutela.governance.gate``) can give is one ``Refusal`` code and one sentence
written here. Sentences name purposes, categories, data subjects and role groups by their register
labels, never by their keys: a refusal is read by the person who must change what they chose
("Health information can't be recorded for 'Pastoral care': choose 'Safeguarding' if ..."), and a
raw key such as ``child.special.health`` means nothing to them. The code stays with the decision
(``Decision.codes``) so the audit log and the API can be filtered by reason whatever the wording.
"""

from collections.abc import Sequence
from enum import StrEnum

from tutela.register.api import RegisterSet
from tutela.register.schema import Purpose, Service


class Refusal(StrEnum):
    PURPOSE_UNKNOWN = "purpose-unknown"
    PURPOSE_RETIRED = "purpose-retired"
    SUBJECT_NOT_COVERED = "subject-not-covered"
    CATEGORIES_OUTSIDE_PURPOSE = "categories-outside-purpose"
    NO_CONSENT = "no-consent"
    NO_SPECIAL_CONDITION = "no-special-condition"
    NO_CRIMINAL_CONDITION = "no-criminal-condition"
    NO_EXPLICIT_CONSENT = "no-explicit-consent"
    RESTRICTED = "restricted"
    OBJECTION_UPHELD = "objection-upheld"
    ACCESS_LIMITED = "access-limited"
    NO_NEED_TO_KNOW = "no-need-to-know"


# What the refused act is, completing "... can't be ...".
VERBS = {
    "create": "recorded",
    "update": "changed",
    "read": "seen",
    "export": "exported",
    "share": "shared",
    "dispose": "disposed of",
    "record_consent": "recorded",
}

NO_NEED_TO_KNOW = (
    "You don't need to know about this person: you are not allocated to their case, not in the team that "
    "owns it, and your role does not cover the whole service"
)

RESTRICTED = (
    "Processing is restricted (UK GDPR Art 18): this information is kept, but it can't be used until the "
    "restriction ends"
)


def in_words(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _category_labels(registers: RegisterSet, keys: Sequence[str]) -> str:
    labels = []
    for key in keys:
        try:
            labels.append(registers.category(key).label)
        except LookupError:
            labels.append("information the register does not list")
    return in_words(sorted(set(labels)))


def _subject_label(registers: RegisterSet, subject_key: str) -> str:
    for subject in registers.taxonomy.data_subjects:
        if subject.key == subject_key:
            return subject.label.lower()
    return "this person"


def purpose_unknown(registers: RegisterSet, controller: str, service: str) -> str:
    try:
        name = registers.service(controller, service).name
    except LookupError:
        return "This service is not in the register, so nothing can be recorded or seen under it"
    return f"The register of the {name} does not list this purpose, so nothing can be recorded or seen under it"


def purpose_retired(purpose: Purpose) -> str:
    return f"'{purpose.label}' is no longer a purpose of the service: choose one in use today"


def subject_not_covered(registers: RegisterSet, purpose: Purpose, subject_key: str) -> str:
    return f"'{purpose.label}' does not cover information about {_subject_label(registers, subject_key)}"


def categories_outside(
    *,
    registers: RegisterSet,
    service: Service,
    purpose: Purpose,
    outside: Sequence[str],
    touched: Sequence[str],
    action: str,
) -> str:
    """Which information the purpose may not touch and, where the caseworker chose it, the purposes that may."""
    sentence = f"{_category_labels(registers, outside)} can't be {VERBS.get(action, 'used')} for '{purpose.label}'"
    if action not in ("create", "update"):
        return sentence
    fitting = [
        other.label
        for other in service.purposes
        if not other.retired and other.key != purpose.key and set(touched) <= set(other.categories)
    ]
    if not fitting:
        return f"{sentence}, nor for any other purpose of the {service.name}"
    choices = " or ".join(f"'{label}'" for label in fitting[:3])
    return f"{sentence}: choose {choices} if that is why you are recording it"


def no_consent(purpose: Purpose) -> str:
    return (
        f"'{purpose.label}' needs the person's consent, and there is no live consent (none was given, or it "
        "was withdrawn): record their consent first"
    )


def no_condition(registers: RegisterSet, purpose: Purpose, keys: Sequence[str], *, criminal: bool) -> str:
    kind = "criminal offence information" if criminal else "sensitive (special category) information"
    return (
        f"{_category_labels(registers, keys)} is {kind}, and the register gives '{purpose.label}' "
        "no lawful condition to use it"
    )


def no_explicit_consent(registers: RegisterSet, purpose: Purpose, keys: Sequence[str]) -> str:
    return (
        f"{_category_labels(registers, keys)} can be used for '{purpose.label}' only with the person's "
        "explicit consent, and there is no live consent (none was given, or it was withdrawn)"
    )


def objection_upheld(purpose: Purpose) -> str:
    return (
        f"The person objected to '{purpose.label}' and the objection was upheld (UK GDPR Art 21): "
        "their information can't be used for it"
    )


def access_limited(group_names: Sequence[str]) -> str:
    return f"Only {in_words(list(group_names))} handle this service's information"
