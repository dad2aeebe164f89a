"""The register's typed schema: what a controller's YAML file may say, and in what shape.

A register is a UK GDPR Art 30 record of processing activities, extended with what Tutela
enforces from it (categories per purpose, consent terms, sharing agreements, retention classes)
and what the privacy notices need (document control, plain-English wording, contacts).
Cross-references (a purpose naming a category or a retention class) are checked in rules.py.
"""

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CategoryKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Unknown fields are errors: a typo in the register must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LawfulBasis(StrEnum):
    """UK GDPR Art 6(1) bases, by the letter of the paragraph."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def article(self) -> str:
        return _ARTICLE_6[self]

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_ARTICLE_6 = {
    LawfulBasis.CONSENT: "Art 6(1)(a)",
    LawfulBasis.CONTRACT: "Art 6(1)(b)",
    LawfulBasis.LEGAL_OBLIGATION: "Art 6(1)(c)",
    LawfulBasis.VITAL_INTERESTS: "Art 6(1)(d)",
    LawfulBasis.PUBLIC_TASK: "Art 6(1)(e)",
    LawfulBasis.LEGITIMATE_INTERESTS: "Art 6(1)(f)",
}
_BASIS_LABELS = {
    LawfulBasis.CONSENT: "Consent",
    LawfulBasis.CONTRACT: "Contract",
    LawfulBasis.LEGAL_OBLIGATION: "Legal obligation",
    LawfulBasis.VITAL_INTERESTS: "Vital interests",
    LawfulBasis.PUBLIC_TASK: "Public task",
    LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests",
}


class Right(StrEnum):
    """Rights of data subjects (UK GDPR Arts 13-22, 77, 82) and the parent's educational-record right."""

    INFORMED = "informed"
    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    PORTABILITY = "portability"
    OBJECTION = "objection"
    DIRECT_MARKETING = "direct_marketing"
    AUTOMATED_DECISIONS = "automated_decisions"
    WITHDRAW_CONSENT = "withdraw_consent"
    EDUCATIONAL_RECORD = "educational_record"
    COMPLAIN = "complain"
    COMPENSATION = "compensation"


class RetentionTrigger(StrEnum):
    DATE_OF_BIRTH = "date_of_birth"
    CASE_CLOSURE = "case_closure"
    RECORD_DATE = "record_date"
    ORDER_DATE = "order_date"
    LAST_ACTION = "last_action"
    END_OF_FINANCIAL_YEAR = "end_of_financial_year"
    DEATH = "death"
    PROCESSING_ENDS = "processing_ends"


class RetentionAction(StrEnum):
    DESTROY = "destroy"
    ANONYMISE = "anonymise"
    REVIEW = "review"


_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")


# --- The taxonomy (registers/taxonomy.yaml), shared by every controller ----------------------
class Category(Strict):
    key: CategoryKey
    label: Text = Field(description="What the category is, as a notice lists it.")
    plain: Text = Field(description="The same in words a 12-year-old reads easily.")
    special: bool = Field(False, description="UK GDPR Art 9 special category data.")
    criminal: bool = Field(False, description="UK GDPR Art 10 criminal offence data (including alleged offences).")
    description: str = ""


class DataSubject(Strict):
    key: Key
    label: Text
    plain: Text


class Taxonomy(Strict):
    schema_version: int
    data_subjects: list[DataSubject]
    categories: list[Category]


# --- A controller's register ----------------------------------------------------------------
class Contact(Strict):
    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    url: str = ""

    @property
    def parts(self) -> list[str]:
        """The details given, in the order a reader contacts them (name, address, email, phone, web)."""
        return [part for part in (self.name, self.address, self.email, self.phone, self.url) if part]


class RightStatement(Strict):
    right: Right
    text: Text
    plain: Text
    applies_to: list[LawfulBasis] = Field(description="The lawful bases under which the right applies.")
    limits: dict[LawfulBasis, Text] = Field(
        default_factory=dict, description="Why the right is limited or refused under a basis (e.g. Art 17(3)(b))."
    )


