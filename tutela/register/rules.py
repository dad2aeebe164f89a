"""The rules a register must keep beyond its shape: the law as the register encodes it.

Each rule returns problems located on the line at fault. Errors stop the site from starting;
warnings (an agreement past its review date) are shown but do not.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from tutela.register.loader import Located, Path_, Problem
from tutela.register.schema import Condition, LawfulBasis, Purpose, Recipient, Register, Service, Taxonomy

# DPA 2018 Sch 1: conditions that need an appropriate policy document (Sch 1 Part 4 para 38/39):
# Part 1 para 1 (employment, social security and social protection), every Part 2 substantial
# public interest condition (para 5), and Part 3 para 36 (Part 2 conditions extended to
# criminal offence data).
_SCHEDULE_1 = re.compile(r"Part\s*(\d)\s*para(?:graph)?\s*(\d+)", re.IGNORECASE)


def needs_policy_document(condition: Condition | None) -> bool:
    if condition is None:
        return False
    match = _SCHEDULE_1.search(condition.schedule_1)
    if not match:
        return False
    part, paragraph = int(match.group(1)), int(match.group(2))
    return (part, paragraph) == (1, 1) or part == 2 or (part, paragraph) == (3, 36)


# Words of the register's authors about the published original, which a generated notice must not
# print: "(Connexions in the notice)", "as the notice names it", "presumably ...", a repository path.
_EDITORIAL = re.compile(
    r"\b(?:in|named in|as) the notice\b|\bthe notice (?:says|gave|names)\b|\bpresumably\b|shared/design"
    r"|\bTutela's default\b",
    re.IGNORECASE,
)


def _printed_text(service: Service) -> Iterator[tuple[Path_, str]]:
    """Every field of a service that a notice or the policy document prints, with its path."""
    for field in ("summary", "plain_summary", "security", "automated_decisions", "automated_decisions_plain"):
        yield (field,), getattr(service, field)
    for field, value in service.document_control.model_dump(exclude={"versions"}).items():
        yield ("document_control", field), str(value)
    for field, items in (("rights_notes", service.rights_notes), ("records_held", service.records_held)):
        for index, text in enumerate(items):
            yield (field, index), text
    for index, source in enumerate(service.sources):
        for field in ("name", "description"):
            yield ("sources", index, field), getattr(source, field)
    for index, purpose in enumerate(service.purposes):
        for field in ("description", "plain", "basis_detail"):
            yield ("purposes", index, field), getattr(purpose, field)
        for position, reference in enumerate(purpose.statutory_references):
            yield ("purposes", index, "statutory_references", position), reference
    for index, recipient in enumerate(service.recipients):
        for field in ("name", "description", "statute", "without_consent_when"):
            yield ("recipients", index, field), getattr(recipient, field)
    for index, retention in enumerate(service.retention):
        for field in ("records", "plain"):
            yield ("retention", index, field), getattr(retention, field)


def _editorial_problems(service: Service, at: Path_, located: Located) -> list[Problem]:
    return [
        located.problem(
            (*at, *path),
            f"'{found.group(0)}' reads as a note about the original notice, and notices print this text: "
            "put the note in a YAML comment",
            "warning",
        )
        for path, text in _printed_text(service)
        if (found := _EDITORIAL.search(text))
    ]


def _duplicates(keys: Iterable[str]) -> set[str]:
    return {key for key, count in Counter(keys).items() if count > 1}


def taxonomy_problems(taxonomy: Taxonomy, located: Located) -> list[Problem]:
    doubled = _duplicates(category.key for category in taxonomy.categories)
    return [
        located.problem(("categories", index, "key"), f"category '{category.key}' is defined twice")
        for index, category in enumerate(taxonomy.categories)
        if category.key in doubled
    ]


def register_problems(register: Register, taxonomy: Taxonomy, located: Located, *, today: date) -> list[Problem]:
    problems = list(_duplicate_keys(register, located))
    for index, service in enumerate(register.services):
        problems += _service_problems(service, ("services", index), taxonomy, located, today)
        problems += _editorial_problems(service, ("services", index), located)
    doubled_rights = _duplicates(statement.right for statement in register.controller.rights)
    problems += [
        located.problem(("controller", "rights", index, "right"), f"right '{statement.right}' is stated twice")
        for index, statement in enumerate(register.controller.rights)
        if statement.right in doubled_rights
    ]
    return problems


def _duplicate_keys(register: Register, located: Located) -> Iterator[Problem]:
    doubled = _duplicates(service.key for service in register.services)
    for index, service in enumerate(register.services):
        if service.key in doubled:
            yield located.problem(("services", index, "key"), f"service '{service.key}' is defined twice")
        for field, noun, keys in (
            ("purposes", "purpose", [item.key for item in service.purposes]),
            ("recipients", "recipient", [item.key for item in service.recipients]),
            ("retention", "retention class", [item.key for item in service.retention]),
        ):
            twice = _duplicates(keys)
            for position, key in enumerate(keys):
                if key in twice:
                    yield located.problem(
                        ("services", index, field, position, "key"),
                        f"{noun} '{key}' is defined twice in service '{service.key}'",
                    )


def _service_problems(service: Service, at: Path_, taxonomy: Taxonomy, located: Located, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if service.retired and not service.retired_reason:
        problems.append(located.problem((*at, "retired"), f"retired service '{service.key}' needs a retired_reason"))
    subjects = {subject.key for subject in taxonomy.data_subjects}
    for index, subject in enumerate(service.data_subjects):
        if subject not in subjects:
            problems.append(located.problem((*at, "data_subjects", index), f"unknown data subject '{subject}'"))
    retention_keys = {retention.key for retention in service.retention}
    for index, purpose in enumerate(service.purposes):
        problems += _purpose_problems(purpose, (*at, "purposes", index), service, taxonomy, retention_keys, located)
    held = {key for purpose in service.purposes for key in purpose.categories}
    for index, recipient in enumerate(service.recipients):
        problems += _recipient_problems(recipient, (*at, "recipients", index), taxonomy, held, located, today)
    problems += _access_problems(service, at, located)
    used = {purpose.retention for purpose in service.purposes}
    problems += [
        located.problem(
            (*at, "retention", index, "key"),
            f"retention class '{retention.key}' is used by no purpose of service '{service.key}'",
            "warning",
        )
        for index, retention in enumerate(service.retention)
        if retention.key not in used
    ]
    return problems


def _purpose_problems(
    purpose: Purpose,
    at: Path_,
    service: Service,
    taxonomy: Taxonomy,
    retention_keys: set[str],
    located: Located,
) -> list[Problem]:
    problems: list[Problem] = []
    categories = {category.key: category for category in taxonomy.categories}
    name = f"purpose '{purpose.key}'"
    problems += _title_problems(purpose, at, located)
    for index, key in enumerate(purpose.categories):
        category = categories.get(key)
        if category is None:
            problems.append(
                located.problem((*at, "categories", index), f"unknown category '{key}' (not in the taxonomy)")
            )
        elif category.special and purpose.special_condition is None:
            problems.append(
                located.problem(
                    (*at, "categories", index),
                    f"{name} touches special category '{key}' but has no Art 9 condition (special_condition)",
                )
            )
        elif category.criminal and purpose.criminal_condition is None:
            problems.append(
                located.problem(
                    (*at, "categories", index),
                    f"{name} touches criminal offence category '{key}' but has no Art 10 condition "
                    "(criminal_condition)",
                )
            )
    for index, subject in enumerate(purpose.data_subjects):
        if subject not in service.data_subjects:
            problems.append(
                located.problem(
                    (*at, "data_subjects", index),
                    f"{name} names data subject '{subject}', which service '{service.key}' does not list",
                )
            )
    problems += _consent_mechanism_problems(purpose, at, located)
    if purpose.retention not in retention_keys:
        problems.append(
            located.problem(
                (*at, "retention"), f"{name} names retention class '{purpose.retention}', which is not defined"
            )
        )
    needs_apd = needs_policy_document(purpose.special_condition) or needs_policy_document(purpose.criminal_condition)
    if needs_apd and not purpose.appropriate_policy_document:
        problems.append(
            located.problem(
                (*at, "appropriate_policy_document"),
                f"{name} relies on a DPA 2018 Schedule 1 condition that needs an appropriate policy document "
                "(set appropriate_policy_document: true)",
            )
        )
    return problems


def _title_problems(purpose: Purpose, at: Path_, located: Located) -> list[Problem]:
    """Staff choose a purpose by its title on the record form and read it in refusals: a short name in the
    third person, not the notice's sentence to the family ("To help you ...")."""
    name = f"purpose '{purpose.key}'"
    if not purpose.title.strip():
        return [located.problem((*at, "key"), f"{name} has no title: forms name it by its key", "warning")]
    if re.search(r"\b(?:you|your)\b", purpose.title, re.IGNORECASE) or purpose.title.lower().startswith("to "):
        return [located.problem((*at, "title"), f"the title of {name} reads as the notice's sentence: name the work")]
    return []


