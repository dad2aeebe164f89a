from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tutela.web.urls")),
    path("", include("tutela.governance.urls")),
    path("audit/", include("tutela.audit.urls")),
    path("", include("tutela.governance.register_urls")),
    path("", include("tutela.web.records_urls")),
    path("", include("tutela.casework.urls")),
    path("", include("tutela.casework.consent_urls")),
    path("sharing/", include("tutela.sharing.urls")),
    path("attendance/", include("tutela.attendance.urls")),
    path("enforcement/", include("tutela.enforcement.urls")),
    path("api/", include("tutela.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "tutela.web.views.forbidden"
handler404 = "tutela.web.views.not_found"
handler500 = "tutela.web.views.server_error"