class DocumentVersion(Strict):
    version: Text
    date: str = Field("", description="As the notice gives it: '25.05.18', 'May 2023', or empty.")
    comment: str = ""


class DocumentControl(Strict):
    title: Text
    purpose: str = ""
    author: str = ""
    owner: str = ""
    distribution: str = ""
    date_of_publication: str = ""
    last_updated: str = ""
    versions: list[DocumentVersion] = Field(min_length=1)


class Source(Strict):
    key: Key
    name: Text
    description: str = ""


class Condition(Strict):
    """A UK GDPR Art 9(2) or Art 10 condition, with its DPA 2018 Schedule 1 paragraph if any."""

    article: Text = Field(description="e.g. 'Art 9(2)(g)' or 'Art 10'.")
    schedule_1: str = Field("", description="DPA 2018 Sch 1 paragraph, e.g. 'Part 2 para 18'.")
    description: Text

    @property
    def is_explicit_consent(self) -> bool:
        """UK GDPR Art 9(2)(a) explicit consent, or DPA 2018 Sch 1 Part 3 para 29 (consent, for Art 10 data):
        the condition holds only while the person's consent does."""
        article = re.sub(r"\s+", "", self.article).lower()
        return article.endswith("9(2)(a)") or bool(_CONSENT_PARAGRAPH.search(self.schedule_1))


_CONSENT_PARAGRAPH = re.compile(r"Part\s*3\s*para(?:graph)?\s*29\b", re.IGNORECASE)


class ConsentTerms(Strict):
    form: Text = Field(description="The form on which consent is given.")
    withdrawal_route: str = Field("", description="How and to whom consent is withdrawn.")
    young_person_decides_from_age: int | None = Field(
        None, ge=0, le=18, description="From this age the young person, not a parent, gives or withdraws consent."
    )
    without_consent: str = Field("", description="What happens if consent is refused or withdrawn.")


class Purpose(Strict):
    key: Key
    title: str = Field(
        "",
        max_length=60,
        description="A short plain name for staff choosing a purpose on a form: 'Attendance enforcement'.",
    )
    description: Text
    plain: Text
    lawful_basis: LawfulBasis
    basis_detail: str = ""
    statutory_references: list[str] = Field(default_factory=list)
    data_subjects: list[Key] = Field(min_length=1)
    categories: list[CategoryKey] = Field(min_length=1)
    special_condition: Condition | None = None
    criminal_condition: Condition | None = None
    appropriate_policy_document: bool = False
    consent: ConsentTerms | None = None
    retention: Key
    legal_claims: bool = Field(
        False,
        description="Establishing, exercising or defending legal claims: allowed even under restriction (Art 18(2)).",
    )
    retired: bool = False

    @property
    def label(self) -> str:
        """The purpose's name on forms and refusals: its title, or its key in words where it has none."""
        return self.title or self.key.replace("-", " ").capitalize()

    @property
    def needs_consent(self) -> bool:
        """Whether this purpose needs the person's consent, for some or all of its data: consent is its
        Art 6 basis, or its Art 9 / Art 10 condition is explicit consent (then the gate asks for it when
        that special or criminal data is touched)."""
        conditions = (self.special_condition, self.criminal_condition)
        return self.lawful_basis == LawfulBasis.CONSENT or any(
            c is not None and c.is_explicit_consent for c in conditions
        )


class Agreement(Strict):
    """An information-sharing agreement (ICO Data Sharing Code)."""

    reference: Text
    purpose: Text
    lawful_basis: LawfulBasis
    schedule_1_condition: str = ""
    categories_allowed: list[CategoryKey] = Field(min_length=1)
    review_date: date
    transfer_method: str = ""
    retention_by_recipient: str = ""
    manager_approval: bool = False


