"""Middleware of the site's frame: static files, missing objects as 404s, and no caching of personal data.

GOV.UK Frontend's compiled CSS refers to its fonts and images at ``/assets/``, so that folder of
the npm package is served there as well as under ``/static/govuk-frontend/``.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseMiddleware


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
