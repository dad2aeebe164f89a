"""Removing an earlier run's demo casework, so that a run rebuilds it from its seed alone.

Direct ORM deletes: no service removes casework (real records leave only through retention and disposal,
which keep their evidence); these rows are synthetic, of demo children only, and are made again at once."""

from django.db import transaction
from django.db.models import PROTECT, Q, QuerySet

from tutela.casework.models import Case, CaseFlag, ReferenceCounter, Referral
from tutela.consent.models import Consent, Objection
from tutela.enforcement import models as enforcement
from tutela.records.models import Document, Record


def demo_casework_clear() -> None:
    """Remove the casework of earlier demo runs, so a run rebuilds it from its seed alone.

    A demo case is one about a demo child: enforcement cases carry the service's own references.
    """

    demo = {"subject__la_reference__startswith": "DEMO-"}
    cases = Case.objects.filter(Q(reference__startswith="DEMO-") | Q(child__la_reference__startswith="DEMO-"))
    _clear_demo_enforcement(cases)
    _clear_demo_kit_casework(cases)
    Consent.objects.filter(**demo).delete()
    Objection.objects.filter(**demo).delete()
    documents = Document.objects.filter(record__subject__la_reference__startswith="DEMO-")
    _unlink_after_commit(list(documents.values_list("storage_name", flat=True)))
    documents.delete()
    Record.objects.filter(**demo).delete()
    CaseFlag.objects.filter(case__in=cases).delete()
    cases.delete()


def _clear_demo_kit_casework(cases: "QuerySet[Case]") -> None:
    """The kit's referrals of demo children, then casework's other rows that protect a demo case (its
    steps): they hold records and cases, so they go before them. Records go later, with their documents."""
    Referral.objects.filter(child__la_reference__startswith="DEMO-").delete()
    for relation in Case._meta.related_objects:
        model = relation.related_model
        if relation.on_delete is PROTECT and model is not Referral and model._meta.app_label == "casework":  # type: ignore[union-attr]
            related = relation.related_model._default_manager  # type: ignore[union-attr]
            related.filter(**{f"{relation.field.name}__in": cases}).delete()


def _clear_demo_enforcement(cases: "QuerySet[Case]") -> None:
    """Enforcement rows protect their cases, records and people, so they go first, leaves before roots."""

    enforcement.BundleDisclosure.objects.filter(bundle__prosecution__case__in=cases).delete()
    enforcement.EvidenceBundle.objects.filter(prosecution__case__in=cases).delete()
    enforcement.Prosecution.objects.filter(case__in=cases).delete()
    enforcement.PenaltyPayment.objects.filter(notice__case__in=cases).delete()
    enforcement.PenaltyNotice.objects.filter(case__in=cases).delete()
    enforcement.StepEntry.objects.filter(case__in=cases).delete()
    enforcement.LegalDecision.objects.filter(case__in=cases).delete()
    Referral.objects.filter(child__la_reference__startswith="DEMO-").delete()
    # The demo rebuilds its reference series from the start (a real system never reuses a number);
    # only series no surviving row uses are reset.

    surviving = [
        *Case.objects.exclude(pk__in=cases.values("pk")).values_list("reference", flat=True),
        *Referral.objects.values_list("reference", flat=True),
        *enforcement.PenaltyNotice.objects.exclude(case__in=cases).values_list("reference", flat=True),
    ]
    for counter in ReferenceCounter.objects.all():
        if not any(reference.startswith(counter.prefix) for reference in surviving):
            counter.delete()


def _unlink_after_commit(storage_names: list[str]) -> None:
    """Delete demo documents' files once their rows are gone for good (never if the run rolls back)."""
    from django.conf import settings

    def unlink() -> None:
        for name in storage_names:
            (settings.DOCUMENT_STORE_DIR / name).unlink(missing_ok=True)

    transaction.on_commit(unlink)
