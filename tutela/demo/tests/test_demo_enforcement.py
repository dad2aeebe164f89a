"""demo_data gives Dudley's Education Support Service a family at every stage of attendance
enforcement, each made through the enforcement services, so the law's amounts and clocks hold in it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from tutela.accounts.models import User
from tutela.casework.models import Case, CaseTask, Referral
from tutela.casework.referrals import referrals_submitted as referrals_for_school
from tutela.enforcement.models import PenaltyNotice, PenaltyPayment, Prosecution, StepEntry
from tutela.enforcement.rules import PaymentState
from tutela.enforcement.selectors import case_clocks
from tutela.enforcement.services import PenaltyNoticeRefused, notice_state, penalty_notice_check
from tutela.enforcement.stages import CME_ENQUIRIES, STAGE_NAMES, STEPS
from tutela.records.models import Document

pytestmark = pytest.mark.django_db

# Demo children go to the schools in turn: 80 gives Dudley's schools a family for every scenario.
ENOUGH_CHILDREN = "80"


def _build() -> None:
    call_command("demo_data", "--seed", "11", "--children", ENOUGH_CHILDREN, stdout=StringIO())


def test_dudley_has_a_family_at_every_stage_and_each_school_sees_its_own_referrals():
    _build()
    # Enforcement cases: referred, or opened from the worklist with a step or notice. (Other demo cases of the
    # service now open through case_open too, so they share the DUD- series and a prefix no longer tells them apart.)
    enforcement = Q(referral__isnull=False) | Q(steps__isnull=False) | Q(penalty_notices__isnull=False)
    ess = Case.objects.filter(controller__slug="dudley", service="education-support").filter(enforcement)
    cases = Case.objects.filter(pk__in=ess.values("pk"))
    assert set(cases.values_list("stage", flat=True)) == set(STAGE_NAMES)
    assert set(StepEntry.objects.values_list("step", flat=True)) == {step.key for step in STEPS}
    ess_referrals = Referral.objects.filter(service="education-support")  # the other services' are the kit demo's
    assert set(ess_referrals.values_list("status", flat=True)) == set(Referral.Status.values)
    assert cases.filter(closed_at__isnull=False).count() >= 3
    workers = set(cases.values_list("allocated_worker__username", flat=True))
    assert workers == {"dudley-caseworker", "dudley-caseworker2"}
    seen = 0
    for username in ("dudley-school", "dudley-school-dsl"):
        school_user = User.objects.get(username=username)
        referrals = referrals_for_school(actor=school_user)
        assert referrals and {referral.school_id for referral in referrals} == {school_user.school_id}
        seen += len(referrals)
    assert seen == ess_referrals.count()
    assert 0 < Document.objects.filter(content_type="application/pdf").count() < 40  # letters are slow to render


def test_the_demo_notices_prosecutions_and_deletions_follow_the_law():
    _build()
    notices = list(PenaltyNotice.objects.prefetch_related("payments", "prosecutions"))
    assert {notice_state(notice) for notice in notices} >= {
        PaymentState.AWAITING,
        PaymentState.PAID,
        PaymentState.PART_PAID,
        PaymentState.UNPAID,
        PaymentState.WITHDRAWN,
    }
    assert all(notice.unauthorised_sessions >= 10 for notice in notices)  # the national threshold
    assert any(n.discount_pence == 8000 and n.discount_until >= timezone.localdate() for n in notices)
    second = next(n for n in notices if n.sequence == 2 and notice_state(n) == PaymentState.AWAITING)
    assert second.full_pence == 16000 and second.discount_pence is None
    assert PenaltyPayment.objects.filter(amount_pence__lt=8000).exists()  # a part payment

    unpaid = next(n for n in notices if notice_state(n) == PaymentState.UNPAID and not n.prosecutions.all())
    sweep_task = CaseTask.objects.get(kind="pn-unpaid", about=f"pn:{unpaid.pk}")
    assert sweep_task.assigned_to == unpaid.case.allocated_worker

    both_paid = next(n for n in notices if n.sequence == 2 and notice_state(n) == PaymentState.PAID)
    with pytest.raises(PenaltyNoticeRefused, match="third penalty notice"):
        penalty_notice_check(parent=both_paid.parent, child=both_paid.child, issue_on=timezone.localdate())

    convicted = Prosecution.objects.get(outcome=Prosecution.Outcome.CONVICTED)
    assert convicted.information_laid_on and convicted.fine_pence and convicted.costs_pence
    assert convicted.hearings.count() == 2
    steps = set(convicted.case.steps.values_list("step", flat=True))
    assert {"interview-under-caution", "witness-statement"} <= steps
    pending = Prosecution.objects.get(outcome="")
    assert [clock.state for clock in case_clocks(case=pending.case) if "s127" in clock.name] == ["warning"]
    assert pending.bundles.exists()

    deletion = StepEntry.objects.get(step="register-deletion", data__ground="reg9-cme")
    assert all(deletion.data[key] is True for key, _label in CME_ENQUIRIES)
