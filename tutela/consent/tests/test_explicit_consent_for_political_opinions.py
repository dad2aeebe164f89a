"""Art 9(2)(a): where a purpose's condition for special category data is explicit consent, the gate
lets that data in only under a live consent covering the purpose, and consent_give records one.

Seed 000 (Wigan Engagement Centres) uses political opinions for equal-opportunities monitoring on
a public-task basis; DPA 2018 Sch 1 para 8 does not reach political opinions, so the register's
condition is explicit consent.
"""

import pytest
from django.utils import timezone

from tutela.consent.services import consent_give, consent_withdraw
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide
from tutela.records.models import Record
from tutela.records.services import record_create

PURPOSE = "equal-opportunities-political-opinions"
CATEGORIES = ("child.special.political-opinions",)


def _touch(casework):
    return Touch(
        subject=casework.child,
        controller="wigan",
        service="engagement-centres",
        purpose=PURPOSE,
        categories=CATEGORIES,
        case_id=casework.case.pk,
        case_team_id=casework.case.owning_team_id,
        case_worker_id=casework.case.allocated_worker_id,
    )


def _consent(world, casework):
    return consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purposes=[PURPOSE],
        form_reference="EO-Q7",
        given_on=timezone.localdate(),
    )


def _record(world, casework):
    return record_create(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose=PURPOSE,
        categories=list(CATEGORIES),
        kind="file_note",
        title="Equal opportunities monitoring answer",
        body="Answer given on the monitoring form",
        occurred_on=timezone.localdate(),
        source=Record.Source.OFFICER,
        case=casework.case,
    )


def test_political_opinions_are_refused_without_a_live_explicit_consent(world, casework):
    decision = decide(actor=world.users["assigned_caseworker"], action=Action.CREATE, touch=_touch(casework))
    assert not decision.allowed
    assert decision.codes == ("no-explicit-consent",)
    assert "only with the person's explicit consent, and there is no live consent" in decision.reasons[0]
    with pytest.raises(GateDenied):
        _record(world, casework)


def test_consent_give_records_the_explicit_consent_and_the_gate_then_allows(world, casework):
    consent = _consent(world, casework)
    assert consent.purposes == [PURPOSE]
    assert _record(world, casework).pk
    assert decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=_touch(casework)).allowed


def test_withdrawing_the_explicit_consent_stops_the_processing(world, casework):
    consent = _consent(world, casework)
    consent_withdraw(
        actor=world.users["assigned_caseworker"],
        consent=consent,
        withdrawn_by=casework.mother,
        withdrawn_on=timezone.localdate(),
    )
    assert not decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=_touch(casework)).allowed


def test_a_consent_for_another_purpose_does_not_count(world, casework):
    consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="EC-1",
        given_on=timezone.localdate(),
    )
    assert not decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=_touch(casework)).allowed


def test_the_other_monitoring_categories_keep_their_own_condition(world, casework):
    touch = Touch(
        subject=casework.child,
        controller="wigan",
        service="engagement-centres",
        purpose="equal-opportunities-monitoring",
        categories=("child.special.ethnicity",),
        case_id=casework.case.pk,
        case_team_id=casework.case.owning_team_id,
        case_worker_id=casework.case.allocated_worker_id,
    )
    assert decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=touch).allowed
