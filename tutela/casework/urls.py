from django.urls import URLPattern, path

from tutela.casework.views import dashboards

app_name = "casework"

# Each area's helpers add their patterns here: intake (referrals), case (cases, steps, tasks), flags.
urlpatterns: list[URLPattern] = [
    path("services/<slug:service>/", dashboards.service, name="service"),
    path("services/<slug:service>/cases/", dashboards.cases, name="service_cases"),
]
