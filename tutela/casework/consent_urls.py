from django.urls import path

from tutela.casework import consent_views as views

app_name = "consent"

urlpatterns = [
    path("people/<int:person_id>/consents/", views.consent_list, name="list"),
    path("people/<int:person_id>/consents/new/", views.consent_new, name="new"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw_page, name="withdraw"),
    path("people/<int:person_id>/objections/new/", views.objection_new, name="objection_new"),
    path("objections/<int:objection_id>/decide/", views.objection_decide_page, name="objection_decide"),
]
