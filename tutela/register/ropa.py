"""The Art 30 record of processing activities, exported from the register (CSV and PDF).

One row per purpose: UK GDPR Art 30(1)(a)-(g) (controller and DPO, purposes, categories of
subjects and data, recipients, transfers, erasure time limits, security measures), with the
ICO's additions for public bodies (lawful basis, Art 9 and Art 10 conditions, whether an
appropriate policy document covers it, and the privacy notice it is published in).
"""

from dataclasses import dataclass

from tutela.lib.csvfiles import csv_text
from tutela.register.api import RegisterSet
from tutela.register.notices import period_words
from tutela.register.schema import Condition

COLUMNS = [
    "Controller",
    "Controller contact",
    "Data Protection Officer",
    "Service",
    "Purpose",
    "Lawful basis",
    "Special category condition",
    "Criminal offence condition",
    "Appropriate policy document",
    "Data subjects",
    "Categories of personal data",
    "Recipients",
    "Transfers outside the UK",
    "Retention",
    "Security measures",
    "Privacy notice",
    "Status",
]


@dataclass(frozen=True)
class RopaRow:
    values: list[str]


def _condition(condition: Condition | None) -> str:
    if condition is None:
        return ""
    schedule = f"; DPA 2018 Sch 1 {condition.schedule_1}" if condition.schedule_1 else ""
    return f"{condition.article}{schedule}: {condition.description}"


def ropa_rows(*, registers: RegisterSet, controller: str) -> list[RopaRow]:
    register = registers.controller(controller)
    details = register.controller
    subjects = {subject.key: subject.label for subject in registers.taxonomy.data_subjects}
    contact = ", ".join(part for part in (details.address, details.website) if part)
    dpo = ", ".join(part for part in (details.dpo.name, details.dpo.email, details.dpo.phone) if part)
    rows = []
    for service in register.services:
        retention = {item.key: item for item in service.retention}
        recipients = "; ".join(
            recipient.name + (" (retired)" if recipient.retired else "") for recipient in service.recipients
        )
        for purpose in service.purposes:
            kept = retention.get(purpose.retention)
            rows.append(
                RopaRow(
                    [
                        details.name,
                        contact,
                        dpo,
                        service.name,
                        purpose.description,
                        f"{purpose.lawful_basis.label} ({purpose.lawful_basis.article})"
                        + (f": {purpose.basis_detail}" if purpose.basis_detail else ""),
                        _condition(purpose.special_condition),
                        _condition(purpose.criminal_condition),
                        "Yes" if purpose.appropriate_policy_document else "No",
                        "; ".join(subjects.get(key, key) for key in purpose.data_subjects),
                        "; ".join(category.label for category in registers.categories(purpose.categories)),
                        recipients,
                        "None",
                        f"{kept.records}: {period_words(kept)}" if kept else "",
                        service.security,
                        f"/privacy/{details.key}/{service.key}/",
                        "Retired" if purpose.retired or service.retired else "Active",
                    ]
                )
            )
    return rows


def ropa_csv(*, registers: RegisterSet, controller: str) -> str:
    return csv_text(COLUMNS, (row.values for row in ropa_rows(registers=registers, controller=controller)))
