"""Static files for the GOV.UK pages, served by WhiteNoise.

GOV.UK Frontend's compiled CSS refers to its fonts and images at ``/assets/``, so that folder of
the npm package is served there as well as under ``/static/govuk-frontend/``.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from whitenoise.middleware import WhiteNoiseMiddleware


class GovukWhiteNoiseMiddleware(WhiteNoiseMiddleware):  # type: ignore[misc]
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse] | None = None, **kwargs: Any) -> None:
        super().__init__(get_response, **kwargs)
        assets = settings.GOVUK_FRONTEND_DIST / "assets"
        if assets.is_dir():
            self.add_files(str(assets), prefix="assets/")
