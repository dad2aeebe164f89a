"""Privacy notices built only from the register: the full notice and the young people's version.

One ``Notice`` structure feeds every rendering (GOV.UK page, PDF, Markdown), so the formats can
never say different things. Wording that is not in the register is fixed, generic framing
("What information we collect"); every fact comes from the register.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from tutela.lib.pdf import html_to_pdf
from tutela.register.api import RegisterSet
from tutela.register.procedures import NOTICE_PROCEDURES, notice_procedures
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

# The young people's version speaks to the young person about their own data: the taxonomy's
# data subject "child" (its plain wording is "You"), whose categories are keyed "child.<area>.<item>".
YOUNG_PERSON = "child"

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


_PLAIN_AFTER = {
    RetentionTrigger.DATE_OF_BIRTH: "after you are born",
    RetentionTrigger.CASE_CLOSURE: "after your case is closed",
    RetentionTrigger.RECORD_DATE: "after it is written down",
    RetentionTrigger.ORDER_DATE: "after the court order is made",
    RetentionTrigger.LAST_ACTION: "after we last work on your file",
    RetentionTrigger.END_OF_FINANCIAL_YEAR: "after we last change your file",
    RetentionTrigger.DEATH: "after death",
    RetentionTrigger.PROCESSING_ENDS: "after we stop using it",
}
_PLAIN_UNTIL = {
    RetentionTrigger.DATE_OF_BIRTH: "until you are born",
    RetentionTrigger.CASE_CLOSURE: "until your case is closed",
    RetentionTrigger.RECORD_DATE: "until it is written down",
    RetentionTrigger.ORDER_DATE: "until the court order is made",
    RetentionTrigger.LAST_ACTION: "until we last work on your file",
    RetentionTrigger.END_OF_FINANCIAL_YEAR: "until we last change your file",
    RetentionTrigger.DEATH: "until death",
    RetentionTrigger.PROCESSING_ENDS: "until we stop using it",
}
_PLAIN_ACTION = {
    "destroy": "Then we destroy it safely",
    "anonymise": "Then we take your name off it",
    "review": "Then we check if we still need it",
}


def _amount(amount: int, unit: str) -> str:
    return f"{amount} {unit}{'s' if amount != 1 else ''}"


def plain_period_words(retention: RetentionClass) -> str:
    """The period for a young reader, in two short sentences: 'until you are 25. Then we destroy it safely'."""
    years, months, days = retention.years_months_days
    if retention.trigger == RetentionTrigger.DATE_OF_BIRTH and years and not months and not days:
        when = f"until you are {years}"
    elif retention.trigger == RetentionTrigger.END_OF_FINANCIAL_YEAR and not months and not days:
        # Counted from the end of the financial year (31 March) after the last change: up to a year more.
        when = f"for up to {_amount(years + 1, 'year')} {_PLAIN_AFTER[retention.trigger]}"
    elif not any((years, months, days)):
        when = _PLAIN_UNTIL[retention.trigger]
    else:
        parts = [_amount(n, unit) for n, unit in zip((years, months, days), ("year", "month", "day"), strict=True) if n]
        when = f"for {' and '.join(parts)} {_PLAIN_AFTER[retention.trigger]}"
    return f"{when}. {_PLAIN_ACTION[retention.action]}"


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
    without_consent: str = ""


@dataclass(frozen=True)
class RetentionEntry:
    retention: RetentionClass
    words: str


@dataclass(frozen=True)
class RightEntry:
    statement: RightStatement
    limits: list[tuple[str, str]]


@dataclass(frozen=True)
class YoungPeopleNotice:
    """What the young people's version says: only the young person's own data, in plain words."""

    categories: list[Category]
    extra_private: list[Category]
    purposes: list[Purpose]
    asks_first: bool
    decides_from_ages: list[int]
    recipients: list[Recipient]
    retention: list[str]
    rights: list[RightStatement]


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
    young_people: YoungPeopleNotice
    procedures: dict[str, str]
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


def _clause(text: str) -> str:
    """'Where the law allows it.' as a clause that completes '...; without it, only ...'.

    The register writes it as it reads on its own; the first letter is lowered unless it begins an
    abbreviation ('DPA', 'NHS'), and a closing full stop is dropped, so the joined text reads as one sentence.
    """
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _recipient(recipient: Recipient, registers: RegisterSet) -> RecipientEntry:
    keys = recipient.opt_out.categories_after_opt_out if recipient.opt_out else []
    return RecipientEntry(
        recipient=recipient,
        opt_out_labels=[registers.category(key).label for key in keys],
        without_consent=_clause(recipient.without_consent_when),
    )


def _rights(register: Register, bases: list[LawfulBasis]) -> list[RightEntry]:
    entries = []
    for statement in register.controller.rights:
        if not set(statement.applies_to) & set(bases) and not any(basis in statement.limits for basis in bases):
            continue
        limits = [(basis.label, text) for basis, text in statement.limits.items() if basis in bases]
        entries.append(RightEntry(statement=statement, limits=limits))
    return entries


def _young_people(service: Service, registers: RegisterSet, register: Register) -> YoungPeopleNotice:
    purposes = [p for p in service.purposes if not p.retired and YOUNG_PERSON in p.data_subjects]
    own = [c for c in _categories_held(service, registers) if c.key.split(".", 1)[0] == YOUNG_PERSON]
    own = [c for c in own if any(c.key in p.categories for p in purposes)]
    own_keys = {c.key for c in own}
    recipients = [
        r
        for r in service.recipients
        if not r.retired and (r.agreement is None or own_keys & set(r.agreement.categories_allowed))
    ]
    used = {p.retention for p in purposes}
    bases = {p.lawful_basis for p in purposes}
    consents = [p.consent for p in purposes if p.consent]
    return YoungPeopleNotice(
        categories=[c for c in own if not c.special and not c.criminal],
        extra_private=[c for c in own if c.special or c.criminal],
        purposes=purposes,
        asks_first=bool(consents),
        decides_from_ages=sorted({age for c in consents if (age := c.young_person_decides_from_age)}),
        recipients=recipients,
        retention=[
            f"{item.plain or item.records}: we keep this {plain_period_words(item)}."
            for item in service.retention
            if item.key in used
        ],
        # Only the rights that apply to this processing: the short version carries no limits.
        rights=[statement for statement in register.controller.rights if set(statement.applies_to) & bases],
    )


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
        young_people=_young_people(found, registers, register),
        procedures=notice_procedures(NOTICE_PROCEDURES),
    )


def notice_render(*, notice: Notice, format: str, young_people: bool = False) -> str:
    """The notice as 'html' (for a PDF or a file), or 'md' (Markdown)."""
    version = "young_people" if young_people else "full"
    template = {"html": f"register/notice_{version}_print.html", "md": f"register/notice_{version}.md"}[format]
    return render_to_string(template, {"notice": notice})


def notice_pdf(*, notice: Notice, young_people: bool = False) -> bytes:
    version = "young_people" if young_people else "full"
    return html_to_pdf(f"register/notice_{version}_print.html", {"notice": notice})
