"""Privacy notices built only from the register: the full notice and the young people's version.

One ``Notice`` structure feeds every rendering (GOV.UK page, PDF, Markdown), so the formats can
never say different things. Wording that is not in the register is fixed, generic framing
("What information we collect"); every fact comes from the register.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from tutela.register.api import RegisterSet
from tutela.register.schema import (
    Category,
    Contact,
    DataSubject,
    LawfulBasis,
    Purpose,
    Recipient,
    Register,
    RetentionClass,
    RetentionTrigger,
    RightStatement,
    Service,
)
from tutela.web.pdf import html_to_pdf

_TRIGGER_WORDS = {
    RetentionTrigger.DATE_OF_BIRTH: "from the child's date of birth",
    RetentionTrigger.CASE_CLOSURE: "from the date the case is closed",
    RetentionTrigger.RECORD_DATE: "from the date of the record",
    RetentionTrigger.ORDER_DATE: "from the date of the order",
    RetentionTrigger.LAST_ACTION: "from the last action on the file",
    RetentionTrigger.END_OF_FINANCIAL_YEAR: "from the end of the financial year in which the file was last changed",
    RetentionTrigger.DEATH: "from the date of death",
    RetentionTrigger.PROCESSING_ENDS: "from the date the processing ends",
}
_ACTION_WORDS = {"destroy": "then securely destroyed", "anonymise": "then anonymised", "review": "then reviewed"}


_UNTIL_WORDS = {
    RetentionTrigger.DATE_OF_BIRTH: "until the child's date of birth",
    RetentionTrigger.CASE_CLOSURE: "until the case is closed",
    RetentionTrigger.RECORD_DATE: "until the record is made",
    RetentionTrigger.ORDER_DATE: "until the order is made",
    RetentionTrigger.LAST_ACTION: "until the last action on the file",
    RetentionTrigger.END_OF_FINANCIAL_YEAR: "until the end of the financial year",
    RetentionTrigger.DEATH: "until death",
    RetentionTrigger.PROCESSING_ENDS: "until the processing ends",
}


def period_words(retention: RetentionClass) -> str:
    """'25 years from the child's date of birth, then reviewed'; 'until the case is closed, then ...'."""
    if not any(retention.years_months_days):
        return f"{_UNTIL_WORDS[retention.trigger]}, {_ACTION_WORDS[retention.action]}"
    parts = []
    for amount, unit in zip(retention.years_months_days, ("year", "month", "day"), strict=True):
        if amount:
            parts.append(f"{amount} {unit}{'s' if amount != 1 else ''}")
    return f"{' and '.join(parts)} {_TRIGGER_WORDS[retention.trigger]}, {_ACTION_WORDS[retention.action]}"


@dataclass(frozen=True)
class PurposeEntry:
    purpose: Purpose
    basis_label: str
    basis_article: str
    categories: list[Category]
    retention: RetentionClass | None


@dataclass(frozen=True)
class RecipientEntry:
    recipient: Recipient
    opt_out_labels: list[str]


@dataclass(frozen=True)
class RetentionEntry:
    retention: RetentionClass
    words: str


@dataclass(frozen=True)
class RightEntry:
    statement: RightStatement
    limits: list[tuple[str, str]]


@dataclass(frozen=True)
class Notice:
    register: Register
    service: Service
    categories: list[Category]
    special_categories: list[Category]
    criminal_categories: list[Category]
    data_subjects: list[DataSubject]
    purposes: list[PurposeEntry]
    retired_purposes: list[Purpose]
    bases: list[LawfulBasis]
    recipients_internal: list[RecipientEntry]
    recipients_external: list[RecipientEntry]
    retired_recipients: list[Recipient]
    retention: list[RetentionEntry]
    rights: list[RightEntry]
    changes: list[dict[str, object]] = field(default_factory=list)

    @property
    def controller(self) -> object:
        return self.register.controller

    @property
    def contacts(self) -> list[tuple[str, Contact]]:
        details = self.register.controller
        found = [
            ("Data Protection Officer", details.dpo),
            ("Subject access requests", details.subject_access),
            ("Complaints", details.complaints),
            ("Information Commissioner's Office", details.ico),
        ]
        # The register's own role for a contact wins: a school's privacy contact is not always a DPO.
        return [(contact.role or title, contact) for title, contact in found if any(contact.model_dump().values())]


def _categories_held(service: Service, registers: RegisterSet) -> list[Category]:
    keys: list[str] = []
    for purpose in service.purposes:
        if not purpose.retired:
            keys += [key for key in purpose.categories if key not in keys]
    order = {category.key: index for index, category in enumerate(registers.taxonomy.categories)}
    return sorted(registers.categories(keys), key=lambda category: order[category.key])


def _recipient(recipient: Recipient, registers: RegisterSet) -> RecipientEntry:
    keys = recipient.opt_out.categories_after_opt_out if recipient.opt_out else []
    return RecipientEntry(recipient=recipient, opt_out_labels=[registers.category(key).label for key in keys])


def _rights(register: Register, bases: list[LawfulBasis]) -> list[RightEntry]:
    entries = []
    for statement in register.controller.rights:
        if not set(statement.applies_to) & set(bases) and not any(basis in statement.limits for basis in bases):
            continue
        limits = [(basis.label, text) for basis, text in statement.limits.items() if basis in bases]
        entries.append(RightEntry(statement=statement, limits=limits))
    return entries


def notice_build(*, registers: RegisterSet, controller: str, service: str) -> Notice:
    """Everything a privacy notice says about one service, taken from the register."""
    register = registers.controller(controller)
    found = registers.service(controller, service)
    held = _categories_held(found, registers)
    retention = {item.key: item for item in found.retention}
    live = [purpose for purpose in found.purposes if not purpose.retired]
    bases = sorted({purpose.lawful_basis for purpose in live}, key=list(LawfulBasis).index)
    subjects = {subject.key: subject for subject in registers.taxonomy.data_subjects}
    return Notice(
        register=register,
        service=found,
        categories=[c for c in held if not c.special and not c.criminal],
        special_categories=[c for c in held if c.special],
        criminal_categories=[c for c in held if c.criminal],
        data_subjects=[subjects[key] for key in found.data_subjects if key in subjects],
        purposes=[
            PurposeEntry(
                purpose=purpose,
                basis_label=purpose.lawful_basis.label,
                basis_article=purpose.lawful_basis.article,
                categories=registers.categories(purpose.categories),
                retention=retention.get(purpose.retention),
            )
            for purpose in live
        ],
        retired_purposes=[purpose for purpose in found.purposes if purpose.retired],
        bases=bases,
        recipients_internal=[
            _recipient(r, registers) for r in found.recipients if r.kind == "internal" and not r.retired
        ],
        recipients_external=[
            _recipient(r, registers) for r in found.recipients if r.kind == "external" and not r.retired
        ],
        retired_recipients=[r for r in found.recipients if r.retired],
        retention=[RetentionEntry(retention=item, words=period_words(item)) for item in found.retention],
        rights=_rights(register, bases),
    )


def notice_render(*, notice: Notice, format: str, young_people: bool = False) -> str:
    """The notice as 'html' (for a PDF or a file), or 'md' (Markdown)."""
    version = "young_people" if young_people else "full"
    template = {"html": f"register/notice_{version}_print.html", "md": f"register/notice_{version}.md"}[format]
    return render_to_string(template, {"notice": notice})


def notice_pdf(*, notice: Notice, young_people: bool = False) -> bytes:
    version = "young_people" if young_people else "full"
    return html_to_pdf(f"register/notice_{version}_print.html", {"notice": notice})
