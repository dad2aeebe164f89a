from django.urls import URLPattern, path

from tutela.casework.views import flags

app_name = "casework"

# Each area's helpers add their patterns here: intake (referrals), case (cases, steps, tasks), flags.
urlpatterns: list[URLPattern] = [
    path("flags/<int:flag_id>/", flags.flag_detail, name="flag"),
]
