"""Middleware of the site's frame: static files, refusals as 403s, missing objects as 404s, no caching of personal data.

GOV.UK Frontend's compiled CSS refers to its fonts and images at ``/assets/``, so that folder of
the npm package is served there as well as under ``/static/govuk-frontend/``.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseMiddleware

from tutela.accounts.models import User
from tutela.governance.break_glass import break_glass_refusal
from tutela.governance.errors import GateDenied
from tutela.people.models import Person
from tutela.people.selectors import person_by_id


class GovukWhiteNoiseMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse] | None = None, **kwargs: Any) -> None:
        super().__init__(get_response, **kwargs)
        assets = settings.GOVUK_FRONTEND_DIST / "assets"
        if assets.is_dir():
            self.add_files(str(assets), prefix="assets/")


class MissingObjectMiddleware:
    """A page about something that does not exist is the 404 page, wherever the lookup happened.

    Selectors and services raise the model's ``DoesNotExist`` (they also serve commands and the
    API, which know nothing of HTTP); this one place turns it into a 404, as ``GateDenied`` is
    turned into a 403. The API does the same in its own exception handler (``tutela.api.errors``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ObjectDoesNotExist):
            raise Http404(str(exception)) from exception
        return None


class RefusalMiddleware:
    """A page the gate refuses is the 403 page that says why, wherever the refusal was raised.

    Selectors and services raise ``GateDenied`` (the refusal is already in the audit log); views let
    it propagate rather than each catching it. A view keeps its own ``except GateDenied`` only where
    it does something else with it, such as showing the form again with the reason as an error.
    Emergency access is offered only to someone who could open a grant on the person the refusal is
    about: a link that leads to a second refusal is a dead end. The API answers a refusal with its
    JSON 403 (``tutela.api.errors``) before it gets here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, GateDenied):
            return None
        context = {"reasons": exception.decision.reasons, "person_id": _break_glass_offer(request, exception)}
        return render(request, "web/refused.html", context, status=403)


def _break_glass_offer(request: HttpRequest, denied: GateDenied) -> int | None:
    """The person to offer emergency access to, if the refusal names one and the user could open a grant."""
    user = getattr(request, "user", None)
    if denied.subject_id is None or not isinstance(user, User) or not user.is_authenticated:
        return None
    try:
        subject = person_by_id(person_id=denied.subject_id)
    except Person.DoesNotExist:
        return None
    return None if break_glass_refusal(actor=user, subject=subject) else subject.pk


class NoStoreMiddleware:
    """Nothing shown to a signed-in user is kept in the browser's or a proxy's cache.

    Every page and API answer for a signed-in user may carry personal data, so it is sent with
    ``Cache-Control: no-store`` (UK GDPR Art 32: a shared or stolen computer must not hold copies).
    A response that already states its caching (a file download, a public page) keeps it; static
    files never reach this middleware (WhiteNoise answers them first) and the public privacy
    notices, read signed out, stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read the user after the view: the API authenticates tokens inside the view, and sets it then.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response
