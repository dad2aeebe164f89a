"""Builds a synthetic, reproducible demo world: controllers, teams, users, schools, families and their
casework, with Dudley's Education Support Service holding a family at every stage of attendance enforcement.

Nothing here is a real person: names come from Faker's generator, identifiers are made up
(UPNs carry valid check letters but sit in an unused serial range of invented schools, and URNs
start at 990000, above any real school's). The same seed and size always give the same world,
and running it again updates that world in place rather than adding to it.

The parts, in the order they are built: ``world`` (controllers, teams, users, schools), ``families``
(children and parents), ``casework`` (a case, consent and records per child, for each case-holding
service), ``calendars`` (term dates and attendance marks) and ``ess_scenarios`` with ``ess_kit`` (Dudley's
attendance enforcement). The order is part of the seed: each part draws from the same random sequence.
"""

import random
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from faker import Faker

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.demo.calendars import attendance_build
from tutela.demo.casework import casework_build
from tutela.demo.clearing import demo_casework_clear
from tutela.demo.ess_kit import ESS_CONTROLLER
from tutela.demo.ess_scenarios import enforcement_build, enforcement_pupils
from tutela.demo.families import families_build
from tutela.demo.kit_runner import service_pupils, services_build
from tutela.demo.world import DEMO_PASSWORD, DemoSummary, controllers_and_teams_build, schools_build, users_build
from tutela.people.models import Person

__all__ = ["DEMO_PASSWORD", "demo_world_build"]


def demo_world_build(*, seed: int, children: int, progress: Callable[[int], None] = lambda done: None) -> DemoSummary:
    """Create or refresh the demo world for this seed and size, all in one transaction."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    with transaction.atomic():
        controllers = controllers_and_teams_build()
        schools = schools_build(rng)
        users = users_build(controllers, schools, fake)
        demo_casework_clear()
        child_count, parent_count = families_build(rng, fake, schools, children, progress)
        referring = {
            user.school_id for user in User.objects.filter(controller__slug=ESS_CONTROLLER, school__isnull=False)
        }
        chosen = enforcement_pupils(schools[ESS_CONTROLLER], {pk for pk in referring if pk is not None})
        for_services = service_pupils(schools=schools, referring=_referring_schools(), taken=_children(chosen))
        skip = _children(chosen) | {child.pk for _d, _s, child, _p in for_services}
        case_count, record_count = casework_build(rng, controllers, skip=skip)
        attendance_build(rng, {child.la_reference or "": s.attendance for s, child, _p in chosen})
        referral_count, enforcement_count = enforcement_build(rng, fake, schools[ESS_CONTROLLER], chosen)
        # The other four services' scenarios, through the casework kit.
        service_counts = services_build(chosen=for_services)
        audit_record(
            actor=None,
            action="demo_data_load",
            reason="synthetic demo data",
            detail={
                "seed": seed,
                "children": child_count,
                "parents": parent_count,
                "cases": case_count,
                "enforcement_cases": enforcement_count,
                "services": service_counts,
            },
        )
    school_count = sum(len(found) for found in schools.values())
    return DemoSummary(
        users=users,
        schools=school_count,
        children=child_count,
        parents=parent_count,
        cases=case_count,
        records=record_count,
        referrals=referral_count,
        enforcement_cases=enforcement_count,
        services=service_counts,
    )


def _referring_schools() -> set[int]:
    """The schools with a demo school user, who refers their pupils."""
    return {
        pk for pk in User.objects.filter(school__isnull=False).values_list("school_id", flat=True) if pk is not None
    }


def _children(chosen: Iterable[tuple[Any, Person, list[Person]]]) -> set[int]:
    return {child.pk for _s, child, _p in chosen}
