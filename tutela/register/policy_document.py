"""The appropriate policy document (DPA 2018 Sch 1 Part 4 paras 38-39), generated per service.

Required where a service relies on a Schedule 1 condition that needs one (rules.py says which).
Para 39 asks for (a) the procedures for complying with the Art 5 principles and (b) the policies
on retention and erasure, with an indication of how long the data is likely to be kept. The
conditions, purposes, categories and periods come from the register; the procedures describe
how Tutela itself enforces each principle from that same register.
"""

from dataclasses import dataclass

from tutela.register.api import RegisterSet
from tutela.register.notices import RetentionEntry, period_words
from tutela.register.rules import needs_policy_document
from tutela.register.schema import Category, Purpose, Register, Service

# How Tutela meets each Art 5(1) principle and Art 5(2) accountability. These describe the
# system's own controls, which apply to every controller; the register supplies the specifics.
PRINCIPLES = [
    (
        "Lawfulness, fairness and transparency (Art 5(1)(a))",
        "Every purpose is recorded in the register with its lawful basis and, for this data, its Schedule 1 "
        "condition. The privacy notice of the service is generated from the same register, so what people are "
        "told is what the system enforces.",
    ),
    (
        "Purpose limitation (Art 5(1)(b))",
        "Every read, write, share, export and disposal passes one processing gate, which refuses any purpose the "
        "register does not allow for the categories involved, and writes the decision to the audit log.",
    ),
    (
        "Data minimisation (Art 5(1)(c))",
        "Each purpose lists the only categories it may touch; disclosures are cut down to the categories the "
        "information-sharing agreement allows before they leave.",
    ),
    (
        "Accuracy (Art 5(1)(d))",
        "Records keep their source and who recorded them; rectification requests are handled as subject rights "
        "requests and recipients are told of corrections.",
    ),
    (
        "Storage limitation (Art 5(1)(e))",
        "Every record carries the retention class of its purpose; disposal runs find records that have fallen due "
        "and a named officer decides each disposal.",
    ),
    (
        "Integrity and confidentiality (Art 5(1)(f))",
        "Access follows need to know (case assignment, team membership or a role with service-wide reach); special "
        "category and criminal offence content is encrypted per person; every access decision is audited in a "
        "tamper-evident log; break-glass access is time-limited and reviewed by the Data Protection Officer.",
    ),
    (
        "Accountability (Art 5(2))",
        "The register is version-controlled and each publication records what changed; this document is "
        "regenerated with every published version and kept for six months after the processing stops (Sch 1 "
        "para 40).",
    ),
]


@dataclass(frozen=True)
class PolicyDocument:
    register: Register
    service: Service
    purposes: list[Purpose]
    categories: list[Category]
    retention: list[RetentionEntry]
    principles: list[tuple[str, str]]


def policy_document_needed(service: Service) -> bool:
    return any(
        needs_policy_document(purpose.special_condition) or needs_policy_document(purpose.criminal_condition)
        for purpose in service.purposes
        if not purpose.retired
    )


def policy_document_build(*, registers: RegisterSet, controller: str, service: str) -> PolicyDocument | None:
    """The document for one service, or None where no condition it relies on needs one."""
    found = registers.service(controller, service)
    if not policy_document_needed(found):
        return None
    purposes = [p for p in found.purposes if not p.retired and (p.special_condition or p.criminal_condition)]
    keys = {key for purpose in purposes for key in purpose.categories}
    categories = [c for c in registers.taxonomy.categories if c.key in keys and (c.special or c.criminal)]
    used = {purpose.retention for purpose in purposes}
    retention = [RetentionEntry(item, period_words(item)) for item in found.retention if item.key in used]
    return PolicyDocument(
        register=registers.controller(controller),
        service=found,
        purposes=purposes,
        categories=categories,
        retention=retention,
        principles=PRINCIPLES,
    )
