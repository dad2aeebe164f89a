from django.urls import path

from tutela.governance import register_views as views

app_name = "register"

urlpatterns = [
    path("privacy/", views.privacy_index, name="privacy_index"),
    path("privacy/<slug:controller>/<slug:service>/", views.notice, name="notice"),
    path(
        "privacy/<slug:controller>/<slug:service>/young-people/", views.notice_young_people, name="notice_young_people"
    ),
    path("privacy/<slug:controller>/<slug:service>/notice.pdf", views.notice_as_pdf, name="notice_pdf"),
    path("register/", views.register_index, name="index"),
    path("register/<slug:controller>/", views.register_controller, name="controller"),
    path("register/<slug:controller>/record-of-processing.csv", views.ropa_as_csv, name="ropa_csv"),
    path("register/<slug:controller>/record-of-processing.pdf", views.ropa_as_pdf, name="ropa_pdf"),
    path(
        "register/<slug:controller>/<slug:service>/appropriate-policy-document/",
        views.policy_document,
        name="policy_document",
    ),
]
