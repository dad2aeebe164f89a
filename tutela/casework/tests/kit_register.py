"""What a service's kit may name, checked against the register: shared by each service app's kit test.

A kit names register keys (purposes, categories) and its own (stages, steps, letters, fields); each
must exist and fit: a form, step or letter records only categories its purpose may touch, a consent
that comes with a referral is for a consent-based purpose, the public may submit only where the
register names parents or young people as a source, a step moves only to a stage its stages lead on
to, and every letter's template is found.
"""

from collections.abc import Iterator

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from tutela.casework.kit import Field, ServiceKit, Submitter
from tutela.register.api import register
from tutela.register.schema import Purpose, Service

# The register's sources that are the family itself.
_FAMILY_SOURCES = {"parents-carers", "parents", "young-people", "children-young-people", "families"}


def kit_controller(kit: ServiceKit) -> str:
    """The one controller whose register holds the kit's service."""
    found = [key for key, entry in register().registers.items() if any(s.key == kit.service for s in entry.services)]
    if len(found) != 1:
        raise AssertionError(f"{kit.service}: in {len(found)} registers, not exactly one")
    return found[0]


def _purpose_problems(service: Service, where: str, purpose: str, categories: tuple[str, ...]) -> Iterator[str]:
    entry: Purpose | None = next((p for p in service.purposes if p.key == purpose), None)
    if entry is None:
        yield f"{where}: the service has no purpose {purpose!r}"
        return
    if entry.retired:
        yield f"{where}: the purpose {purpose!r} is retired"
    outside = [key for key in categories if key not in entry.categories]
    if outside:
        yield f"{where}: {purpose!r} may not touch {', '.join(outside)}"
    if not categories:
        yield f"{where}: names no categories"


def _field_problems(where: str, fields: tuple[Field, ...]) -> Iterator[str]:
    keys = [spec.key for spec in fields]
    if len(set(keys)) != len(keys):
        yield f"{where}: a field key is used twice"
    for spec in fields:
        if spec.kind in ("choice", "multichoice") and not spec.choices:
            yield f"{where}: {spec.key} offers no choices"
        if spec.choices and spec.kind not in ("choice", "multichoice"):
            yield f"{where}: {spec.key} has choices but is not a choice"


def _intake_problems(kit: ServiceKit, service: Service) -> Iterator[str]:
    stages = {stage.key for stage in kit.stages}
    public_allowed = any(source.key in _FAMILY_SOURCES for source in service.sources)
    for form in kit.intake:
        where = f"intake form {form.key}"
        yield from _purpose_problems(service, where, form.purpose, form.categories)
        yield from _field_problems(where, form.fields)
        if not form.submitters:
            yield f"{where}: nobody may submit it"
        if Submitter.PUBLIC in form.submitters and not public_allowed:
            yield f"{where}: the public may submit it, but the register names no parents or young people as a source"
        if form.consent_purpose:
            consent = next((p for p in service.purposes if p.key == form.consent_purpose), None)
            if consent is None or not consent.needs_consent:
                yield f"{where}: {form.consent_purpose!r} is not a consent-based purpose of the service"
        if form.opening_stage and form.opening_stage not in stages:
            yield f"{where}: opens at an unknown stage {form.opening_stage!r}"


def _step_problems(kit: ServiceKit, service: Service) -> Iterator[str]:
    stages = {stage.key: stage for stage in kit.stages}
    letters = {letter.key for letter in kit.letters}
    keys = [step.key for step in kit.steps]
    if len(set(keys)) != len(keys):
        yield "a step key is used twice"
    for step in kit.steps:
        where = f"step {step.key}"
        yield from _purpose_problems(service, where, step.purpose, step.categories)
        yield from _field_problems(where, step.fields)
        unknown = [key for key in step.stages if key not in stages]
        if unknown:
            yield f"{where}: valid at unknown stages {unknown}"
        if step.moves_to:
            if step.moves_to not in stages:
                yield f"{where}: moves to an unknown stage {step.moves_to!r}"
            for key in step.stages or tuple(stages):
                if key in stages and step.moves_to != key and step.moves_to not in stages[key].next:
                    yield f"{where}: moves from {key!r} to {step.moves_to!r}, which {key!r} does not lead to"
        if step.letter and step.letter not in letters:
            yield f"{where}: sends an unknown letter {step.letter!r}"
        dated = {spec.key: spec.kind for spec in step.fields}
        if step.happened and dated.get(step.happened) != "date":
            yield f"{where}: is dated by {step.happened!r}, which is not one of its date fields"


def kit_register_problems(kit: ServiceKit) -> list[str]:
    """Every way the kit does not fit its service's register entry, or itself; empty when it fits."""
    service = register().service(kit_controller(kit), kit.service)
    problems = [*_intake_problems(kit, service), *_step_problems(kit, service)]
    stage_keys = {stage.key for stage in kit.stages}
    for stage in kit.stages:
        problems += [
            f"stage {stage.key}: leads to an unknown stage {key!r}" for key in stage.next if key not in stage_keys
        ]
    for letter in kit.letters:
        problems += _purpose_problems(service, f"letter {letter.key}", letter.purpose, letter.categories)
        try:
            get_template(letter.template)
        except TemplateDoesNotExist:
            problems.append(f"letter {letter.key}: no template {letter.template}")
    return problems
