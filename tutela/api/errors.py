"""The API's exception handler: what DRF does, and a missing object is a JSON 404.

Selectors raise the model's ``DoesNotExist`` wherever a lookup fails (they also serve pages and
commands); here, in one place, the API answers it as the 404 its documentation promises, and a
refusal by the gate as a 403 with its reasons (pages answer both in ``tutela.web.middleware``).
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tutela.governance.errors import GateDenied


def refusal_response(denied: GateDenied) -> Response:
    """A refusal as JSON: the reasons in words (``detail``) and, where the gate gave them, their codes
    (``codes``, from ``tutela.governance.refusals.Refusal``) for a client to act on."""
    return Response(
        {"detail": list(denied.decision.reasons), "codes": list(denied.decision.codes)},
        status=status.HTTP_403_FORBIDDEN,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, GateDenied):
        return refusal_response(exc)
    if isinstance(exc, ObjectDoesNotExist):
        exc = NotFound("not found")
    return drf_exception_handler(exc, context)
