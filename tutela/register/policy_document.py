"""The appropriate policy document (DPA 2018 Sch 1 Part 4 paras 38-39), generated per service.

Required where a service relies on a Schedule 1 condition that needs one (rules.py says which).
Para 39 asks for (a) the procedures for complying with the Art 5 principles and (b) the policies
on retention and erasure, with an indication of how long the data is likely to be kept. The
conditions, purposes, categories and periods come from the register; the procedures describe
how Tutela itself enforces each principle from that same register, one sentence for each piece of
code that does it (procedures.py): a procedure the code does not perform is not stated.
"""

from dataclasses import dataclass

from tutela.register.api import RegisterSet
from tutela.register.notices import RetentionEntry, period_words
from tutela.register.procedures import PRINCIPLES, Principle, procedures_performed
from tutela.register.rules import needs_policy_document
from tutela.register.schema import Category, Purpose, Register, Service


@dataclass(frozen=True)
class PolicyDocument:
    register: Register
    service: Service
    purposes: list[Purpose]
    categories: list[Category]
    retention: list[RetentionEntry]
    principles: list[tuple[str, list[str]]]


def principles_performed(principles: tuple[Principle, ...]) -> list[tuple[str, list[str]]]:
    """Each principle with the sentences of the procedures whose code exists."""
    return [
        (principle.title, [procedure.text for procedure in procedures_performed(principle.procedures)])
        for principle in principles
    ]


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
        principles=principles_performed(PRINCIPLES),
    )