def _consent_mechanism_problems(purpose: Purpose, at: Path_, located: Located) -> list[Problem]:
    """A purpose that holds only with consent needs the means to record and withdraw it (Art 7(1), 7(3)):
    a consent form and a withdrawal route. Consent can be its Art 6 basis or its Art 9 / Art 10 condition."""
    name = f"purpose '{purpose.key}'"
    if purpose.lawful_basis == LawfulBasis.CONSENT:
        needs, field = "rests on consent", "lawful_basis"
    elif purpose.special_condition is not None and purpose.special_condition.is_explicit_consent:
        needs, field = f"relies on explicit consent ({purpose.special_condition.article})", "special_condition"
    elif purpose.criminal_condition is not None and purpose.criminal_condition.is_explicit_consent:
        needs, field = "relies on consent for criminal offence data (DPA 2018 Sch 1 para 29)", "criminal_condition"
    else:
        return []
    if purpose.consent is None:
        return [located.problem((*at, field), f"{name} {needs} but names no consent form")]
    if not purpose.consent.withdrawal_route:
        return [located.problem((*at, "consent"), f"{name} {needs} but has no withdrawal route")]
    return []


def _access_problems(service: Service, at: Path_, located: Located) -> list[Problem]:
    return [
        located.problem(
            (*at, "access_limited_to", index, "roles"),
            f"access group '{group.name}' of service '{service.key}' names no role code, so nobody in it can "
            "be given access",
            "warning",
        )
        for index, group in enumerate(service.access_limited_to)
        if not group.roles
    ]


