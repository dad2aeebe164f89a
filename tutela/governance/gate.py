"""The processing gate: the one policy decision point for every touch of personal data.

ARCHITECTURE.md, "One gate for every touch of personal data". A decision checks, in order:
1. the register: the purpose exists for the service, is not retired, covers this kind of data
   subject, and may touch every category involved;
2. the lawful basis: a live consent where the purpose rests on consent; an Art 9 or Art 10
   condition where special-category or criminal-offence data is involved (and a live consent
   covering the purpose where that condition is explicit consent);
3. restriction (Art 18) of the subject or the record, and upheld objections (Art 21); where the
   register limits a service to named roles (access_limited_to), only their holders;
4. the actor's need to know: allocated to the case, in its owning team, or holding a role with
   service-wide reach in a team of that service; a school user only what their school submitted;
5. otherwise an active break-glass grant of the actor's own controller for that service
   (time-limited, reviewed by the DPO; governance.break_glass says who may open one).
Every decision, allowed or denied, is written to the audit log with its purpose and reasons.
The checks themselves are pure functions over preloaded context, so a page of 200 records costs
a fixed handful of queries and one audit entry.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.governance import refusals
from tutela.governance.models import BreakGlassGrant
from tutela.governance.refusals import NO_NEED_TO_KNOW as NO_NEED_TO_KNOW  # re-exported: callers compare with it
from tutela.governance.refusals import Refusal
from tutela.people.models import Person
from tutela.register.api import RegisterSet, register
from tutela.register.schema import LawfulBasis

# A reason the gate refuses, as its code and its sentence (tutela.governance.refusals words them).
Reason = tuple[Refusal, str]


class Action(StrEnum):
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    EXPORT = "export"
    SHARE = "share"
    DISPOSE = "dispose"
    # Recording a person's consent to a purpose: the act that creates the basis a consent-based
    # purpose rests on, so it cannot itself need a live consent (every other check applies).
    RECORD_CONSENT = "record_consent"


# A referral record made by staff of another team of the controller: creating it is how a service
# receives the referral, so the referrer needs no role in the service (reading it later does).
REFERRAL_OBJECT = "casework.referral"

# A person's kind, as the register names data subjects.
SUBJECT_KEYS = {
    Person.Kind.CHILD: "child",
    Person.Kind.PARENT: "parent-carer",
    Person.Kind.PROFESSIONAL: "professional",
    Person.Kind.STAFF: "school-workforce",
}


@dataclass(frozen=True, slots=True)
class Touch:
    """What is about to be touched: whose data, which categories, for which registered purpose."""

    subject: Person
    controller: str
    service: str
    purpose: str
    categories: tuple[str, ...]
    case_id: int | None = None
    case_team_id: int | None = None
    case_worker_id: int | None = None
    record_restricted: bool = False
    source_school_id: int | None = None
    object_type: str = ""
    object_id: str = ""

    def decision_key(self) -> tuple[object, ...]:
        """Everything a decision depends on (not which object it is)."""
        return (
            self.subject.pk,
            self.controller,
            self.service,
            self.purpose,
            self.categories,
            self.case_id,
            self.case_team_id,
            self.case_worker_id,
            self.record_restricted,
            self.source_school_id,
        )


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reasons: tuple[str, ...]
    via: str = ""
    # Whom a refusal is about, where the deciding code knows: the refusal page offers emergency
    # access to this person when the actor could open a grant (tutela.web.middleware).
    subject_id: int | None = None
    # The reasons' codes (tutela.governance.refusals.Refusal), one for each reason of a refusal.
    codes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.allowed


@dataclass
class ActorContext:
    user: User
    controller: str | None
    reads_records: bool
    service_wide: bool
    team_ids: set[int]
    team_services: set[str]
    school_id: int | None
    # subject id -> (controller, service) -> the grant's reason
    break_glass: dict[int, dict[tuple[str, str], str]] = field(default_factory=dict)
    role_codes: set[str] = field(default_factory=set)


@dataclass
class SubjectContext:
    live_consents: set[tuple[str, str, str]]
    upheld_objections: set[tuple[str, str, str]]


def break_glass_grants(actor: User, subject_ids: Iterable[int], now: datetime) -> dict[int, dict[tuple[str, str], str]]:
    """The actor's grants in force now, by subject, each for one controller's service."""
    grants = BreakGlassGrant.objects.filter(
        actor=actor, subject_id__in=list(subject_ids), granted_at__lte=now, expires_at__gt=now
    ).values_list("subject_id", "controller__slug", "service", "reason")
    found: dict[int, dict[tuple[str, str], str]] = {}
    for subject_id, controller, service, reason in grants:
        found.setdefault(subject_id, {})[(controller, service)] = reason
    return found


def break_glass_reason(touch: Touch, actor: ActorContext) -> str | None:
    """The reason of a grant that opens this touch, if any: the actor's own controller's data, in the
    grant's service, for a role that reads records (a grant can never open another controller's data)."""
    if actor.controller != touch.controller or not actor.reads_records:
        return None
    return actor.break_glass.get(touch.subject.pk, {}).get((touch.controller, touch.service))


def actor_context(actor: User, subject_ids: Iterable[int], now: datetime, *, with_grants: bool = True) -> ActorContext:
    # Roles and teams in one query: a user holds a few of each, so the cross product is tiny.
    rows = list(
        User.objects.filter(pk=actor.pk).values_list(
            "roles__reads_records", "roles__service_wide_reach", "teams__id", "teams__service", "roles__code"
        )
    )
    roles = {(reads, wide) for reads, wide, _team, _service, _code in rows if reads is not None}
    teams = {(team_id, service) for _reads, _wide, team_id, service, _code in rows if team_id is not None}
    return ActorContext(
        user=actor,
        controller=actor.controller.slug if actor.controller is not None else None,
        reads_records=all(reads for reads, _wide in roles) if roles else True,
        service_wide=any(wide for _reads, wide in roles),
        team_ids={team_id for team_id, _service in teams},
        team_services={service for _team_id, service in teams if service},
        school_id=actor.school_id,
        break_glass=break_glass_grants(actor, subject_ids, now) if with_grants else {},
        role_codes={code for *_rest, code in rows if code is not None},
    )


# What the gate knows of each subject's live consents and upheld objections comes from the consent
# app, which sits above the gate: it registers its reader at start-up (tutela.consent.apps). Without
# one the gate would miss upheld objections, so it refuses to decide at all.
SubjectFactsReader = Callable[[list[int], dict[int, "SubjectContext"]], None]
_subject_facts_readers: list[SubjectFactsReader] = []


def subject_facts_reader_register(reader: SubjectFactsReader) -> None:
    """Add a reader that fills in subjects' consents and objections (called at start-up)."""
    if reader not in _subject_facts_readers:
        _subject_facts_readers.append(reader)


