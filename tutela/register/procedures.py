"""What the system itself does, sentence by sentence, each tied to the code that does it.

The appropriate policy document (DPA 2018 Sch 1 para 39(a)) and the privacy notices describe
procedures. A generated document must say only what the system does, so every such sentence
names the capabilities that perform it: a dotted path to a function ("tutela.sharing.services.
minimise") or a management command ("command:audit_verify"). A sentence appears only while every
capability it names exists, so the documents grow as rights and retention land, and no sentence
outlives the code that made it true. Capabilities are looked up by name, never imported here
statically: the register layer depends on nothing of ours (ARCHITECTURE.md, layers).
"""

import importlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.management import get_commands

_COMMAND = "command:"


@dataclass(frozen=True)
class Procedure:
    key: str
    text: str
    performed_by: tuple[str, ...]


@dataclass(frozen=True)
class Principle:
    title: str
    procedures: tuple[Procedure, ...]


def capability_exists(path: str) -> bool:
    """True where the named management command, or the module attribute at a dotted path, exists."""
    if path.startswith(_COMMAND):
        return path.removeprefix(_COMMAND) in get_commands()
    module_name, _, attribute = path.rpartition(".")
    if not module_name or not attribute:
        return False
    try:
        if importlib.util.find_spec(module_name) is None:
            return False
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    return callable(getattr(module, attribute, None))


def procedure_performed(procedure: Procedure) -> bool:
    return all(capability_exists(path) for path in procedure.performed_by)


def procedures_performed(procedures: Iterable[Procedure]) -> list[Procedure]:
    return [procedure for procedure in procedures if procedure_performed(procedure)]


# How the system meets each Art 5(1) principle and Art 5(2) accountability (Sch 1 para 39(a)).
# These are the system's own controls, which apply to every controller; the register supplies
# the specifics. The retention and rights entries name the code that will perform them: until it
# exists, they are not said.
PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "Lawfulness, fairness and transparency (Art 5(1)(a))",
        (
            Procedure(
                "basis_recorded",
                "Every purpose is recorded in the register with its lawful basis and, for this data, its Schedule 1 "
                "condition.",
                ("tutela.register.api.register",),
            ),
            Procedure(
                "basis_checked",
                "The processing gate refuses a purpose that rests on consent when there is no live consent, and "
                "special category or criminal offence data under a purpose without an Art 9 or Art 10 condition.",
                ("tutela.governance.gate.decide",),
            ),
            Procedure(
                "notice_generated",
                "The privacy notice of the service is generated from the same register that the gate reads.",
                ("tutela.register.notices.notice_build",),
            ),
        ),
    ),
    Principle(
        "Purpose limitation (Art 5(1)(b))",
        (
            Procedure(
                "gate",
                "Reads, writes and shares of personal data pass one processing gate, which refuses any purpose the "
                "register does not allow for the categories involved and writes its decision to the audit log.",
                ("tutela.governance.gate.decide", "tutela.audit.services.audit_record"),
            ),
        ),
    ),
    Principle(
        "Data minimisation (Art 5(1)(c))",
        (
            Procedure(
                "categories_per_purpose",
                "Each purpose lists the only categories it may touch, and the gate refuses any other.",
                ("tutela.governance.gate.decide",),
            ),
            Procedure(
                "disclosure_minimised",
                "Disclosures are cut down to the categories the information-sharing agreement allows before they "
                "leave.",
                ("tutela.sharing.services.minimise",),
            ),
        ),
    ),
    Principle(
        "Accuracy (Art 5(1)(d))",
        (
            Procedure(
                "source_kept",
                "Every record keeps its source and who recorded it.",
                ("tutela.records.services.record_create",),
            ),
            Procedure(
                "restriction",
                "A record whose accuracy is contested can be restricted, so that it is kept but not otherwise used "
                "(Art 18(1)(a)).",
                ("tutela.records.services.record_restrict",),
            ),
            Procedure(
                "rectification_recipients_told",
                "Rectification requests are handled as subject rights requests, and the recipients of corrected "
                "information are told of each correction (Art 19).",
                (
                    "tutela.rights.services.rectification_decide",
                    "tutela.rights.services.rectification_notify_recipients",
                ),
            ),
        ),
    ),
    Principle(
        "Storage limitation (Art 5(1)(e))",
        (
            Procedure(
                "retention_due",
                "Every record carries the retention class of its purpose, and the date it falls due is worked out "
                "from that class.",
                ("tutela.records.services.record_create", "tutela.records.retention.retention_due"),
            ),
            Procedure(
                "crypto_shred",
                "A named person, giving a reason, can make a person's encrypted special category and criminal "
                "offence content unreadable for good by destroying its key.",
                ("tutela.records.services.subject_key_destroy",),
            ),
            Procedure(
                "disposal_runs",
                "Disposal runs find records that have fallen due, and a named officer decides each disposal.",
                ("tutela.retention.selectors.records_due_for_disposal", "tutela.retention.services.disposal_decide"),
            ),
        ),
    ),
    Principle(
        "Integrity and confidentiality (Art 5(1)(f))",
        (
            Procedure(
                "need_to_know",
                "Access follows need to know: case assignment, team membership or a role with service-wide reach.",
                ("tutela.governance.gate.need_to_know",),
            ),
            Procedure(
                "encryption",
                "Special category and criminal offence content is encrypted with a key for each person.",
                ("tutela.records.crypto.encrypt_for_subject",),
            ),
            Procedure(
                "audit_chain",
                "Access decisions are written to an audit log in which each entry carries the hash of the one "
                "before, and a command checks that the chain is unbroken.",
                ("tutela.audit.chain.chain_hash", "command:audit_verify"),
            ),
            Procedure(
                "break_glass",
                "Access without need to know (break-glass) needs a stated reason, is time-limited and is reviewed by "
                "the Data Protection Officer.",
                ("tutela.governance.services.break_glass_open", "tutela.governance.services.break_glass_review"),
            ),
        ),
    ),
    Principle(
        "Accountability (Art 5(2))",
        (
            Procedure(
                "publication",
                "The register is kept under version control, and each published version is kept in full with a "
                "record of what it changed.",
                ("tutela.governance.publication.register_publish", "command:register_publish"),
            ),
            Procedure(
                "document_generated",
                "This document is generated from the register in force, so it changes whenever the register does.",
                ("tutela.register.policy_document.policy_document_build",),
            ),
        ),
    ),
)

# Sentences in the privacy notices that describe what the system does (not what the law says).
NOTICE_PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        "policy_document",
        "We have an appropriate policy document for this processing.",
        ("tutela.register.policy_document.policy_document_build",),
    ),
    Procedure(
        "sharing_minimised",
        "We only share what each one needs, and only when the law lets us.",
        ("tutela.sharing.services.minimise", "tutela.governance.gate.decide"),
    ),
    Procedure(
        "consent_withdrawn",
        "For some things we ask first. You or your parent can say no, or change your mind later.",
        ("tutela.consent.services.consent_give", "tutela.consent.services.consent_withdraw"),
    ),
)


def notice_procedures(procedures: Iterable[Procedure]) -> dict[str, str]:
    """The notice sentences whose code exists, by key (templates show a sentence only when present)."""
    return {procedure.key: procedure.text for procedure in procedures_performed(procedures)}
