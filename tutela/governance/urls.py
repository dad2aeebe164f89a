from django.urls import path

from tutela.governance import views

app_name = "governance"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("sign-in/two-factor/set-up/", views.two_factor_set_up, name="two_factor_set_up"),
    # Under sign-in/ so a half-signed-in session (TwoFactorMiddleware) can still reach it.
    path("sign-in/set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
