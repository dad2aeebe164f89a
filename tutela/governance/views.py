"""Sign-in, sign-out and the second-factor steps (thin: the work is in services and selectors)."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from tutela.accounts.selectors import actor_from_request, user_confirmed_device
from tutela.governance.administration import user_password_set_record
from tutela.governance.forms import ChoosePasswordForm, SecurityCodeForm, SignInForm
from tutela.governance.services import (
    sign_in_record,
    sign_out_record,
    totp_device_begin,
    totp_device_confirm,
    totp_verify,
)


class SignInView(LoginView):
    template_name = "governance/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        sign_in_record(user=form.get_user())
        return response


class SetPasswordView(PasswordResetConfirmView):
    """The one-time link from an invitation (governance.administration.user_invite)."""

    template_name = "governance/set_password.html"
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("governance:sign_in")

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        user_password_set_record(user=self.user)
        messages.success(self.request, "Your password is set. Sign in with it")
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        sign_out_record(user=request.user)
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("governance:sign_in")


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = actor_from_request(request)
    device = user_confirmed_device(user=user)
    if device is None:
        return redirect("governance:two_factor_set_up")
    form = SecurityCodeForm(request.POST or None)
    if form.is_valid():
        if totp_verify(user=user, device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect("web:home")
        form.add_error("code", "The security code is wrong or has expired")
    return render(request, "governance/two_factor_verify.html", {"form": form})


def _qr_data_uri(config_url: str) -> str:
    # A data: URI image rather than inline SVG, so the page needs no inline style under the CSP.
    buffer = BytesIO()
    qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    user = actor_from_request(request)
    if user_confirmed_device(user=user) is not None:
        return redirect("governance:two_factor_verify")
    device = totp_device_begin(user=user)
    form = SecurityCodeForm(request.POST or None)
    if form.is_valid():
        if totp_device_confirm(user=user, device=device, token=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is set up")
            return redirect("web:home")
        form.add_error("code", "The security code is wrong or has expired")
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr_code": _qr_data_uri(device.config_url), "secret": secret}
    return render(request, "governance/two_factor_set_up.html", context)
