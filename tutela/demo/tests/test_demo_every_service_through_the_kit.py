"""demo_data gives each of the four kit services (Engagement Centres, TESS, Werneth's SEN and
safeguarding, pupil data) referrals waiting and triaged, open and closed cases with tasks for its
demo workers, and a consent withdrawn or an objection raised, all made through the kit's services,
and the same again for the same seed."""

from io import StringIO

import pytest
from django.core.management import call_command

from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseTask, Referral
from tutela.consent.models import Consent, Objection
from tutela.demo.kit_runner import SERVICE_DEMOS

pytestmark = pytest.mark.django_db

# 120 children give the referring Wigan schools and Werneth a child for every scenario.
CHILDREN = "120"


def _build(seed: str = "5") -> None:
    call_command("demo_data", "--seed", seed, "--children", CHILDREN, stdout=StringIO())


def _snapshot() -> list[tuple[object, ...]]:
    referrals = Referral.objects.order_by("reference").values_list(
        "reference", "service", "form", "child__la_reference", "status", "case__reference"
    )
    cases = Case.objects.order_by("reference").values_list("reference", "stage", "allocated_worker__username")
    tasks = CaseTask.objects.order_by("case__reference", "title").values_list("case__reference", "title", "due_on")
    return [*referrals, *cases, *tasks]


def test_every_kit_service_has_referrals_open_and_closed_cases_and_tasks():
    _build()
    for demo in SERVICE_DEMOS:
        referrals = Referral.objects.filter(service=demo.service)
        assert set(referrals.values_list("status", flat=True)) >= {"submitted", "returned", "accepted"}, demo.service
        cases = Case.objects.filter(service=demo.service, referral__isnull=False)
        assert cases.filter(closed_at__isnull=True).exists() and cases.filter(closed_at__isnull=False).exists()
        assert CaseTask.objects.filter(case__in=cases, assigned_to__isnull=False, done_at__isnull=True).exists()
        assert {case.stage for case in cases} - {""}, f"{demo.service}: cases move through the kit's stages"


def test_consents_are_withdrawn_or_objections_raised_and_everything_went_through_the_gate():
    _build()
    withdrawn = Consent.objects.filter(withdrawn_on__isnull=False).values_list("service", flat=True)
    assert {"engagement-centres", "targeted-education-support"} <= set(withdrawn)
    assert {"sen-safeguarding", "pupil-data"} <= set(Objection.objects.values_list("service", flat=True))
    assert AuditEntry.objects.filter(action="referral_submit").count() == Referral.objects.count()


def test_the_same_seed_gives_the_same_kit_casework():
    _build("6")
    first = _snapshot()
    _build("6")
    assert _snapshot() == first
