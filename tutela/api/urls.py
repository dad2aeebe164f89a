from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from tutela.api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("people/", views.PeopleView.as_view(), name="people"),
    path("people/<int:person_id>/", views.PersonView.as_view(), name="person"),
    path("records/", views.RecordsView.as_view(), name="records"),
    path("records/<int:record_id>/", views.RecordView.as_view(), name="record"),
    path("consents/", views.ConsentsView.as_view(), name="consents"),
    path("consents/<int:consent_id>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
]
