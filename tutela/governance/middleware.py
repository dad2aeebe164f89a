"""Holds a signed-in user at the second-factor step until they pass it, where it is required."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tutela.accounts.models import User
from tutela.accounts.selectors import user_confirmed_device, user_two_factor_required

# Pages a half-signed-in user may still reach: the second-factor steps, signing out, public pages.
_OPEN_PREFIXES = ("/sign-in/", "/sign-out/", "/static/", "/assets/", "/healthz", "/privacy/")


def _verified(user: User) -> bool:
    # django_otp's OTPMiddleware adds is_verified() to the request's user.
    return bool(getattr(user, "is_verified", lambda: False)())


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.is_authenticated
            and not _verified(user)
            and not request.path.startswith(_OPEN_PREFIXES)
            and user_two_factor_required(user=user)
        ):
            has_device = user_confirmed_device(user=user) is not None
            return redirect("governance:two_factor_verify" if has_device else "governance:two_factor_set_up")
        return self.get_response(request)
