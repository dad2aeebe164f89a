"""Sign-in forms, with the error messages the GOV.UK Design System recommends."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from tutela.lib.forms import GovukForm, GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been switched off. Ask your administrator to switch it back on",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class SecurityCodeForm(GovukForm):
    code = forms.RegexField(
        label="Security code",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code shown in your authenticator app",
        error_messages={"required": "Enter the security code", "invalid": "The security code must be 6 digits"},
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class ChoosePasswordForm(GovukFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    """Choosing a password from a set-password link an administrator passed on."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters; not a common password or like your name"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