def subject_contexts(subject_ids: Iterable[int]) -> dict[int, SubjectContext]:
    if not _subject_facts_readers:
        raise ImproperlyConfigured("the gate has no reader of consents and objections: is tutela.consent installed?")
    ids = list(set(subject_ids))
    contexts = {subject_id: SubjectContext(set(), set()) for subject_id in ids}
    for reader in _subject_facts_readers:
        reader(ids, contexts)
    return contexts


def _register_reasons(touch: Touch, action: Action, registers: RegisterSet) -> list[Reason]:
    try:
        purpose = registers.purpose(touch.controller, touch.service, touch.purpose)
    except LookupError:
        return [(Refusal.PURPOSE_UNKNOWN, refusals.purpose_unknown(registers, touch.controller, touch.service))]
    if purpose.retired:
        return [(Refusal.PURPOSE_RETIRED, refusals.purpose_retired(purpose))]
    subject_key = SUBJECT_KEYS.get(Person.Kind(touch.subject.kind), "")
    if subject_key not in purpose.data_subjects:
        return [(Refusal.SUBJECT_NOT_COVERED, refusals.subject_not_covered(registers, purpose, subject_key))]
    outside = sorted(set(touch.categories) - set(purpose.categories))
    if outside:
        sentence = refusals.categories_outside(
            registers=registers,
            service=registers.service(touch.controller, touch.service),
            purpose=purpose,
            outside=outside,
            touched=touch.categories,
            action=str(action),
        )
        return [(Refusal.CATEGORIES_OUTSIDE_PURPOSE, sentence)]
    return []


