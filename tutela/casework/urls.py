from django.urls import URLPattern

app_name = "casework"

# Each area's helpers add their patterns here: intake (referrals), case (cases, steps, tasks), flags.
urlpatterns: list[URLPattern] = []
