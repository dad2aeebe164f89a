"""What the gate needs to know of subjects' consents and objections (registered with the gate at
start-up by tutela.consent.apps, since the gate sits below consent)."""

from tutela.consent.models import Consent, Objection
from tutela.governance.gate import SubjectContext


def subject_facts(ids: list[int], contexts: dict[int, SubjectContext]) -> None:
    """Fill in each subject's live consents and upheld objections, as (controller, service, purpose)."""
    consents = Consent.objects.filter(subject_id__in=ids, withdrawn_on__isnull=True).order_by()
    # A consent covers exactly the purposes it names.
    for subject_id, controller, service, purposes in consents.values_list(
        "subject_id", "controller__slug", "service", "purposes"
    ):
        contexts[subject_id].live_consents.update((controller, service, purpose) for purpose in purposes)
    columns = ("subject_id", "controller__slug", "service", "purpose")
    objections = Objection.objects.filter(subject_id__in=ids, status=Objection.Status.UPHELD).order_by()
    for subject_id, controller, service, purpose in objections.values_list(*columns):
        contexts[subject_id].upheld_objections.add((controller, service, purpose))