def _basis_reasons(touch: Touch, action: Action, registers: RegisterSet, subject: SubjectContext) -> list[Reason]:
    purpose = registers.purpose(touch.controller, touch.service, touch.purpose)
    reasons: list[Reason] = []
    # Recording a consent is how the consent comes to be: asking for one first would never allow it.
    live = (touch.controller, touch.service, touch.purpose) in subject.live_consents
    consented = live or action == Action.RECORD_CONSENT
    # Disposal is not processing that needs a basis to go on: a withdrawn consent must not block it.
    if purpose.lawful_basis == LawfulBasis.CONSENT and action != Action.DISPOSE and not consented:
        reasons.append((Refusal.NO_CONSENT, refusals.no_consent(purpose)))
    categories = registers.categories(list(touch.categories))
    special_keys = [category.key for category in categories if category.special]
    criminal_keys = [category.key for category in categories if category.criminal]
    special, criminal = bool(special_keys), bool(criminal_keys)
    if special and purpose.special_condition is None:
        reasons.append(
            (Refusal.NO_SPECIAL_CONDITION, refusals.no_condition(registers, purpose, special_keys, criminal=False))
        )
    if criminal and purpose.criminal_condition is None:
        reasons.append(
            (Refusal.NO_CRIMINAL_CONDITION, refusals.no_condition(registers, purpose, criminal_keys, criminal=True))
        )
    # Art 9(2)(a) (and DPA 2018 Sch 1 para 29 for Art 10 data): the condition is the person's explicit
    # consent, so it holds only while a live consent covers this purpose.
    explicit = [
        key
        for condition, keys in ((purpose.special_condition, special_keys), (purpose.criminal_condition, criminal_keys))
        if keys and condition is not None and condition.is_explicit_consent
        for key in keys
    ]
    if explicit and action != Action.DISPOSE and not consented:
        reasons.append((Refusal.NO_EXPLICIT_CONSENT, refusals.no_explicit_consent(registers, purpose, explicit)))
    return reasons


def _access_reasons(touch: Touch, actor: ActorContext, registers: RegisterSet) -> list[Reason]:
    """The service's ``access_limited_to``: only holders of the roles the register maps its groups to.

    The limit is on the controller's own handling; a school reading back what it submitted itself
    is the source of that data, not one of the controller's handlers."""
    groups = registers.service(touch.controller, touch.service).access_limited_to
    if not groups or (actor.school_id is not None and touch.source_school_id == actor.school_id):
        return []
    if actor.role_codes & {role for group in groups for role in group.roles}:
        return []
    return [(Refusal.ACCESS_LIMITED, refusals.access_limited([group.name for group in groups]))]


def _limits_reasons(touch: Touch, registers: RegisterSet, subject: SubjectContext) -> list[Reason]:
    purpose = registers.purpose(touch.controller, touch.service, touch.purpose)
    reasons: list[Reason] = []
    restricted = touch.subject.processing_restricted or touch.record_restricted
    if restricted and not purpose.legal_claims:
        reasons.append((Refusal.RESTRICTED, refusals.RESTRICTED))
    if (touch.controller, touch.service, touch.purpose) in subject.upheld_objections:
        reasons.append((Refusal.OBJECTION_UPHELD, refusals.objection_upheld(purpose)))
    return reasons


