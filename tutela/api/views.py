"""The REST API: the same services and selectors as the pages, so the same gate and audit log.

Errors: 400 with {field: message} for bad input (nothing is written), 403 with the gate's reasons
in words (detail) and their codes (codes; the refusal is audited), 404 for what does not exist (any
DoesNotExist, in tutela.api.errors), 409 with possible duplicates to confirm.
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tutela.accounts.models import User
from tutela.api.errors import refusal_response
from tutela.api.serializers import (
    ConsentCreateSerializer,
    ConsentWithdrawSerializer,
    CreatedSerializer,
    PersonCreateSerializer,
    PersonSummarySerializer,
    RecordCreateSerializer,
    RecordDetailSerializer,
    RecordRowSerializer,
    WithdrawnSerializer,
)
from tutela.casework.access import case_for_actor
from tutela.casework.case_records import record_add_to_case
from tutela.casework.people_list import people_for_actor
from tutela.consent.selectors import consent_for_actor
from tutela.consent.services import consent_give, consent_withdraw
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action
from tutela.lib.errors import InvalidInput
from tutela.people.selectors import person_by_id
from tutela.people.services import PersonDetails, PossibleDuplicates, person_create
from tutela.records.selectors import record_read
from tutela.web.person_page import person_page


def _actor(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101 -- IsAuthenticated guarantees a signed-in user
    return request.user


def _answer(work: Callable[[], Response]) -> Response:
    """Run the service call and turn its errors into the API's answers."""
    try:
        return work()
    except InvalidInput as invalid:
        return Response(invalid.errors, status=status.HTTP_400_BAD_REQUEST)
    except GateDenied as denied:
        return refusal_response(denied)
    except PossibleDuplicates as possible:
        matches = PersonSummarySerializer(possible.matches, many=True).data
        return Response(
            {"detail": "possible duplicates: confirm to add anyway", "matches": matches},
            status=status.HTTP_409_CONFLICT,
        )
    except LookupError:
        # Not in the register. A missing object (DoesNotExist) is answered by tutela.api.errors.
        return Response({"detail": "not found"}, status=status.HTTP_404_NOT_FOUND)


class PeopleView(APIView):
    @extend_schema(responses=PersonSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        people = people_for_actor(actor=_actor(request), search=request.query_params.get("q", ""))
        return Response(PersonSummarySerializer(people, many=True).data)

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonSummarySerializer})
    def post(self, request: Request) -> Response:
        incoming = PersonCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(incoming.validated_data)

        def create() -> Response:
            actor = _actor(request)
            team = actor.teams.get(pk=data.pop("team"))
            confirmed = data.pop("confirmed_not_duplicate")
            person = person_create(
                actor=actor, team=team, details=PersonDetails(**data), confirmed_not_duplicate=confirmed
            )
            return Response(PersonSummarySerializer(person).data, status=status.HTTP_201_CREATED)

        return _answer(create)


class PersonView(APIView):
    @extend_schema(responses=PersonSummarySerializer)
    def get(self, request: Request, person_id: int) -> Response:
        def read() -> Response:
            page = person_page(actor=_actor(request), person_id=person_id)
            body = dict(PersonSummarySerializer(page.person).data)
            body["records"] = RecordRowSerializer(page.records, many=True).data
            body["consents"] = [
                {
                    "id": row.consent.pk,
                    "service": row.consent.service,
                    "purposes": row.consent.purposes,
                    "recipients": row.consent.recipients,
                    "given_on": row.consent.given_on,
                    "withdrawn_on": row.consent.withdrawn_on,
                }
                for row in page.consents
            ]
            body["objections"] = [
                {
                    "id": row.objection.pk,
                    "service": row.objection.service,
                    "purpose": row.objection.purpose,
                    "raised_on": row.objection.raised_on,
                    "status": row.objection.status,
                    "decided_on": row.objection.decided_on,
                    "reasons": row.objection.rationale,
                    "legal_reason": row.objection.legal_reason,
                    "right_to_complain": row.objection.right_to_complain,
                }
                for row in page.objections
            ]
            return Response(body)

        return _answer(read)


class RecordsView(APIView):
    @extend_schema(request=RecordCreateSerializer, responses={201: CreatedSerializer})
    def post(self, request: Request) -> Response:
        incoming = RecordCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data

        def create() -> Response:
            actor = _actor(request)
            case = case_for_actor(actor=actor, case_id=data["case"], action=Action.CREATE)
            record = record_add_to_case(
                actor=actor,
                case=case,
                purpose=data["purpose"],
                categories=data["categories"],
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                occurred_on=data["occurred_on"],
                source=data["source"],
            )
            return Response({"id": record.pk, "encrypted": record.encrypted}, status=status.HTTP_201_CREATED)

        return _answer(create)


class RecordView(APIView):
    @extend_schema(responses=RecordDetailSerializer)
    def get(self, request: Request, record_id: int) -> Response:
        def read() -> Response:
            view = record_read(actor=_actor(request), record_id=record_id)
            record = view.record
            return Response(
                {
                    "id": record.pk,
                    "kind": record.kind,
                    "title": record.title,
                    "body": view.body,
                    "destroyed": view.destroyed,
                    "occurred_on": record.occurred_on,
                    "service": record.service,
                    "purpose": record.purpose,
                    "categories": record.categories,
                    "retention_due": record.retention_due,
                }
            )

        return _answer(read)


class ConsentsView(APIView):
    @extend_schema(request=ConsentCreateSerializer, responses={201: CreatedSerializer})
    def post(self, request: Request) -> Response:
        incoming = ConsentCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data

        def give() -> Response:
            actor = _actor(request)
            case = case_for_actor(actor=actor, case_id=data["case"], action=Action.CREATE)
            consent = consent_give(
                actor=actor,
                subject=case.child,
                given_by=person_by_id(person_id=data["given_by"]),
                controller=case.controller,
                service=case.service,
                purposes=data["purposes"] or [data["purpose"]],
                recipients=data["recipients"],
                form_reference=data["form_reference"],
                given_on=data["given_on"],
            )
            return Response({"id": consent.pk}, status=status.HTTP_201_CREATED)

        return _answer(give)


class ConsentWithdrawView(APIView):
    @extend_schema(request=ConsentWithdrawSerializer, responses=WithdrawnSerializer)
    def post(self, request: Request, consent_id: int) -> Response:
        incoming = ConsentWithdrawSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data

        def withdraw() -> Response:
            actor = _actor(request)
            consent = consent_for_actor(actor=actor, consent_id=consent_id)
            consent_withdraw(
                actor=actor,
                consent=consent,
                withdrawn_by=person_by_id(person_id=data["withdrawn_by"]),
                withdrawn_on=data["withdrawn_on"],
                note=data["note"],
            )
            return Response({"id": consent.pk, "withdrawn_on": data["withdrawn_on"]})

        return _answer(withdraw)
