"""The runner gives every scenario of every kit service a demo child and performs each action with the
right people, dates and answers. The kit's intake and step services are stood in for here by fakes
that open cases and move stages through casework's own services; the real ones are exercised by
test_demo_every_service_through_the_kit once they are installed."""

import random
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from faker import Faker

from tutela.casework.kit import kit_for
from tutela.casework.models import Case, CaseTask
from tutela.casework.services import case_open, case_set_stage
from tutela.consent.models import Consent, Objection
from tutela.consent.services import consent_give
from tutela.demo.families import families_build
from tutela.demo.kit_runner import SERVICE_DEMOS, KitServices, service_pupils, services_build
from tutela.demo.world import controllers_and_teams_build, schools_build, users_build
from tutela.governance.models import Team, User

pytestmark = pytest.mark.django_db


class _FakeKit:
    """Stands in for casework.intake and casework.steps, keeping every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def submit(self, **kw: Any) -> SimpleNamespace:
        self.calls.append(("submit", kw))
        form = kit_for(kw["service"]).intake_form(kw["form"])
        team = Team.objects.get(service=kw["service"])
        if form.consent_purpose:
            consent_give(
                actor=User.objects.filter(teams=team).earliest("pk"),
                subject=kw["child"],
                given_by=kw["family"][0],
                controller=team.controller,
                service=kw["service"],
                purposes=[form.consent_purpose],
                form_reference=kw["answers"]["consent_evidence"],
                given_on=kw["as_of"],
            )
        return SimpleNamespace(service=kw["service"], form=form, child=kw["child"], family=kw["family"])

    def accept(self, **kw: Any) -> Case:
        self.calls.append(("accept", kw))
        referral, team = kw["referral"], kw["team"]
        kit = kit_for(referral.service)
        return case_open(
            actor=kw["actor"],
            controller=team.controller,
            service=referral.service,
            child=referral.child,
            team=team,
            family=referral.family,
            allocated_worker=kw["allocate_to"],
            stage=referral.form.opening_stage or kit.stages[0].key,
        )

    def return_(self, **kw: Any) -> None:
        self.calls.append(("return", kw))

    def step(self, **kw: Any) -> None:
        self.calls.append(("step", kw))
        step = kit_for(kw["case"].service).step(kw["step_key"])
        if step.moves_to:
            case_set_stage(actor=kw["actor"], case=kw["case"], stage=step.moves_to)

    def services(self) -> KitServices:
        return KitServices(self.submit, self.accept, self.return_, self.step, "consent_given_by", "consent_evidence")


@pytest.fixture
def demo_people():
    fake = Faker("en_GB")
    fake.seed_instance(3)
    rng = random.Random(3)
    controllers = controllers_and_teams_build()
    schools = schools_build(rng)
    users_build(controllers, schools, fake)
    families_build(rng, fake, schools, 120, lambda done: None)
    referring = set(User.objects.filter(school__isnull=False).values_list("school_id", flat=True))
    return service_pupils(schools=schools, referring=referring, taken=set())


def test_every_scenario_gets_a_child_and_every_action_is_performed(demo_people):
    assert len(demo_people) == sum(len(demo.scenarios) for demo in SERVICE_DEMOS)
    fake = _FakeKit()
    counts = services_build(services=fake.services(), chosen=demo_people)
    assert len(counts) == len(SERVICE_DEMOS) and all(cases for _referrals, cases in counts.values())
    kinds = [kind for kind, _kw in fake.calls]
    assert kinds.count("submit") == len(demo_people)
    assert {"accept", "return", "step"} <= set(kinds)
    answers = [value for _kind, kw in fake.calls for value in kw.get("answers", {}).values()]
    assert not [value for value in answers if isinstance(value, str) and "{" in value], "names put into every text"
    steps = [kw for kind, kw in fake.calls if kind == "step"]
    assert all(kw["actor"] == kw["case"].allocated_worker for kw in steps)
    for kw in steps:
        step = kit_for(kw["case"].service).step(kw["step_key"])
        assert kw["answers"].get("rationale") or not step.decision
        assert not step.happened or kw["answers"][step.happened] <= timezone.localdate()


def test_consents_are_withdrawn_objections_answered_tasks_set_and_cases_closed(demo_people):
    services_build(services=_FakeKit().services(), chosen=demo_people)
    withdrawn = Consent.objects.filter(withdrawn_on__isnull=False)
    assert set(withdrawn.values_list("service", flat=True)) == {"engagement-centres", "targeted-education-support"}
    objections = Objection.objects.all()
    assert set(objections.values_list("service", flat=True)) == {"sen-safeguarding", "pupil-data"}
    assert objections.filter(status=Objection.Status.NOT_UPHELD).exists()
    for demo in SERVICE_DEMOS:
        cases = Case.objects.filter(service=demo.service)
        assert cases.filter(closed_at__isnull=False).exists() and cases.filter(closed_at__isnull=True).exists()
        assert CaseTask.objects.filter(case__in=cases, assigned_to__isnull=False).exists()
        assert "{" not in "".join(cases.values_list("close_reason", flat=True))
