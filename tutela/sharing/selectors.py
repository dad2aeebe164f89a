"""Who holds a person's data, the DPO's queue of sharing without consent, and the agreements."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from tutela.accounts.models import User
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Decision, Touch, decide_many
from tutela.people.models import Person
from tutela.register.api import register
from tutela.sharing.models import Disclosure, DisclosureLogEntry


@dataclass(frozen=True)
class Holder:
    recipient: str
    recipient_name: str
    categories: list[str]
    last_sent: datetime
    times: int


def recipients_holding(*, person: Person) -> list[Holder]:
    """Every recipient that has received data about this person, with all the categories they hold.

    For notifying recipients of rectification, restriction and erasure (Art 19), and for the SAR.
    """
    holders: dict[str, Holder] = {}
    for entry in DisclosureLogEntry.objects.filter(subject=person).order_by("sent_at"):
        previous = holders.get(entry.recipient)
        categories = list(dict.fromkeys([*(previous.categories if previous else []), *entry.categories]))
        holders[entry.recipient] = Holder(
            entry.recipient, entry.recipient_name, categories, entry.sent_at, (previous.times if previous else 0) + 1
        )
    return sorted(holders.values(), key=lambda holder: holder.recipient_name)


def disclosures_without_consent_to_review(*, reviewer: "User") -> QuerySet[Disclosure]:
    """Sharing without consent on safeguarding grounds, waiting for the review of the DPO of the
    controller that shared (each DPO oversees their own controller only, UK GDPR Art 39)."""
    if reviewer.controller_id is None:
        return Disclosure.objects.none()
    return Disclosure.objects.exclude(without_consent_justification="").filter(
        dpo_reviewed_at__isnull=True, controller_id=reviewer.controller_id
    )


@dataclass(frozen=True)
class AgreementRow:
    controller: str
    service: str
    recipient: str
    reference: str
    review_date: date
    expired: bool
    categories: list[str]
    transfer_method: str


def agreements_index(*, today: date, viewer: "User") -> list[AgreementRow]:
    """The information-sharing agreements the viewer's controller is a party to (those in its own
    register), soonest review first; another controller's agreements are not its business."""
    rows = []
    own = viewer.controller.slug if viewer.controller is not None else None
    for key, found in register().registers.items():
        if key != own:
            continue
        for service in found.services:
            for recipient in service.recipients:
                if recipient.agreement is None or recipient.retired:
                    continue
                agreement = recipient.agreement
                rows.append(
                    AgreementRow(
                        found.controller.name,
                        service.name,
                        recipient.name,
                        agreement.reference,
                        agreement.review_date,
                        agreement.review_date < today,
                        list(agreement.categories_allowed),
                        agreement.transfer_method,
                    )
                )
    return sorted(rows, key=lambda row: (row.review_date, row.controller, row.recipient))


def disclosure_for_review(*, reviewer: "User", disclosure_id: int) -> Disclosure:
    """A disclosure made without consent by the reviewer's own controller; another's is refused (403)."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        disclosure = (
            Disclosure.objects.exclude(without_consent_justification="")
            .select_related("proposed_by")
            .get(pk=disclosure_id)
        )
    except Disclosure.DoesNotExist:
        raise Http404("No such disclosure to review") from None
    if disclosure.controller_id != reviewer.controller_id:
        raise PermissionDenied("Another controller's DPO reviews this disclosure")
    return disclosure


def disclosure_for_actor(*, actor: User, disclosure_id: int) -> Disclosure:
    """A disclosure the gate lets the actor read for every person in it: its purpose and the categories
    it sends, through the register, basis, restriction, objection and need to know (one audit entry)."""

    disclosure = Disclosure.objects.select_related("controller", "proposed_by", "decided_by").get(pk=disclosure_id)
    touches = [
        Touch(
            subject=subject,
            controller=disclosure.controller.slug,
            service=disclosure.service,
            purpose=disclosure.purpose,
            categories=tuple(disclosure.categories_sent),
            object_type="sharing.disclosure",
            object_id=str(disclosure.pk),
        )
        for subject in disclosure.subjects.all()
    ]
    decisions = decide_many(actor=actor, action=Action.READ, touches=touches, summary="sharing.disclosure")
    refused = [reason for decision in decisions if not decision for reason in decision.reasons]
    if refused:
        raise GateDenied(Decision(False, tuple(dict.fromkeys(refused))))
    return disclosure


def share_choices(*, controller: str, service: str) -> dict[str, list[tuple[str, str]]]:
    """Recipients, purposes and categories a worker may choose from, as the register gives them."""
    found = register().service(controller, service)
    keys = sorted({key for purpose in found.purposes for key in purpose.categories})
    return {
        "recipients": [(r.key, r.name) for r in found.recipients if not r.retired],
        "purposes": [(p.key, p.description) for p in found.purposes if not p.retired],
        "categories": [(c.key, c.label) for c in register().categories(keys)],
    }