def _recipient_problems(
    recipient: Recipient, at: Path_, taxonomy: Taxonomy, held: set[str], located: Located, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if recipient.agreement is None and not recipient.statute and not recipient.retired:
        problems.append(
            located.problem(
                (*at, "key"),
                f"recipient '{recipient.key}' has neither an information-sharing agreement nor a statute",
            )
        )
    known = {category.key for category in taxonomy.categories}
    if recipient.opt_out is not None:
        for index, key in enumerate(recipient.opt_out.categories_after_opt_out):
            if key not in known:
                problems.append(
                    located.problem(
                        (*at, "opt_out", "categories_after_opt_out", index),
                        f"unknown category '{key}' (not in the taxonomy)",
                    )
                )
    agreement = recipient.agreement
    if agreement is None:
        return problems
    for index, key in enumerate(agreement.categories_allowed):
        if key not in known:
            problems.append(
                located.problem(
                    (*at, "agreement", "categories_allowed", index), f"unknown category '{key}' (not in the taxonomy)"
                )
            )
        elif key not in held:
            problems.append(
                located.problem(
                    (*at, "agreement", "categories_allowed", index),
                    f"agreement '{agreement.reference}' allows category '{key}', "
                    "which no purpose of this service holds",
                    "warning",
                )
            )
    if agreement.review_date < today:
        problems.append(
            located.problem(
                (*at, "agreement", "review_date"),
                f"agreement '{agreement.reference}' passed its review date on {agreement.review_date:%d %B %Y}",
                "warning",
            )
        )
    return problems
