"""Stored marks as a Polars frame, for the measures (column-wise from there on)."""

from dataclasses import dataclass
from datetime import date

import polars as pl

from tutela.attendance.measures import attendance_flags
from tutela.attendance.models import AttendanceYear
from tutela.attendance.packing import unpack
from tutela.casework.models import Case
from tutela.governance.gate import Action, Touch, decide_groups
from tutela.governance.models import User
from tutela.people.models import Person, School
from tutela.register.api import register


def stored_marks() -> pl.LazyFrame:
    """Every stored mark: upn, school_urn, date, session, code."""
    stored = AttendanceYear.objects.values_list("person__upn", "school__urn", "academic_year", "marks")
    rows = [(upn or "", urn, year, marks) for upn, urn, year, marks in stored.iterator(chunk_size=2000)]
    return unpack(rows).lazy()


@dataclass(frozen=True)
class WorklistRow:
    person: Person
    school_urn: str
    window_start: date
    window_end: date
    unauthorised: int


def threshold_worklist(*, actor: User, service: str, as_of: date) -> list[WorklistRow]:
    """Pupils at the actor's LA's schools who meet the penalty-notice threshold and have no open case
    in this service: suggestions for a person's decision, never an action.

    Only for an actor whose team delivers the service; each pupil passes the gate (read, under the
    service's purpose that covers attendance), and the page is audited as one batch.
    """
    controller = actor.controller
    if controller is None or not controller.la_code or not actor.teams.filter(service=service).exists():
        return []
    purpose = next(
        (
            p
            for p in register().service(controller.slug, service).purposes
            if {"child.identity.name", "child.education.attendance"} <= set(p.categories) and not p.retired
        ),
        None,
    )
    if purpose is None:
        return []
    urns = list(School.objects.filter(la_code=controller.la_code).values_list("urn", flat=True))
    flags = attendance_flags(stored_marks().filter(pl.col("school_urn").is_in(urns)), as_of=as_of)
    met = flags.filter(pl.col("pn_threshold_met")).unique(subset="upn", keep="last")
    if met.is_empty():
        return []
    people = {p.upn: p for p in Person.objects.filter(upn__in=met["upn"].to_list())}
    open_cases = set(
        Case.objects.filter(child__in=people.values(), service=service, closed_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    candidates = [
        row for row in met.iter_rows(named=True) if row["upn"] in people and people[row["upn"]].pk not in open_cases
    ]
    touches = [
        (
            Touch(
                subject=people[row["upn"]],
                controller=controller.slug,
                service=service,
                purpose=purpose.key,
                categories=("child.identity.name", "child.education.attendance"),
                object_type="attendance.worklist",
                object_id=row["upn"],
            ),
            [row["upn"]],
        )
        for row in candidates
    ]
    decisions = decide_groups(actor=actor, action=Action.READ, groups=touches, summary="attendance threshold worklist")
    return [
        WorklistRow(
            people[row["upn"]],
            row["school_urn"],
            row["pn_window_start"],
            row["pn_window_end"],
            int(row["unauthorised_absence"]),
        )
        for row, decision in zip(candidates, decisions, strict=True)
        if decision.allowed
    ]