def need_to_know(touch: Touch, actor: ActorContext) -> str:
    """How the actor needs to know, or '' if they do not."""
    if actor.controller != touch.controller or not actor.reads_records:
        return ""
    if actor.school_id is not None and touch.source_school_id == actor.school_id:
        return "submitted by your school"
    if touch.case_id is not None:
        if touch.case_worker_id == actor.user.pk:
            return "allocated to the case"
        if touch.case_team_id in actor.team_ids:
            return "member of the owning team"
        if actor.service_wide and touch.service in actor.team_services:
            return "service-wide role"
        return ""
    return "team delivering the service" if touch.service in actor.team_services else ""


def _referring(touch: Touch, action: Action, actor: ActorContext) -> str:
    """Staff of the controller creating a referral record for another of its services."""
    referral = action == Action.CREATE and touch.object_type == REFERRAL_OBJECT and touch.case_id is None
    same = actor.controller == touch.controller and actor.reads_records and actor.school_id is None
    return "referral to the service" if referral and same else ""


def check(
    touch: Touch, action: Action, *, actor: ActorContext, subject: SubjectContext, registers: RegisterSet
) -> Decision:
    """The decision itself, from preloaded context: no queries."""
    reasons = _register_reasons(touch, action, registers)
    if not reasons:
        reasons = _basis_reasons(touch, action, registers, subject) + _limits_reasons(touch, registers, subject)
    if not reasons:
        reasons = _access_reasons(touch, actor, registers)
    if reasons:
        codes = tuple(str(code) for code, _sentence in reasons)
        return Decision(False, tuple(sentence for _code, sentence in reasons), subject_id=touch.subject.pk, codes=codes)
    via = need_to_know(touch, actor) or _referring(touch, action, actor)
    if via:
        return Decision(True, (via,), via)
    grant = break_glass_reason(touch, actor)
    if grant is not None:
        return Decision(True, (f"break-glass: {grant}",), "break-glass")
    return Decision(False, (NO_NEED_TO_KNOW,), subject_id=touch.subject.pk, codes=(str(Refusal.NO_NEED_TO_KNOW),))


def decide(*, actor: User, action: Action, touch: Touch) -> Decision:
    """Decide one touch and audit it."""
    return decide_many(actor=actor, action=action, touches=[touch])[0]


def decide_many(*, actor: User, action: Action, touches: Sequence[Touch], summary: str = "") -> list[Decision]:
    """Decide many touches with one set of context queries and one audit entry."""
    groups: dict[tuple[object, ...], tuple[Touch, list[str]]] = {}
    for touch in touches:
        groups.setdefault(touch.decision_key(), (touch, []))[1].append(touch.object_id)
    decided = decide_groups(
        actor=actor, action=action, groups=list(groups.values()), summary=summary, single=len(touches) == 1
    )
    by_key = {key: decision for key, decision in zip(groups, decided, strict=True)}
    return [by_key[touch.decision_key()] for touch in touches]


def decide_groups(
    *,
    actor: User,
    action: Action,
    groups: Sequence[tuple[Touch, Sequence[str]]],
    summary: str = "",
    single: bool = False,
) -> list[Decision]:
    """Decide once for each group of objects that share everything a decision depends on.

    A page of records on one case under one purpose is one group: one check, however many
    records. One touch is audited as one entry; a batch as one entry listing every object id
    with its outcome, and the reasons for each denial.
    """
    if not groups:
        return []
    now = timezone.now()
    subject_ids = {touch.subject.pk for touch, _ids in groups}
    actor_ctx = actor_context(actor, subject_ids, now, with_grants=False)
    subjects = subject_contexts(subject_ids)
    registers = register()

    def decide_one(touch: Touch) -> Decision:
        return check(touch, action, actor=actor_ctx, subject=subjects[touch.subject.pk], registers=registers)

    decisions = [decide_one(touch) for touch, _ids in groups]
    if any(decision.reasons == (NO_NEED_TO_KNOW,) for decision in decisions):
        # Only now look for break-glass grants: most pages never need the query.
        actor_ctx.break_glass = break_glass_grants(actor, subject_ids, now)
        if actor_ctx.break_glass:
            decisions = [
                decide_one(touch) if decision.reasons == (NO_NEED_TO_KNOW,) else decision
                for (touch, _ids), decision in zip(groups, decisions, strict=True)
            ]
    _audit(actor, action, groups, decisions, summary, single)
    return decisions


