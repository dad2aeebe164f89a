from django.urls import path

from tutela.sharing import views

app_name = "sharing"

urlpatterns = [
    path("agreements/", views.agreements, name="agreements"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:disclosure_id>/", views.review, name="review"),
]
