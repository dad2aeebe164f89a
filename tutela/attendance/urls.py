from django.urls import path

from tutela.attendance import views

app_name = "attendance"

urlpatterns = [
    path("", views.index, name="index"),
    path("worklist/<slug:service>/", views.worklist, name="worklist"),
    path("schools/<str:urn>/", views.school, name="school"),
    path("la/", views.local_authority, name="la"),
    path("pupils/<int:person_id>/", views.pupil_this_year, name="pupil_this_year"),
    path("pupils/<int:person_id>/<int:academic_year>/", views.pupil, name="pupil"),
]