def _audit(
    actor: User,
    action: Action,
    groups: Sequence[tuple[Touch, Sequence[str]]],
    decisions: list[Decision],
    summary: str,
    single: bool,
) -> None:
    first = groups[0][0]
    if single:
        audit_record(
            actor=actor,
            action=str(action),
            object_type=first.object_type,
            object_id=first.object_id,
            subject_id=first.subject.pk,
            purpose=f"{first.controller}/{first.service}/{first.purpose}",
            decision="allowed" if decisions[0].allowed else "denied",
            reason="; ".join(decisions[0].reasons),
            detail={"categories": list(first.categories), "via": decisions[0].via, "codes": list(decisions[0].codes)},
        )
        return
    allowed = [oid for (_t, ids), d in zip(groups, decisions, strict=True) if d.allowed for oid in ids]
    denied = [
        {"ids": list(ids), "purpose": touch.purpose, "reasons": list(decision.reasons), "codes": list(decision.codes)}
        for (touch, ids), decision in zip(groups, decisions, strict=True)
        if not decision.allowed
    ]
    subject_ids = sorted({touch.subject.pk for touch, _ids in groups})
    purposes = {touch.purpose for touch, _ids in groups}
    controllers = {touch.controller for touch, _ids in groups}
    # The DPO's review of a grant lists what was opened under it.
    via_break_glass = [
        {"type": touch.object_type, "id": oid}
        for (touch, ids), d in zip(groups, decisions, strict=True)
        if d.via == "break-glass"
        for oid in ids
    ]
    denied_count = sum(len(group["ids"]) for group in denied)
    audit_record(
        actor=actor,
        action=str(action),
        object_type=summary or first.object_type,
        subject_id=subject_ids[0] if len(subject_ids) == 1 else "",
        purpose="several" if len(purposes) > 1 else f"{first.controller}/{first.service}/{first.purpose}",
        decision="denied" if not allowed else "allowed",
        reason=f"{len(allowed)} allowed, {denied_count} denied",
        detail={"allowed": allowed, "denied": denied, "subjects": subject_ids, "via_break_glass": via_break_glass},
        controller=first.controller if len(controllers) == 1 else "",
    )


def knows_in_service(
    *,
    actor: User,
    subjects: Sequence[Person],
    controller: str,
    service: str,
    action: Action = Action.READ,
    object_type: str = "people.person",
    object_id: str = "",
) -> bool:
    """Whether the actor needs to know every one of these people in this service, or holds break-glass for them.

    Only for acts about people that no purpose's use governs: withdrawing a consent, which must stay
    possible whatever the register now says and under restriction or objection (Art 7(3): as easy to
    withdraw as to give; a withdrawal stops use, it is not one). Where the caller knows the purpose,
    decide that purpose through the full gate instead. Audited like every decision: one entry
    naming the people, allowed or denied.
    """
    context = actor_context(actor, [subject.pk for subject in subjects], timezone.now())
    touches = [Touch(subject=s, controller=controller, service=service, purpose="", categories=()) for s in subjects]
    unknown = [
        t.subject.pk for t in touches if not (need_to_know(t, context) or break_glass_reason(t, context) is not None)
    ]
    subject_ids = sorted(subject.pk for subject in subjects)
    audit_record(
        actor=actor,
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        subject_id=subject_ids[0] if len(subject_ids) == 1 else "",
        purpose=f"{controller}/{service}",
        decision="denied" if unknown else "allowed",
        reason=NO_NEED_TO_KNOW if unknown else "needs to know in the service",
        detail={"subjects": subject_ids, "unknown": unknown},
    )
    return not unknown
