from django.urls import path

from tutela.attendance import views

app_name = "attendance"

urlpatterns = [
    path("worklist/<slug:service>/", views.worklist, name="worklist"),
]
