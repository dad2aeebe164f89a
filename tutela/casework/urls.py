from django.urls import URLPattern, path

from tutela.casework.views import intake

app_name = "casework"

# Each area's helpers add their patterns here: intake (referrals), case (cases, steps, tasks), flags.
urlpatterns: list[URLPattern] = [
    path("refer/", intake.refer, name="refer"),
    path("services/<slug:service>/refer/<slug:form>/", intake.referral_new, name="referral_new"),
    path("referrals/", intake.referrals, name="referrals"),
    path("referrals/<int:referral_id>/", intake.referral_detail, name="referral"),
]