class OptOut(Strict):
    """A right to limit what a recipient receives (the careers-service rule of seed 002)."""

    who: Text = Field(description="Who may opt out, in the notice's words.")
    pupil_decides_from_age: int | None = Field(None, ge=0, le=18, description="From this age the pupil decides.")
    categories_after_opt_out: list[CategoryKey] = Field(min_length=1)
    how: str = Field("", description="How to opt out.")


class Recipient(Strict):
    key: Key
    name: Text
    kind: Annotated[str, StringConstraints(pattern=r"^(internal|external)$")]
    description: str = ""
    agreement: Agreement | None = None
    statute: str = Field("", description="The law that requires or permits the sharing, where there is no agreement.")
    requires_consent: bool = False
    without_consent_when: str = ""
    subject_minimum_age: int | None = Field(None, ge=0, le=25, description="Only about subjects of this age or over.")
    on_request_only: bool = Field(False, description="Sent only when the recipient asks.")
    opt_out: OptOut | None = None
    retired: bool = False


class RetentionClass(Strict):
    key: Key
    records: Text
    plain: str = Field("", description="The records in words a 12-year-old reads easily (young people's notice).")
    trigger: RetentionTrigger
    period: str = Field(description="ISO 8601 duration: P6Y, P25Y, P3M ...")
    action: RetentionAction
    source: Text = Field(description="Where the period comes from.")
    default_applied: bool = Field(
        False, description="True where the notice was vague and the shipped default (domain/retention.md) is used."
    )

    @field_validator("period")
    @classmethod
    def _iso_period(cls, value: str) -> str:
        if not _PERIOD.match(value) or value == "P":
            raise ValueError("period must be an ISO 8601 duration in years, months or days, such as P6Y or P18M")
        return value

    @property
    def years_months_days(self) -> tuple[int, int, int]:
        match = _PERIOD.match(self.period)
        assert match is not None  # checked by the validator  # noqa: S101
        years, months, days = (int(part or 0) for part in match.groups())
        return years, months, days


class AccessGroup(Strict):
    """A group of staff the notice says handle a service's data, and the role codes (accounts.Role) it maps to."""

    name: Text = Field(description="As the notice names the group: 'Safeguarding leads'.")
    roles: list[Key] = Field(default_factory=list, description="Role codes whose holders belong to the group.")

    def __str__(self) -> str:
        return self.name


class Service(Strict):
    key: Key
    name: Text
    summary: Text
    plain_summary: Text
    plain_name: str = Field("", description="The service's name for young people, where its name covers others' data.")
    source_notice: str = Field("", description="The published notice this service's entry was written from.")
    notice_url: str = ""
    document_control: DocumentControl
    data_subjects: list[Key] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    records_held: list[str] = Field(default_factory=list)
    purposes: list[Purpose] = Field(min_length=1)
    recipients: list[Recipient] = Field(default_factory=list)
    retention: list[RetentionClass] = Field(min_length=1)
    automated_decisions: Text
    automated_decisions_plain: str = Field("", description="The same for young people; the full text is used if empty.")
    security: str = ""
    rights_notes: list[str] = Field(default_factory=list)
    access_limited_to: list[AccessGroup] = Field(
        default_factory=list,
        description="Who the notice says handle the data; when set, the gate lets only holders of these roles in.",
    )
    retired: bool = False
    retired_reason: str = ""


class ControllerDetails(Strict):
    key: Key
    name: Text
    kind: Annotated[str, StringConstraints(pattern=r"^(local_authority|school)$")]
    address: str = ""
    ico_registration: str = ""
    website: str = ""
    primary_privacy_notice: str = ""
    dpo: Contact
    subject_access: Contact
    complaints: Contact
    ico: Contact
    rights: list[RightStatement] = Field(min_length=1)


class Register(Strict):
    schema_version: int
    version: int = Field(ge=1, description="Raised by one each time the register is published.")
    controller: ControllerDetails
    services: list[Service] = Field(min_length=1)
