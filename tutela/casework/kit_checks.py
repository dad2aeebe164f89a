"""A kit checked against the register: every purpose and category it names must be the register's,
for its service, and the purpose must be allowed to touch the categories; the public may submit
only where the register names parents or young people as a source; stages named must exist.

Run as a Django system check at start-up (``casework.apps``), so a kit can never ask to record
what its service's register entry does not allow.
"""

from typing import Any

from django.core.checks import CheckMessage, Error

from tutela.casework.kit import ServiceKit, Submitter, kits
from tutela.register.api import RegisterSet, register
from tutela.register.schema import Service

# The register's source keys that mean the family itself: a service naming one takes requests from
# parents or young people, so a form may let the public submit.
PUBLIC_SOURCES = frozenset({"parents-carers", "parents", "young-people", "children-young-people", "families"})


def _uses(registers: RegisterSet, service: Service, where: str, purpose: str, categories: tuple[str, ...]) -> list[str]:
    """What is wrong with one use of a purpose and its categories."""
    entry = next((p for p in service.purposes if p.key == purpose), None)
    if entry is None:
        return [f"{where}: the service '{service.key}' has no purpose '{purpose}'"]
    problems = []
    for key in categories:
        try:
            registers.category(key)
        except LookupError:
            problems.append(f"{where}: unknown category '{key}'")
            continue
        if key not in entry.categories:
            problems.append(f"{where}: purpose '{purpose}' may not touch '{key}'")
    return problems


def _stages(kit: ServiceKit) -> list[str]:
    keys = {stage.key for stage in kit.stages}
    problems = [] if kit.stages else [f"{kit.service}: the kit has no stages"]
    named: list[tuple[str, str]] = [(f"stage '{s.key}' next", n) for s in kit.stages for n in s.next]
    named += [(f"intake form '{f.key}' opening stage", f.opening_stage) for f in kit.intake if f.opening_stage]
    named += [(f"step '{s.key}'", stage) for s in kit.steps for stage in s.stages]
    named += [(f"step '{s.key}' moves to", s.moves_to) for s in kit.steps if s.moves_to]
    problems += [f"{kit.service}: {where}: no stage '{key}'" for where, key in named if key not in keys]
    letters = {letter.key for letter in kit.letters}
    problems += [
        f"{kit.service}: step '{s.key}': no letter '{s.letter}'"
        for s in kit.steps
        if s.letter and s.letter not in letters
    ]
    return problems


def _service_problems(registers: RegisterSet, kit: ServiceKit, service: Service) -> list[str]:
    problems = []
    uses: list[tuple[str, str, tuple[str, ...]]] = [
        (f"intake form '{f.key}'", f.purpose, f.categories) for f in kit.intake
    ]
    uses += [(f"step '{s.key}'", s.purpose, s.categories) for s in kit.steps]
    uses += [(f"letter '{letter.key}'", letter.purpose, letter.categories) for letter in kit.letters]
    for where, purpose, categories in uses:
        problems += _uses(registers, service, f"{kit.service}: {where}", purpose, categories)
    public = any(source.key in PUBLIC_SOURCES for source in service.sources)
    for form in kit.intake:
        if Submitter.PUBLIC in form.submitters and not public:
            problems.append(
                f"{kit.service}: intake form '{form.key}' lets the public submit, but the register names no "
                "parents or young people as a source of the service"
            )
        consent = next((p for p in service.purposes if p.key == form.consent_purpose), None)
        if form.consent_purpose and (consent is None or not consent.needs_consent):
            problems.append(
                f"{kit.service}: intake form '{form.key}': '{form.consent_purpose}' is not a purpose of the "
                "service that rests on consent"
            )
    return problems


def kit_problems(kit: ServiceKit) -> list[str]:
    """Every way the kit disagrees with the register (empty when it agrees)."""
    registers = register()
    services = [
        service for entry in registers.registers.values() for service in entry.services if service.key == kit.service
    ]
    if not services:
        return [f"{kit.service}: no register holds this service"]
    problems = _stages(kit)
    for service in services:
        problems += _service_problems(registers, kit, service)
    return list(dict.fromkeys(problems))


def kits_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The Django system check: each problem of each registered kit is an error."""
    return [Error(problem, id="casework.E001") for kit in kits() for problem in kit_problems(kit)]
